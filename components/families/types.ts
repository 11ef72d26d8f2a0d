// What every family module states about each resource type it owns, as data that plan, adoption, the
// review diff, audit and the builders read instead of re-deriving it.

/** The Pulumi type tokens of the children, as the engine and the mocks see them. */
export const TYPES = {
  permissionSet: "aws:ssoadmin/permissionSet:PermissionSet",
  policyAttachment: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment",
  inlinePolicy: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
  customerPolicy: "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment",
  permissionsBoundary: "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment",
  managedPolicies: "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive",
  customerPolicies:
    "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive",
  group: "aws:identitystore/group:Group",
  user: "aws:identitystore/user:User",
  membership: "aws:identitystore/groupMembership:GroupMembership",
  assignment: "aws:ssoadmin/accountAssignment:AccountAssignment",
  expiryRole: "aws:iam/role:Role",
  expiryPolicy: "aws:iam/rolePolicy:RolePolicy",
  expirySchedule: "aws:scheduler/schedule:Schedule",
} as const;

/** The Pulumi type tokens of the orgEvents family's children. */
export const ORG_EVENT_TYPES = {
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  connection: "aws:cloudwatch/eventConnection:EventConnection",
  destination: "aws:cloudwatch/eventApiDestination:EventApiDestination",
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
} as const;

export type ChildType =
  (typeof TYPES)[keyof typeof TYPES] | (typeof ORG_EVENT_TYPES)[keyof typeof ORG_EVENT_TYPES];

export interface PlannedResource {
  type: ChildType;
  name: string;
}

/**
 * What one family states about a resource type beyond the provider's truth (families/upstream.ts, which says
 * what forces a replacement and whether the ID survives it): which types name it and so follow it.
 */
export interface ResourceRule {
  /** The resource types whose inputs name this one's ARN or ID, so they are replaced along with it. */
  dependents: ChildType[];
}
