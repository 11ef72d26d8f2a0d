// Issue #37: the review resolves both sides, so a tag selector's change shows the accounts it gains or loses,
// each assignment line says which selectors brought the account in, and an accountNames entry that names
// another account than before is critical. Tags are given on the organization view directly.
import * as assert from "assert";
import fc from "fast-check";
import { AdminAccessComponentArgs } from "../../components/adminAccess";
import { validateConfig } from "../../components/config";
import { AccessChange, ChangeContext } from "../../analysis/review/changes";
import { diffPlans } from "../../analysis/diff";
import { planAdminAccess } from "../../components/plan";
import { OrgAccount, OrganizationView, resolveTargets } from "../../components/targets";
import { validArgs } from "../fixtures";

const MANAGEMENT = "999999999999";
const ACCOUNTS: OrgAccount[] = [
  { id: MANAGEMENT, name: "Management", state: "ACTIVE", tags: { env: "prod" } },
  { id: "012345678901", name: "Workloads Prod", state: "ACTIVE", tags: { env: "prod", team: "payments" } },
  { id: "210987654321", name: "Workloads Dev", state: "ACTIVE", tags: { env: "staging", team: "payments" } },
  { id: "333333333333", name: "Audit", state: "ACTIVE", tags: {} },
  { id: "222222222222", name: "Old Sandbox", state: "SUSPENDED", tags: { env: "staging" } },
];
const orgOf = (accounts: OrgAccount[]): OrganizationView => ({
  managementAccountId: MANAGEMENT,
  accounts,
  organizationalUnits: {},
});
const ORG = orgOf(ACCOUNTS);

const args = (overrides: Record<string, unknown>) =>
  validArgs({ accounts: [], ...overrides } as Partial<AdminAccessComponentArgs>);
const planOf = (a: AdminAccessComponentArgs, org = ORG) => {
  const spec = validateConfig(a);
  return planAdminAccess("aa", spec, resolveTargets(spec.targets, org));
};
const changes = (
  before: AdminAccessComponentArgs,
  after: AdminAccessComponentArgs,
  orgs: { before?: OrganizationView; after?: OrganizationView } = {},
  ctx: Partial<ChangeContext> = {},
): AccessChange[] => {
  const [was, now] = [orgs.before ?? ORG, orgs.after ?? ORG];
  return diffPlans(planOf(before, was), planOf(after, now), "base", {
    orgKnown: true,
    organizations: {
      before: was.accounts,
      after: now.accounts,
      beforeLabel: "base:org.json",
      afterLabel: "org.json",
      same: was === now,
    },
    ...ctx,
  }).changes;
};
const at = (list: AccessChange[], path: string) => list.filter((c) => c.path === path);

