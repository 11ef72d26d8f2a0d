// What every family module states about each resource type it owns, as data that plan, adoption, the
// review diff, audit and the builders read instead of re-deriving it.

/** The Pulumi type tokens of the children, as the engine and the mocks see them. */
export const TYPES = {
  permissionSet: "aws:ssoadmin/permissionSet:PermissionSet",
  policyAttachment: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment",
  inlinePolicy: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
  customerPolicy: "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment",
  permissionsBoundary: "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment",
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

/** How the provider treats one resource type when what it is given changes. */
export interface ResourceRule {
  /** Config-level fields whose change forces a new resource (the provider's ForceNew), and where that is read. */
  forceNew: string[];
  source: string;
  /**
   * The replacement would have the same provider ID as what it replaces (its ID is built only from what
   * does not change), so the default create-before-delete would delete what was just created. The builders
   * keep the old one on delete instead (retainOnDelete): its create is a Put that overwrites it, and
   * deleteBeforeReplace would leave a window with nothing in place while the set is assigned (shown on the
   * real engine, tests/engine/scenarios.engine.ts).
   */
  sameIdOnReplace: boolean;
  /** The resource types whose inputs name this one's ARN or ID, so they are replaced along with it. */
  dependents: ChildType[];
}
