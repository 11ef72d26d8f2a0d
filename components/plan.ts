// The pure core's second half: a validated spec in, the exact set of child resources out, each with the
// name the component registers it under. The component materializes this plan and the offline plan
// command prints it, so what reviewers read is what `pulumi up` registers.
import {
  ADMINISTRATOR_POLICY,
  AdminAccessSpec,
  byKey,
  ExistingAdminSpec,
  NewAdminSpec,
  PolicyReference,
} from "./config";
import { policyKey } from "./policy";
import { Resolution, ResolvedTarget, SkippedAccount } from "./targets";

/** The stack program's component name, and so the prefix of every child's name. */
export const COMPONENT_NAME = "admin-access";

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

export interface PlannedResource {
  type: (typeof TYPES)[keyof typeof TYPES];
  name: string;
}

/** When an admin's access ends, as planned at a given moment. */
interface PlannedExpiry {
  /** The membership's name; the membership exists only while the admin has not expired. */
  membershipResource: string;
  /** expiresAt has passed: no membership, no schedule; a created user is kept. */
  expired: boolean;
  /** The schedule that removes the membership at expiresAt; only for an expiry still to come. */
  expiryResource?: string;
}

/** An admin with its children's names; an existing user is looked up, so it has no User resource. */
export type PlannedAdmin =
  (NewAdminSpec & PlannedExpiry & { userResource: string }) | (ExistingAdminSpec & PlannedExpiry);

/** One account's assignment; with assignmentConcurrency, chained behind the one before it in its lane. */
export interface PlannedAssignment extends ResolvedTarget {
  resource: string;
  /** Undefined without assignmentConcurrency: then no assignment waits for another. */
  lane?: number;
  /** The account whose assignment this one waits for; undefined for the first of its lane. */
  after?: string;
}

/** The children that do not depend on which accounts are targeted. */
export interface IdentityPlan {
  spec: AdminAccessSpec;
  /** Undefined when the permission set exists and is looked up by name. */
  permissionSetResource?: string;
  policyAttachmentResource?: string;
  /** The set's guardrails, each keyed by what it attaches; none with an existing set. */
  inlinePolicyResource?: string;
  customerPolicyResources: (PolicyReference & { resource: string })[];
  permissionsBoundaryResource?: string;
  /** Undefined when the group exists and is looked up by display name. */
  groupResource?: string;
  /** The role EventBridge Scheduler assumes to end access, and its policy; only with an expiry to come. */
  expiryRoleResource?: string;
  expiryPolicyResource?: string;
  admins: PlannedAdmin[];
  resources: PlannedResource[];
}

export interface AdminAccessPlan extends IdentityPlan {
  assignments: PlannedAssignment[];
  /** Accounts a selector reached but that were left out, and why. */
  skipped: SkippedAccount[];
}

/**
 * Child names come from stable keys, never list positions: reordering config changes no URN. `now` decides
 * which admins have expired.
 */
export function planIdentity(name: string, spec: AdminAccessSpec, now: Date = new Date()): IdentityPlan {
  const ps = spec.permissionSet.existing ? undefined : `${name}-permission-set`;
  const attachment = ps && `${name}-policy-${ADMINISTRATOR_POLICY}`;
  const group = spec.group.existing ? undefined : `${name}-group`;
  const admins = spec.admins.map((a): PlannedAdmin => {
    const expired = a.expiresAt !== undefined && new Date(a.expiresAt).getTime() <= now.getTime();
    const expiry: PlannedExpiry = {
      membershipResource: `${name}-membership-${a.userName}`,
      expired,
      expiryResource: a.expiresAt && !expired ? `${name}-expiry-${a.userName}` : undefined,
    };
    return a.existing ? { ...a, ...expiry } : { ...a, ...expiry, userResource: `${name}-user-${a.userName}` };
  });
  const expiring = admins.some((a) => a.expiryResource);

  const set = spec.permissionSet;
  const inline = ps && set.inlinePolicy ? `${name}-inline-policy` : undefined;
  const customer = ps
    ? set.customerManagedPolicies.map((ref) => ({
        ...ref,
        resource: `${name}-customer-policy-${policyKey(ref)}`,
      }))
    : [];
  const boundary = ps && set.permissionsBoundary ? `${name}-permissions-boundary` : undefined;
  const resources: PlannedResource[] = [];
  if (ps && attachment) {
    resources.push(
      { type: TYPES.permissionSet, name: ps },
      { type: TYPES.policyAttachment, name: attachment },
    );
  }
  if (inline) resources.push({ type: TYPES.inlinePolicy, name: inline });
  for (const c of customer) resources.push({ type: TYPES.customerPolicy, name: c.resource });
  if (boundary) resources.push({ type: TYPES.permissionsBoundary, name: boundary });
  if (group) resources.push({ type: TYPES.group, name: group });
  for (const a of admins) {
    if (!a.existing) resources.push({ type: TYPES.user, name: a.userResource });
    if (!a.expired) resources.push({ type: TYPES.membership, name: a.membershipResource });
  }
  const role = expiring ? `${name}-expiry-role` : undefined;
  const policy = expiring ? `${name}-expiry-role-policy` : undefined;
  if (role && policy) {
    resources.push({ type: TYPES.expiryRole, name: role }, { type: TYPES.expiryPolicy, name: policy });
  }
  for (const a of admins) {
    if (a.expiryResource) resources.push({ type: TYPES.expirySchedule, name: a.expiryResource });
  }
  return {
    spec,
    permissionSetResource: ps,
    policyAttachmentResource: attachment,
    inlinePolicyResource: inline,
    customerPolicyResources: customer,
    permissionsBoundaryResource: boundary,
    groupResource: group,
    expiryRoleResource: role,
    expiryPolicyResource: policy,
    admins,
    resources,
  };
}

