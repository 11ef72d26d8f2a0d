import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { AdminAccessComponent } from "../components/adminAccess";
import { validArgs } from "./fixtures";
import { mocks, settled, valueOf } from "./mocks";

const POLICY = JSON.parse(
  readFileSync(path.join(__dirname, "..", "policies", "deployer-policy.json"), "utf8"),
) as {
  Statement: { Effect: string; Action: string[]; Resource: string | string[] }[];
};

/**
 * The AWS calls behind each resource type and invoke the program uses, from the provider's create, read,
 * update and delete (hashicorp/terraform-provider-aws internal/service/ssoadmin, identitystore and
 * organizations). A new type or invoke fails the test until it is listed here and in the policy.
 */
const CALLS: Record<string, string[]> = {
  "aws:ssoadmin/permissionSet:PermissionSet": [
    "sso:CreatePermissionSet",
    "sso:DescribePermissionSet",
    "sso:UpdatePermissionSet",
    "sso:DeletePermissionSet",
    "sso:ListTagsForResource",
    "sso:TagResource",
    "sso:UntagResource",
    "sso:ProvisionPermissionSet",
    "sso:DescribePermissionSetProvisioningStatus",
  ],
  "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": [
    "sso:AttachManagedPolicyToPermissionSet",
    "sso:DetachManagedPolicyFromPermissionSet",
    "sso:ListManagedPoliciesInPermissionSet",
    "sso:ProvisionPermissionSet",
    "sso:DescribePermissionSetProvisioningStatus",
  ],
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": [
    "sso:PutInlinePolicyToPermissionSet",
    "sso:GetInlinePolicyForPermissionSet",
    "sso:DeleteInlinePolicyFromPermissionSet",
    "sso:ProvisionPermissionSet",
    "sso:DescribePermissionSetProvisioningStatus",
  ],
  "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment": [
    "sso:AttachCustomerManagedPolicyReferenceToPermissionSet",
    "sso:DetachCustomerManagedPolicyReferenceFromPermissionSet",
    "sso:ListCustomerManagedPolicyReferencesInPermissionSet",
    "sso:ProvisionPermissionSet",
    "sso:DescribePermissionSetProvisioningStatus",
  ],
  "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment": [
    "sso:PutPermissionsBoundaryToPermissionSet",
    "sso:GetPermissionsBoundaryForPermissionSet",
    "sso:DeletePermissionsBoundaryFromPermissionSet",
    "sso:ProvisionPermissionSet",
    "sso:DescribePermissionSetProvisioningStatus",
  ],
  "aws:ssoadmin/accountAssignment:AccountAssignment": [
    "sso:CreateAccountAssignment",
    "sso:DescribeAccountAssignmentCreationStatus",
    "sso:ListAccountAssignments",
    "sso:DeleteAccountAssignment",
    "sso:DescribeAccountAssignmentDeletionStatus",
  ],
  "aws:identitystore/group:Group": [
    "identitystore:CreateGroup",
    "identitystore:DescribeGroup",
    "identitystore:UpdateGroup",
    "identitystore:DeleteGroup",
  ],
  "aws:identitystore/user:User": [
    "identitystore:CreateUser",
    "identitystore:DescribeUser",
    "identitystore:UpdateUser",
    "identitystore:DeleteUser",
  ],
  "aws:identitystore/groupMembership:GroupMembership": [
    "identitystore:CreateGroupMembership",
    "identitystore:DescribeGroupMembership",
    "identitystore:DeleteGroupMembership",
  ],
  "aws:ssoadmin/getInstances:getInstances": ["sso:ListInstances"],
  "aws:ssoadmin/getPermissionSet:getPermissionSet": [
    "sso:ListPermissionSets",
    "sso:DescribePermissionSet",
    "sso:ListTagsForResource",
  ],
  "aws:identitystore/getGroup:getGroup": ["identitystore:GetGroupId", "identitystore:DescribeGroup"],
  "aws:identitystore/getUser:getUser": ["identitystore:GetUserId", "identitystore:DescribeUser"],
  "aws:identitystore/getGroupMemberships:getGroupMemberships": ["identitystore:ListGroupMemberships"],
  "aws:organizations/getOrganization:getOrganization": [
    "organizations:DescribeOrganization",
    "organizations:ListAccounts",
    "organizations:ListRoots",
    "organizations:ListAWSServiceAccessForOrganization",
  ],
  "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts": [
    "organizations:ListAccountsForParent",
    "organizations:ListOrganizationalUnitsForParent",
  ],
  "aws:scheduler/schedule:Schedule": [
    "scheduler:CreateSchedule",
    "scheduler:GetSchedule",
    "scheduler:UpdateSchedule",
    "scheduler:DeleteSchedule",
    "iam:PassRole", // the schedule runs as the expiry role
  ],
  "aws:iam/role:Role": [
    "iam:CreateRole",
    "iam:GetRole",
    "iam:UpdateRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:DeleteRole",
    "iam:ListRolePolicies",
    "iam:ListAttachedRolePolicies",
    "iam:ListInstanceProfilesForRole",
  ],
  "aws:iam/rolePolicy:RolePolicy": ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"],
  // These answer without a permission: from the provider's own configuration, and sts:GetCallerIdentity.
  "aws:index/getPartition:getPartition": [],
  "aws:index/getCallerIdentity:getCallerIdentity": [],
};

