// The one comparison of the program's notion of force-new (the families' RULES and the effects adopt
// reports; analysis/diff.ts replacements) with the upstream provider's (upstream.ts).
import * as assert from "assert";
import { adopt } from "../../analysis/adoption";
import { AdoptionLive } from "../../analysis/views";
import { forcesNew } from "../../components/families";
import { UPSTREAM as PROGRAM } from "../../components/families/upstream";
import { validateConfig } from "../../components/config";
import { diffPlans } from "../../analysis/diff";
import { COMPONENT_NAME, planAdminAccess, TYPES } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { UPSTREAM } from "./upstream";

/** adopt's field names, as the upstream schema names them. */
const UPSTREAM_FIELD: Record<string, string> = {
  email: "emails",
  givenName: "name",
  familyName: "name",
  phoneNumber: "phoneNumbers",
};
const upstreamField = (f: string) => (f.startsWith("address.") ? "addresses" : (UPSTREAM_FIELD[f] ?? f));
const upstreamEffect = (type: string, field: string) => {
  const rules = UPSTREAM[type];
  const f = upstreamField(field);
  if (rules.forceNew.includes(f)) return "replace";
  assert.ok(rules.updatable.includes(f), `${type}.${f} is in neither upstream list`);
  return "update";
};

const PS = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0000000000000001";
const config = (permissionSet: Record<string, unknown>) => ({
  permissionSet: { name: "AdministratorAccess", ...permissionSet },
  group: { displayName: "Admins", description: "the admins" },
  accounts: ["012345678901"],
  admins: [
    {
      userName: "alice",
      email: "alice@example.com",
      givenName: "Alice",
      familyName: "Liddell",
      title: "Engineer",
      address: { country: "GB" },
    },
  ],
});
const planOf = (c: unknown) => {
  const spec = validateConfig(c);
  return planAdminAccess(COMPONENT_NAME, spec, resolveTargets(spec.targets, { organizationalUnits: {} }));
};
const GUARDED = {
  inlinePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:*", Resource: "*" }] },
  customerManagedPolicies: [{ name: "Baseline" }],
  permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
};

describe("force-new: the program's table against upstream's", () => {
  it("the program's one table (families/upstream.ts) and the stand-in's agree both ways, type by type", () => {
    const sorted = (l: readonly string[]) => [...l].sort();
    assert.deepStrictEqual(Object.keys(PROGRAM).sort(), Object.keys(UPSTREAM).sort());
    for (const [type, rules] of Object.entries(UPSTREAM)) {
      assert.deepStrictEqual(sorted(PROGRAM[type].forceNew), sorted(rules.forceNew), `${type} force-new`);
      assert.deepStrictEqual(sorted(PROGRAM[type].updatable), sorted(rules.updatable), `${type} updatable`);
      for (const f of rules.forceNew) assert.ok(forcesNew(type, f), `${type} ${f}`);
      for (const f of rules.updatable) assert.ok(!forcesNew(type, f), `${type} ${f}`);
    }
  });

  it("adopt reports each live difference with upstream's effect: update in place or replace", () => {
    const plan = planOf(config({ ...GUARDED, description: "wanted", sessionDuration: "PT2H" }));
    const live: AdoptionLive = {
      instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
      identityStoreId: "d-1234567890",
      partition: "aws",
      permissionSet: {
        arn: PS,
        name: "AdministratorAccess",
        description: "live",
        sessionDuration: "PT1H",
        tags: { team: "x" },
        managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        inlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
        customerManagedPolicies: ["/Baseline"],
        boundary: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      },
      group: { groupId: "g-1", displayName: "Admins", description: "other" },
      users: {
        alice: {
          userId: "u-1",
          userName: "alice",
          email: "a@example.com",
          givenName: "Al",
          familyName: "Liddell",
          title: "Boss",
          address: { country: "FR" },
          external: false,
        },
      },
      memberships: [],
      unlistedMembers: [],
      assignedAccounts: [],
      otherHolders: [],
    };
    const rows = adopt(plan, live).rows.filter((r) => r.differences.length > 0);
    const seen = rows.flatMap((r) => r.differences.map((d) => `${r.type} ${d.field}`));
    for (const expected of [
      `${TYPES.permissionSet} description`,
      `${TYPES.permissionSet} tags`,
      `${TYPES.inlinePolicy} inlinePolicy`,
      `${TYPES.permissionsBoundary} permissionsBoundary`,
      `${TYPES.group} description`,
      `${TYPES.user} email`,
      `${TYPES.user} address.country`,
    ])
      assert.ok(seen.includes(expected), `adopt did not report ${expected}: ${seen.join("; ")}`);
    for (const row of rows)
      for (const d of row.differences)
        assert.strictEqual(d.effect, upstreamEffect(row.type, d.field), `${row.type} ${d.field}`);
  });

  it("the review diff replaces what upstream replaces: a renamed set takes every attachment and assignment with it", () => {
    const before = planOf(config(GUARDED));
    const after = planOf(config({ ...GUARDED, name: "PlatformAdmin" }));
    const replaced = diffPlans(before, after, "x")
      .replaced.map((r) => r.type)
      .sort();
    const onTheSet = before.resources
      .filter(
        (r) => UPSTREAM[r.type]?.forceNew.includes("permissionSetArn") || r.type === TYPES.permissionSet,
      )
      .map((r) => r.type)
      .sort();
    assert.deepStrictEqual(replaced, onTheSet);
  });

  it("the review diff replaces the boundary attachment when the boundary changes (permissions_boundary ForceNew)", () => {
    const before = planOf(config(GUARDED));
    const after = planOf(
      config({
        ...GUARDED,
        permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      }),
    );
    assert.deepStrictEqual(
      diffPlans(before, after, "x").replaced.map((r) => r.type),
      [TYPES.permissionsBoundary],
    );
  });
});
