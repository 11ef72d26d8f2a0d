// The tag selector's meaning, on generated organizations (fast-check, seeded): it selects exactly the ACTIVE
// accounts whose tags hold every key with a listed value (told as "key=value" pairs, another formulation
// than matchesTags'), never the guarded management account; a further key only narrows and a further value
// only widens, the directions the review's accountTags rule ranks by.
import * as assert from "assert";
import fc from "fast-check";
import { TargetSpec } from "../../components/spec";
import { OrgAccount, resolveTargets } from "../../components/targets";

const SEED = 37;
const MANAGEMENT = "000000000001";
const keys = fc.constantFrom("env", "Env", "team", "cost-center", "tier");
const values = fc.constantFrom("prod", "Prod", "dev", "", "payments", "search");

const account = (i: number) =>
  fc
    .record({
      state: fc.constantFrom("ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED", "PENDING_CLOSURE"),
      tags: fc.dictionary(keys, values, { maxKeys: 4 }),
    })
    .map(({ state, tags }): OrgAccount => ({
      id: i === 0 ? MANAGEMENT : String(100000000000 + i),
      name: `account ${i}`,
      state,
      tags,
    }));
const organization = fc
  .integer({ min: 1, max: 25 })
  .chain((n) => fc.tuple(...[...Array(n).keys()].map(account)));
const selector = fc.dictionary(keys, fc.uniqueArray(values, { minLength: 1, maxLength: 3 }), {
  minKeys: 1,
  maxKeys: 3,
});

const spec = (accountTags: Record<string, string[]>): TargetSpec => ({
  accounts: [],
  organizationalUnits: [],
  accountNames: [],
  accountTags,
  excludeAccounts: [],
  allAccounts: false,
  includeManagementAccount: false,
});
const selected = (accounts: OrgAccount[], tags: Record<string, string[]>) =>
  resolveTargets(spec(tags), {
    managementAccountId: MANAGEMENT,
    accounts,
    organizationalUnits: {},
  }).targets.map((t) => t.accountId);

describe("accountTags on generated organizations", () => {
  it("selects exactly the ACTIVE member accounts carrying every key with a listed value", () => {
    fc.assert(
      fc.property(organization, selector, (accounts, tags) => {
        const pairs = (a: OrgAccount) => new Set(Object.entries(a.tags ?? {}).map(([k, v]) => `${k}=${v}`));
        const expected = accounts
          .filter((a) => a.state === "ACTIVE" && a.id !== MANAGEMENT)
          .filter((a) => Object.entries(tags).every(([k, vs]) => vs.some((v) => pairs(a).has(`${k}=${v}`))))
          .map((a) => a.id)
          .sort();
        assert.deepStrictEqual(selected(accounts, tags), expected);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it("a further key never adds an account; a further value never removes one", () => {
    fc.assert(
      fc.property(organization, selector, keys, values, (accounts, tags, key, value) => {
        const before = new Set(selected(accounts, tags));
        if (!(key in tags)) {
          const narrower = selected(accounts, { ...tags, [key]: [value] });
          assert.ok(narrower.every((id) => before.has(id)));
        }
        const existing = Object.keys(tags)[0];
        const wider = new Set(selected(accounts, { ...tags, [existing]: [...tags[existing], value] }));
        assert.ok([...before].every((id) => wider.has(id)));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