const allowed = new Set(POLICY.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action));

async function used(args: Parameters<typeof validArgs>[0]): Promise<string[]> {
  const component = new AdminAccessComponent("aa", validArgs(args));
  await valueOf(component.accountIds);
  await settled();
  return [
    ...mocks.registrations.filter((r) => r.custom).map((r) => r.type),
    ...mocks.invokes.map((i) => i.token),
  ];
}

describe("the deployer policy (policies/deployer-policy.json)", () => {
  it("allows every call behind every resource type and invoke the program uses", async () => {
    const tokens = new Set([
      ...(await used({
        instanceArn: undefined,
        identityStoreId: undefined,
        organizationalUnits: ["ou-prod-11111111"],
        permissionSet: {
          inlinePolicy: {
            Version: "2012-10-17",
            Statement: { Effect: "Deny", Action: "cloudtrail:StopLogging", Resource: "*" },
          },
          customerManagedPolicies: [{ name: "Ops" }],
          permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
        },
      })),
      ...(await used({
        permissionSet: { existing: true },
        group: { displayName: "Admins", existing: true },
        accountNames: ["Audit"],
        admins: [{ userName: "bob", existing: true, expiresAt: "2099-01-01T00:00:00Z" }],
      })),
    ]);
    for (const token of tokens) {
      assert.ok(token in CALLS, `${token} is used but its AWS calls are not listed in this test`);
      for (const action of CALLS[token])
        assert.ok(allowed.has(action), `${action} (for ${token}) is not allowed`);
    }
    assert.ok(tokens.has("aws:ssoadmin/accountAssignment:AccountAssignment"));
    assert.ok(tokens.has("aws:identitystore/getGroup:getGroup"));
    assert.ok(tokens.has("aws:scheduler/schedule:Schedule"));
    assert.ok(tokens.has("aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment"));
  });

  it("allows nothing it does not need", () => {
    const needed = new Set([...Object.values(CALLS).flat()]);
    const iam = [...allowed].filter((a) => a.startsWith("iam:"));
    assert.deepStrictEqual(
      [...allowed].filter((a) => !needed.has(a) && !a.startsWith("iam:")),
      [],
    );
    // IAM only on Identity Center's reserved roles and SAML provider in the management account, and on the
    // expiry role: never on any other role.
    for (const statement of POLICY.Statement.filter((st) => st.Action.some((a) => a.startsWith("iam:")))) {
      const resources = ([] as string[]).concat(statement.Resource);
      assert.ok(
        resources.every((r) =>
          /role\/aws-reserved\/sso\.amazonaws\.com\/\*$|saml-provider\/AWSSSO_\*$|role\/\*-expiry-role-\*$/.test(
            r,
          ),
        ),
        resources.join(", "),
      );
    }
    assert.ok(iam.length > 0);
  });
});