describe("the review of accountTags: the accounts a tag selector gains or loses (#37)", () => {
  it("a value added gains the accounts that carry it: critical, each named, and the assignment says why", () => {
    const list = changes(
      args({ accounts: ["333333333333"], accountTags: { env: "prod" } }),
      args({ accounts: ["333333333333"], accountTags: { env: ["prod", "staging"] } }),
    );
    const [tag] = at(list, "accountTags.env");
    assert.strictEqual(tag.severity, "critical");
    assert.deepStrictEqual([tag.old, tag.new], ["prod", "prod | staging"]);
    assert.match(tag.why, /: the tag selector gains 210987654321 \("Workloads Dev"\)$/);
    const [assigned] = at(list, "assignments");
    assert.strictEqual(assigned.severity, "critical");
    assert.strictEqual(assigned.new, '210987654321 ("Workloads Dev")');
    assert.match(assigned.why, /\(selected by accountTags\)$/);
  });

  it("a value removed loses them: info, and an account another selector still grants says so", () => {
    const list = changes(
      args({ accounts: ["210987654321"], accountTags: { env: ["prod", "staging"] } }),
      args({ accounts: ["210987654321"], accountTags: { env: "prod" } }),
    );
    const [tag] = at(list, "accountTags.env");
    assert.strictEqual(tag.severity, "info");
    assert.match(tag.why, /loses 210987654321 \("Workloads Dev"\), still granted by accounts$/);
    assert.deepStrictEqual(at(list, "assignments"), [], "the account stays assigned, through accounts");
  });

  it("a new condition narrows and gains nothing; the suspended and management accounts are never gained", () => {
    const list = changes(
      args({ accounts: ["333333333333"], accountTags: { env: ["prod", "staging"] } }),
      args({ accounts: ["333333333333"], accountTags: { env: ["prod", "staging"], team: "payments" } }),
    );
    const [tag] = at(list, "accountTags.team");
    assert.strictEqual(tag.severity, "info");
    assert.match(tag.why, /gains and loses no account of the --org file$/);
  });

  it("the same values in another order are no change: a list means any of them", () => {
    const list = changes(
      args({ accounts: ["333333333333"], accountTags: { env: ["prod", "staging"] } }),
      args({ accounts: ["333333333333"], accountTags: { env: ["staging", "prod"] } }),
    );
    assert.deepStrictEqual(at(list, "accountTags.env"), []);
  });

  it("a removed assignment says which selectors had brought the account in", () => {
    const list = changes(
      args({ accounts: ["333333333333"], accountTags: { team: "payments" } }),
      args({ accounts: ["333333333333"] }),
    );
    const lost = at(list, "assignments");
    assert.deepStrictEqual(
      lost.map((c) => [c.severity, c.old, c.why.replace(/.*\(/, "(")]),
      [
        ["info", '012345678901 ("Workloads Prod")', "(was selected by accountTags)"],
        ["info", '210987654321 ("Workloads Dev")', "(was selected by accountTags)"],
      ],
    );
  });

  it("agrees with a direct reading of the tags on generated selectors and organizations", () => {
    const KEYS = ["env", "team"];
    const VALUES = ["prod", "staging", "dev"];
    const ids = ["012345678901", "210987654321", "333333333333", "444444444444", "555555555555"];
    const tagsArb = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 });
    const selectorArb = fc.dictionary(
      fc.constantFrom(...KEYS),
      fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 }),
      { minKeys: 1, maxKeys: 2 },
    );
    const orgArb = fc.tuple(...ids.map(() => fc.record({ tags: tagsArb, active: fc.boolean() })));
    // The oracle: ACTIVE members carrying every key with one of its values.
    const matching = (selector: Record<string, string[]>, accounts: OrgAccount[]) =>
      accounts
        .filter(
          (a) =>
            a.state === "ACTIVE" &&
            a.id !== MANAGEMENT &&
            Object.entries(selector).every(([k, v]) => a.tags?.[k] !== undefined && v.includes(a.tags[k])),
        )
        .map((a) => a.id);
    fc.assert(
      fc.property(selectorArb, selectorArb, orgArb, (was, now, drawn) => {
        const accounts: OrgAccount[] = [
          ACCOUNTS[0],
          ...ids.map((id, i) => ({
            id,
            name: `acct-${i}`,
            // The account listed in accounts stays ACTIVE, so that every side resolves.
            state: drawn[i].active || id === "333333333333" ? "ACTIVE" : "SUSPENDED",
            tags: drawn[i].tags,
          })),
        ];
        const org = orgOf(accounts);
        const before = args({ accounts: ["333333333333"], accountTags: was });
        const after = args({ accounts: ["333333333333"], accountTags: now });
        const list = changes(before, after, { before: org, after: org });
        const [gained, lost] = [
          matching(now, accounts).filter((id) => !matching(was, accounts).includes(id)),
          matching(was, accounts).filter((id) => !matching(now, accounts).includes(id)),
        ];
        const tagLines = list.filter((c) => c.path.startsWith("accountTags."));
        if (JSON.stringify(was) === JSON.stringify(now)) return tagLines.length === 0;
        for (const line of tagLines) {
          for (const id of gained) assert.ok(line.why.includes(`${id} (`), `${line.why} names ${id}`);
          for (const id of lost) assert.ok(line.why.includes(`${id} (`), `${line.why} names ${id}`);
          if (gained.length > 0) assert.strictEqual(line.severity, "critical", line.why);
          if (gained.length === 0 && lost.length === 0) assert.match(line.why, /gains and loses no account/);
        }
        return true;
      }),
      { seed: 37, numRuns: 1500 },
    );
  });
});

describe("names pinned: an accountNames entry that names another account now is critical (#37)", () => {
  const renamed = orgOf(
    ACCOUNTS.map((a) =>
      a.id === "333333333333"
        ? { ...a, name: "Audit (old)" }
        : a.id === "210987654321"
          ? { ...a, name: "Audit" }
          : a,
    ),
  );

  it("a rename that moves the name to another account: critical, both accounts shown", () => {
    const stack = args({ accountNames: ["Audit"] });
    const list = changes(stack, stack, { before: ORG, after: renamed });
    const [moved] = at(list, 'accountNames["Audit"]');
    assert.strictEqual(moved.severity, "critical");
    assert.deepStrictEqual(
      [moved.old, moved.new],
      // Each account as it was named on its side.
      ['333333333333 ("Audit")', '210987654321 ("Audit")'],
    );
    assert.match(moved.why, /neither unique nor fixed/);
    assert.match(moved.why, /resolved against base:org\.json before and org\.json after/);
    const diff = diffPlans(planOf(stack, ORG), planOf(stack, renamed), "base", {
      orgKnown: true,
      organizations: {
        before: ORG.accounts,
        after: renamed.accounts,
        beforeLabel: "base:org.json",
        afterLabel: "org.json",
        same: false,
      },
    });
    assert.deepStrictEqual(diff.accountNames, [
      { name: "Audit", before: "333333333333", after: "210987654321" },
    ]);
  });

  it("against one organization a name cannot move: pinned, never critical", () => {
    const list = changes(
      args({ accountNames: ["Audit"] }),
      args({ accountNames: ["Audit", "Workloads Dev"] }),
    );
    assert.deepStrictEqual(at(list, 'accountNames["Audit"]'), []);
    const [added] = at(list, "accountNames");
    assert.strictEqual(added.new, "Workloads Dev");
  });
});
