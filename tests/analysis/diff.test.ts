import * as assert from "assert";
import { AdminAccessComponentArgs } from "../../components/adminAccess";
import { validateConfig } from "../../components/config";
import { diffPlans, diffWarnings } from "../../analysis/diff";
import { planAdminAccess, TYPES } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { validArgs } from "../fixtures";

const plan = (args: AdminAccessComponentArgs) => {
  const spec = validateConfig(args);
  return planAdminAccess("aa", spec, resolveTargets(spec.targets, { organizationalUnits: {} }));
};
const diff = (before: AdminAccessComponentArgs, after: AdminAccessComponentArgs) =>
  diffPlans(plan(before), plan(after), "origin/main");
const BASE = validArgs();
const replacedNames = (d: ReturnType<typeof diff>) => d.replaced.map((r) => r.name).sort();

describe("the access diff", () => {
  it("an unchanged config changes nothing", () => {
    assert.deepStrictEqual(diff(BASE, BASE), {
      against: "origin/main",
      adminsAdded: [],
      adminsRemoved: [],
      accountsAdded: [],
      accountsRemoved: [],
      grantsAdded: [],
      grantsRemoved: [],
      created: [],
      deleted: [],
      replaced: [],
      changes: [],
      critical: [],
    });
    assert.deepStrictEqual(diffWarnings(diff(BASE, BASE), plan(BASE)), []);
  });

  it("admins and accounts added and removed, with the grants that follow", () => {
    const after = validArgs({
      accounts: ["012345678901", "333333333333"],
      admins: [...BASE.admins.filter((a) => a.userName !== "carol"), { userName: "dave", existing: true }],
    });
    const d = diff(BASE, after);
    assert.deepStrictEqual(d.adminsAdded, ["dave"]);
    assert.deepStrictEqual(d.adminsRemoved, ["carol"]);
    assert.deepStrictEqual(d.accountsAdded, ["333333333333"]);
    assert.deepStrictEqual(d.accountsRemoved, ["111111111111"]);
    assert.deepStrictEqual(d.grantsAdded, [
      { userName: "alice", accountId: "333333333333" },
      { userName: "bob", accountId: "333333333333" },
      { userName: "dave", accountId: "012345678901" },
      { userName: "dave", accountId: "333333333333" },
    ]);
    assert.deepStrictEqual(d.grantsRemoved, [
      { userName: "alice", accountId: "111111111111" },
      { userName: "bob", accountId: "111111111111" },
      { userName: "carol", accountId: "012345678901" },
      { userName: "carol", accountId: "111111111111" },
    ]);
    assert.deepStrictEqual(d.created, [
      { type: TYPES.membership, name: "aa-membership-dave" },
      { type: TYPES.assignment, name: "aa-assignment-333333333333" },
    ]);
    assert.deepStrictEqual(d.deleted, [
      { type: TYPES.user, name: "aa-user-carol" },
      { type: TYPES.membership, name: "aa-membership-carol" },
      { type: TYPES.assignment, name: "aa-assignment-111111111111" },
    ]);
    assert.deepStrictEqual(d.replaced, []);
    assert.deepStrictEqual(diffWarnings(d, plan(after)), [
      "carol loses administrator access in every account.",
    ]);
  });

  it("renaming the group updates it in place: nothing replaced, no outage warning", () => {
    // @pulumi/aws 7.x bridges terraform-provider-aws 6.x, where display_name is no longer ForceNew (5.69.0).
    const d = diff(BASE, validArgs({ group: { displayName: "Cloud Admins" } }));
    assert.deepStrictEqual(d.replaced, []);
    assert.deepStrictEqual(d.created, []);
    assert.deepStrictEqual(d.deleted, []);
    assert.deepStrictEqual(diffWarnings(d, plan(BASE)), []);
  });

  it("the group flipped to existing: true replaces every membership and assignment, and warns", () => {
    const d = diff(BASE, validArgs({ group: { displayName: "Admins", existing: true } }));
    assert.deepStrictEqual(replacedNames(d), [
      "aa-assignment-012345678901",
      "aa-assignment-111111111111",
      "aa-membership-alice",
      "aa-membership-bob",
      "aa-membership-carol",
    ]);
    const [warning] = diffWarnings(d, plan(BASE));
    assert.match(
      warning,
      /^This change replaces 2 account assignment\(s\): admins lose access to 2 account\(s\)/,
    );
    assert.match(warning, /add the new group .* in one change, and remove the old one in a second change/);
  });

  it("a boundary change replaces the boundary attachment, saying why", () => {
    const guarded = (arn: string) =>
      validArgs({ permissionSet: { ...BASE.permissionSet, permissionsBoundary: { managedPolicyArn: arn } } });
    const d = diff(
      guarded("arn:aws:iam::aws:policy/PowerUserAccess"),
      guarded("arn:aws:iam::aws:policy/ReadOnlyAccess"),
    );
    assert.deepStrictEqual(d.replaced, [
      {
        type: TYPES.permissionsBoundary,
        name: "aa-permissions-boundary",
        reason: "the permissions boundary changes, which forces a new attachment",
      },
    ]);
  });

  it("renaming a guarded permission set replaces its guardrail attachments too", () => {
    const guardrails = {
      ...BASE.permissionSet,
      inlinePolicy: { Version: "2012-10-17", Statement: { Effect: "Deny", Action: "s3:*", Resource: "*" } },
      customerManagedPolicies: [{ name: "Ops" }],
      permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
    };
    const d = diff(
      validArgs({ permissionSet: guardrails }),
      validArgs({ permissionSet: { ...guardrails, name: "PlatformAdmin" } }),
    );
    assert.deepStrictEqual(replacedNames(d), [
      "aa-assignment-012345678901",
      "aa-assignment-111111111111",
      "aa-customer-policies",
      "aa-customer-policy-/Ops",
      "aa-inline-policy",
      "aa-managed-policies",
      "aa-permission-set",
      "aa-permissions-boundary",
      "aa-policy-AdministratorAccess",
    ]);
  });

  it("renaming the permission set replaces it, its policy attachment and every assignment", () => {
    const d = diff(BASE, validArgs({ permissionSet: { ...BASE.permissionSet, name: "PlatformAdmin" } }));
    assert.deepStrictEqual(replacedNames(d), [
      "aa-assignment-012345678901",
      "aa-assignment-111111111111",
      "aa-customer-policies",
      "aa-managed-policies",
      "aa-permission-set",
      "aa-policy-AdministratorAccess",
    ]);
    assert.match(diffWarnings(d, plan(BASE))[0], /replaces 2 account assignment/);
  });

  it("a user flipped to existing: true deletes the user and replaces its membership, saying why", () => {
    const after = validArgs({
      admins: BASE.admins.map((a) => (a.userName === "alice" ? { userName: "alice", existing: true } : a)),
    });
    const d = diff(BASE, after);
    assert.deepStrictEqual(d.deleted, [{ type: TYPES.user, name: "aa-user-alice" }]);
    assert.deepStrictEqual(d.replaced, [
      {
        type: TYPES.membership,
        name: "aa-membership-alice",
        reason:
          'user "alice" flips to existing: true, and deleting the created user deletes every group membership it had',
      },
    ]);
  });

  it("a user name changes its resources' keys: the old user goes, the new one comes", () => {
    const after = validArgs({
      admins: BASE.admins.map((a) => (a.userName === "carol" ? { ...a, userName: "carol.d" } : a)),
    });
    const d = diff(BASE, after);
    assert.deepStrictEqual(d.adminsAdded, ["carol.d"]);
    assert.deepStrictEqual(d.adminsRemoved, ["carol"]);
    assert.deepStrictEqual(
      d.deleted.map((x) => x.name),
      ["aa-user-carol", "aa-membership-carol"],
    );
  });

  it("the permission set flipped to existing: true deletes the managed set and replaces the assignments", () => {
    const d = diff(BASE, validArgs({ permissionSet: { existing: true } }));
    assert.deepStrictEqual(
      d.deleted.map((x) => x.name),
      ["aa-permission-set", "aa-policy-AdministratorAccess", "aa-managed-policies", "aa-customer-policies"],
    );
    assert.deepStrictEqual(replacedNames(d), ["aa-assignment-012345678901", "aa-assignment-111111111111"]);
  });

  it("a removed boundary leaves the stack but, kept on delete, stays on the set: the reviewer is told", () => {
    const bounded = validArgs({
      permissionSet: { permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" } },
    });
    const d = diff(bounded, BASE);
    assert.deepStrictEqual(
      d.deleted.map((x) => x.type),
      [TYPES.permissionsBoundary],
    );
    assert.ok(diffWarnings(d, plan(BASE)).some((w) => w.includes("stays on the permission set")));
    // Renamed at the same time, the old set goes with its boundary: no such warning.
    const renamed = diff(bounded, validArgs({ permissionSet: { name: "Other" } }));
    assert.ok(!diffWarnings(renamed, plan(BASE)).some((w) => w.includes("stays on the permission set")));
  });
});

describe("the fan-out and the role churn before apply (#27)", () => {
  const fanout = (d: ReturnType<typeof diff>) =>
    d.changes.filter((c) => c.path === "permissionSet" || c.path === "managementPermissionSet");

  it("a set-level change says how many accounts it reprovisions and for about how long, as high", () => {
    const d = diff(BASE, validArgs({ permissionSet: { ...BASE.permissionSet, description: "Changed" } }));
    assert.deepStrictEqual(fanout(d), [
      {
        severity: "high",
        path: "permissionSet",
        old: "AdministratorAccess",
        new: "AdministratorAccess",
        why: "this change reprovisions the permission set in 2 accounts (about 1 minute; the provider waits up to 12 minutes)",
      },
    ]);
  });

  it("a replaced set says every account's reserved role is replaced and what breaks", () => {
    const d = diff(BASE, validArgs({ permissionSet: { ...BASE.permissionSet, name: "PlatformAdmin" } }));
    assert.match(
      fanout(d)[0].why,
      /^every account's AWSReservedSSO_AdministratorAccess_… role is replaced: references to its ARN \(EKS access entries, aws-auth, KMS\/S3 policies\) break; /,
    );
    assert.strictEqual(fanout(d)[0].severity, "high");
  });

  it("a tag, or a reordered key, provisions nothing and says nothing; a set in no account neither", () => {
    const tagged = validArgs({ permissionSet: { ...BASE.permissionSet, tags: { owner: "someone-else" } } });
    assert.deepStrictEqual(fanout(diff(BASE, tagged)), []);
    const deny = { Effect: "Deny", Action: "s3:*", Resource: "*" };
    const policy = (statement: object) =>
      validArgs({
        permissionSet: {
          ...BASE.permissionSet,
          inlinePolicy: { Version: "2012-10-17", Statement: [statement] },
        },
      });
    assert.deepStrictEqual(
      fanout(diff(policy(deny), policy({ Resource: "*", Action: "s3:*", Effect: "Deny" }))),
      [],
    );
    const nowhere = (args: AdminAccessComponentArgs) => ({ ...args, accounts: [], allowNoAdmins: true });
    assert.deepStrictEqual(
      fanout(
        diff(
          nowhere(BASE),
          nowhere(validArgs({ permissionSet: { ...BASE.permissionSet, description: "Changed" } })),
        ),
      ),
      [],
    );
  });

  it("an equivalent inline policy or a boundary removed (kept on the set) says nothing; a new boundary does", () => {
    const policy = (statements: object[]) =>
      validArgs({
        permissionSet: {
          ...BASE.permissionSet,
          inlinePolicy: { Version: "2012-10-17", Statement: statements },
        },
      });
    const a = { Effect: "Deny", Action: "s3:*", Resource: "*" };
    const b = { Effect: "Deny", Action: ["ec2:*"], Resource: "*" };
    assert.deepStrictEqual(fanout(diff(policy([a, b]), policy([{ ...b, Action: "ec2:*" }, a]))), []);
    const bounded = (arn?: string) =>
      validArgs({
        permissionSet: {
          ...BASE.permissionSet,
          permissionsBoundary: arn ? { managedPolicyArn: arn } : undefined,
        },
      });
    const power = "arn:aws:iam::aws:policy/PowerUserAccess";
    assert.deepStrictEqual(fanout(diff(bounded(power), bounded())), []);
    assert.strictEqual(
      fanout(diff(bounded(power), bounded("arn:aws:iam::aws:policy/ReadOnlyAccess"))).length,
      1,
    );
    assert.strictEqual(fanout(diff(bounded(), bounded(power))).length, 1);
  });

  it("counts the accounts leaving, which are reprovisioned before their assignments go", () => {
    const d = diff(
      BASE,
      validArgs({
        accounts: ["012345678901"],
        permissionSet: { ...BASE.permissionSet, description: "Changed" },
      }),
    );
    assert.match(
      fanout(d)[0].why,
      /reprovisions the permission set in 2 accounts .*; the 1 account\(s\) leaving count too/,
    );
  });

  it("a changed customer-managed list says that whatever was attached by hand goes too", () => {
    const d = diff(
      BASE,
      validArgs({ permissionSet: { ...BASE.permissionSet, customerManagedPolicies: [{ name: "Ops" }] } }),
    );
    assert.match(
      fanout(d)[0].why,
      /the customer-managed list is rewritten whole: any customer-managed policy attached to the set by hand is detached too/,
    );
  });

  it("says nothing for an unchanged set, a new set, or a set looked up by name", () => {
    assert.deepStrictEqual(fanout(diff(BASE, validArgs({ accounts: ["012345678901"] }))), []);
    const existing = validArgs({ permissionSet: { existing: true } });
    assert.deepStrictEqual(fanout(diff(existing, BASE)), []);
    assert.deepStrictEqual(
      fanout(diff(existing, validArgs({ permissionSet: { existing: true, name: "Other" } }))),
      [],
    );
  });

  it("an admin's new expiry moves the inline policy's session cut, which reprovisions the set", () => {
    const later = validArgs({
      admins: BASE.admins.map((a) =>
        a.userName === "alice" ? { ...a, expiresAt: "2099-01-01T00:00:00Z" } : a,
      ),
    });
    assert.deepStrictEqual(
      fanout(diff(BASE, later)).map((c) => c.severity),
      ["high"],
    );
  });
});
