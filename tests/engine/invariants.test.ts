// The invariant checker, shown to catch each invariant broken on a deliberately broken copy of a sound world.
import * as assert from "assert";
import { seedOrganization } from "./harness";
import { Expectation, invariantProblems, World } from "./world";

const SET = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0000000000000001";
const GROUP = "90670000aa-0000-4000-8000-000000000000";
const EXPECT: Expectation = {
  scenario: "checker",
  setNames: ["AdministratorAccess"],
  inlinePolicy: true,
  customerPolicies: ["/BaselineProtection"],
  boundary: ["arn:aws:iam::aws:policy/PowerUserAccess"],
  keep: ["012345678901"],
};

function sound(): World {
  const org = seedOrganization({
    permissionSets: [
      {
        arn: SET,
        name: "AdministratorAccess",
        managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        inlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
        customerManagedPolicies: [{ Name: "BaselineProtection", Path: "/" }],
        boundary: { ManagedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
      },
    ],
    groups: [{ id: GROUP, displayName: "Admins" }],
    users: [{ id: "u-1", userName: "alice" }],
    memberships: [{ id: "m-1", groupId: GROUP, userId: "u-1" }],
    assignments: [
      { accountId: "012345678901", permissionSetArn: SET, principalType: "GROUP", principalId: GROUP },
    ],
  });
  return { org, others: {}, seq: 0, expect: EXPECT, calls: [], violations: [] };
}

describe("engine invariants", () => {
  it("a sound world breaks none", () => {
    assert.deepStrictEqual(invariantProblems(sound()), []);
  });

  it("an assignment while the set lacks a declared guardrail (boundary, inline policy, customer policy)", () => {
    const w = sound();
    delete w.org.permissionSets[0].boundary;
    delete w.org.permissionSets[0].inlinePolicy;
    w.org.permissionSets[0].customerManagedPolicies = [];
    assert.deepStrictEqual(invariantProblems(w), [
      "guardrail: AdministratorAccess is assigned in 012345678901 while it lacks its inline policy",
      "guardrail: AdministratorAccess is assigned in 012345678901 while it lacks customer policy /BaselineProtection",
      "guardrail: AdministratorAccess is assigned in 012345678901 while it lacks its boundary (arn:aws:iam::aws:policy/PowerUserAccess; has none)",
    ]);
  });

  it("an assignment while the set lacks AdministratorAccess itself (#27: a naive switch of attachment types)", () => {
    const w = sound();
    w.org.permissionSets[0].managedPolicies = [];
    assert.deepStrictEqual(invariantProblems(w), [
      "guardrail: AdministratorAccess is assigned in 012345678901 while it lacks AdministratorAccess",
    ]);
  });

  it("a boundary other than the declared ones counts as missing; no assignment, no guardrail needed", () => {
    const w = sound();
    w.org.permissionSets[0].boundary = { ManagedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" };
    assert.match(
      invariantProblems(w).join(),
      /lacks its boundary .*has arn:aws:iam::aws:policy\/ReadOnlyAccess/,
    );
    w.org.assignments = [];
    w.expect = { ...EXPECT, keep: [] };
    assert.deepStrictEqual(invariantProblems(w), []);
  });

  it("an account that keeps its grant left with zero admins", () => {
    const w = sound();
    w.org.memberships = [];
    assert.deepStrictEqual(invariantProblems(w), [
      "admins: account 012345678901 keeps its grant but has no admin",
    ]);
  });

  it("a uniqueness violation: names per instance and store, memberships, assignments", () => {
    const w = sound();
    w.org.permissionSets.push({ ...w.org.permissionSets[0], arn: `${SET}2` });
    w.org.groups.push({ id: "g-2", displayName: "Admins" });
    w.org.users.push({ id: "u-2", userName: "ALICE" });
    w.org.memberships.push({ id: "m-2", groupId: GROUP, userId: "u-1" });
    w.org.assignments.push({ ...w.org.assignments[0] });
    assert.deepStrictEqual(invariantProblems(w), [
      "uniqueness: two permission sets named AdministratorAccess",
      "uniqueness: two groups named Admins",
      "uniqueness: two users named alice",
      `uniqueness: two memberships of ${GROUP}/u-1`,
      `uniqueness: two assignments of ${SET} GROUP ${GROUP} 012345678901`,
    ]);
  });
});
