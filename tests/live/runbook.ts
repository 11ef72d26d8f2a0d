// The organization the runbook leaves behind, matching Pulumi.dev.yaml, for adoption and audit tests.
import { FakeOrganization } from "./fakeAws";

export const INSTANCE = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
export const STORE = "d-1234567890";
export const PS_ARN = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-admin";
export const ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";

export function runbookOrganization(): FakeOrganization {
  return {
    instance: { arn: INSTANCE, identityStoreId: STORE },
    managementAccountId: "999999999999",
    accounts: [
      { Id: "999999999999", Name: "Management", State: "ACTIVE" },
      { Id: "012345678901", Name: "Workloads Prod", State: "ACTIVE" },
      { Id: "210987654321", Name: "Workloads Dev", State: "ACTIVE" },
      { Id: "333333333333", Name: "Audit", State: "ACTIVE" },
    ],
    rootAccounts: ["999999999999"],
    ous: [
      { id: "ou-wkld-11111111", parent: "r-root", accounts: ["012345678901"] },
      { id: "ou-dev0-22222222", parent: "ou-wkld-11111111", accounts: ["210987654321"] },
      { id: "ou-sec0-33333333", parent: "r-root", accounts: ["333333333333"] },
    ],
    permissionSets: [
      {
        arn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-readonly",
        name: "ReadOnly",
        managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      },
      {
        arn: PS_ARN,
        name: "AdministratorAccess",
        description: "Full administrator access, granted through the platform admin group",
        sessionDuration: "PT4H",
        tags: { owner: "platform-team", "cost-center": "4200" },
        managedPolicies: [ADMIN_POLICY],
      },
    ],
    groups: [
      {
        id: "g-admins",
        displayName: "Platform Admins",
        description: "Administrators of the organization's workload accounts",
      },
    ],
    users: [
      {
        id: "u-alice",
        userName: "alice",
        displayName: "Alice Liddell",
        givenName: "Alice",
        familyName: "Liddell",
        email: "alice@example.com",
        title: "Platform Engineer",
      },
      {
        id: "u-bob",
        userName: "bob@example.com",
        displayName: "Bob",
        givenName: "Bob",
        familyName: "B",
        email: "bob@example.com",
        external: true,
      },
    ],
    memberships: [
      { id: "m-alice", groupId: "g-admins", userId: "u-alice" },
      { id: "m-bob", groupId: "g-admins", userId: "u-bob" },
    ],
    assignments: [
      {
        accountId: "012345678901",
        permissionSetArn: PS_ARN,
        principalType: "GROUP",
        principalId: "g-admins",
      },
      {
        accountId: "210987654321",
        permissionSetArn: PS_ARN,
        principalType: "GROUP",
        principalId: "g-admins",
      },
    ],
  };
}