/** FNV-1a: a hash that is the same in every run and version, unlike anything keyed to memory. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * One assignment per account. By default they are independent: no account's fate is tied to another's
 * (a failure under --continue-on-error, or `pulumi destroy --target` of one, leaves the others alone), and
 * the engine's --parallel bounds how many are created at once. With `lanes`, assignments are spread over
 * that many chains, each waiting for the one before it in its lane, so at most `lanes` are in progress at
 * once. A lane is a hash of the account ID, so adding or removing an account re-links only its successor in
 * the same lane; dependencies are not inputs, so nothing is replaced.
 */
export function planAssignments(
  name: string,
  targets: ResolvedTarget[],
  lanes?: number,
): PlannedAssignment[] {
  const sorted = [...targets].sort(byKey((t) => t.accountId));
  const resource = (accountId: string) => `${name}-assignment-${accountId}`;
  if (!lanes) return sorted.map((target) => ({ ...target, resource: resource(target.accountId) }));
  const last = new Map<number, string>();
  return sorted.map((target) => {
    const lane = stableHash(target.accountId) % lanes;
    const after = last.get(lane);
    last.set(lane, target.accountId);
    return { ...target, resource: resource(target.accountId), lane, after };
  });
}

/** The whole plan: what the component registers once the targets are resolved. */
export function planAdminAccess(
  name: string,
  spec: AdminAccessSpec,
  resolution: Resolution,
  now: Date = new Date(),
): AdminAccessPlan {
  const identity = planIdentity(name, spec, now);
  const assignments = planAssignments(name, resolution.targets, spec.assignmentConcurrency);
  return {
    ...identity,
    assignments,
    skipped: resolution.skipped,
    resources: [
      ...identity.resources,
      ...assignments.map((a) => ({ type: TYPES.assignment, name: a.resource })),
    ],
  };
}

/** Who holds admin where: every admin who has not expired, in every assigned account. */
export function grants(plan: AdminAccessPlan): { admin: PlannedAdmin; accountId: string }[] {
  return plan.admins
    .filter((admin) => !admin.expired)
    .flatMap((admin) => plan.assignments.map((a) => ({ admin, accountId: a.accountId })));
}

/** The partition a region belongs to, for offline views where no provider can say. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith("us-gov-")) return "aws-us-gov";
  if (region?.startsWith("cn-")) return "aws-cn";
  return "aws";
}

/** The ARN of the AdministratorAccess managed policy in a partition (aws, aws-us-gov, aws-cn, …). */
export function administratorPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/${ADMINISTRATOR_POLICY}`;
}

/** EventBridge Scheduler's universal target that removes a group membership (partition-aware). */
export function membershipRemovalTarget(partition: string): string {
  return `arn:${partition}:scheduler:::aws-sdk:identitystore:deleteGroupMembership`;
}

/**
 * An expiry schedule's own name. EventBridge Scheduler allows 1-64 of [0-9A-Za-z-_.], so a userName such as
 * bob@example.com cannot be part of it as Pulumi's auto-naming would write it: readable, then a hash of the
 * stack, component and userName, which keeps it unique and the same on every run.
 */
export function scheduleName(stack: string, name: string, userName: string): string {
  const hash = stableHash(`${stack}/${name}/${userName}`).toString(16).padStart(8, "0");
  return `${`${name}-expiry-${userName}`.replace(/[^0-9A-Za-z_.-]/g, "-").slice(0, 55)}-${hash}`;
}

/** A one-time schedule expression for an ISO-8601 UTC instant, read in the UTC time zone. */
export function atExpression(expiresAt: string): string {
  return `at(${expiresAt.slice(0, -1)})`;
}

/** The AWS access portal's default URL; a customised alias cannot be discovered, hence the override. */
export function accessPortalUrl(partition: string, identityStoreId: string): string {
  switch (partition) {
    case "aws-us-gov":
      return `https://start.us-gov-home.awsapps.com/directory/${identityStoreId}`;
    case "aws-cn":
      return `https://start.home.awsapps.cn/directory/${identityStoreId}`;
    default:
      return `https://${identityStoreId}.awsapps.com/start`;
  }
}
