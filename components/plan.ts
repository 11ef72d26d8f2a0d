// The pure core's second half: a validated spec in, the exact set of child resources out, each with the
// name the component registers it under. Each family (components/families/) names its own children; this
// file composes them in registration order. The component materializes this plan and the offline plan
// command prints it, so what reviewers read is what `pulumi up` registers.
import { assignmentResources, PlannedAssignment, planAssignments } from "./families/assignments";
import { breakGlassResources } from "./families/breakGlass";
import { ExpiryPlan, expiryResources, planExpiry, sessionCuts } from "./families/expiry";
import { groupResources, planGroup } from "./families/group";
import {
  ManagementPlan,
  managementCutProblem,
  ManagementResolution,
  managementSetResources,
  planManagement,
} from "./families/managementPermissionSet";
import {
  PermissionSetPlan,
  permissionSetResources,
  planPermissionSet,
  sessionCutProblem,
} from "./families/permissionSet";
import { OrgEventsPlan, orgEventResources, planOrgEvents } from "./families/orgEvents";
import { PlannedResource } from "./families/types";
import { NONE_ABSENT, PlannedAdmin, planAdmins, userResources } from "./families/users";
import { reservedRoleNamePrefix } from "./families/reservedRole";
import { AdminAccessSpec, PolicyReference } from "./spec";
import { SkippedAccount } from "./targets";
import { AdminAccessConfigError } from "./errors";

export { accessPortalUrl, administratorPolicyArn, partitionOf } from "./arns";
export { planAssignments, stableHash } from "./families/assignments";
export type { PlannedAssignment } from "./families/assignments";
export { atExpression, membershipRemovalTarget, scheduleName } from "./families/expiry";
export { TYPES } from "./families/types";
export type { PlannedResource } from "./families/types";
export type { PlannedAdmin } from "./families/users";
export { deferredUserNames, NONE_ABSENT } from "./families/users";
export type { ManagementPlan } from "./families/managementPermissionSet";

/** The stack program's component name, and so the prefix of every child's name. */
export const COMPONENT_NAME = "admin-access";

/** The component's own type token. */
export const COMPONENT_TYPE = "admin-access:index:AdminAccessComponent";

/** The children that do not depend on which accounts are targeted. */
export interface IdentityPlan {
  spec: AdminAccessSpec;
  /** Undefined when the permission set exists and is looked up by name. */
  permissionSet?: PermissionSetPlan;
  permissionSetResource?: string;
  policyAttachmentResource?: string;
  inlinePolicyResource?: string;
  customerPolicyResources: (PolicyReference & { resource: string })[];
  permissionsBoundaryResource?: string;
  /** Undefined when the group exists and is looked up by display name. */
  groupResource?: string;
  /** The role EventBridge Scheduler assumes to end access, and its policy; only with an expiry to come. */
  expiry?: ExpiryPlan;
  expiryRoleResource?: string;
  expiryPolicyResource?: string;
  admins: PlannedAdmin[];
  /** The trigger on the organization's account changes; only with orgEvents. */
  orgEvents?: OrgEventsPlan;
  resources: PlannedResource[];
}

export interface AdminAccessPlan extends IdentityPlan {
  assignments: PlannedAssignment[];
  /** Accounts a selector reached but that were left out, and why. */
  skipped: SkippedAccount[];
  /** Resolution's notes: a tag selector that matches no account, an exclusion no selector reaches now. */
  targetNotes: string[];
  /** The management account's own set and break-glass users; only with includeManagementAccount. */
  management?: ManagementPlan;
}

/**
 * Every family's children but the assignments; `now` decides which admins have expired, `absent` which
 * existing admins the identity store does not hold (deferred: no membership, no schedule, no session cut,
 * since no user ID exists to name).
 */
export function planIdentity(
  name: string,
  spec: AdminAccessSpec,
  now: Date = new Date(),
  absent: ReadonlySet<string> = NONE_ABSENT,
): IdentityPlan {
  const admins = planAdmins(name, spec.admins, now, absent);
  const cuts = sessionCuts(present(spec, absent).admins, spec.permissionSet.sessionDuration, now);
  const tooLarge = sessionCutProblem(spec.permissionSet, cuts);
  if (tooLarge) throw new AdminAccessConfigError([tooLarge]);
  const permissionSet = planPermissionSet(name, spec.permissionSet, cuts);
  const groupResource = planGroup(name, spec.group);
  const expiry = planExpiry(name, admins);
  const orgEvents = planOrgEvents(name, spec.orgEvents);
  return {
    spec,
    permissionSet,
    permissionSetResource: permissionSet?.permissionSetResource,
    policyAttachmentResource: permissionSet?.policyAttachmentResource,
    inlinePolicyResource: permissionSet?.inlinePolicyResource,
    customerPolicyResources: permissionSet?.customerPolicyResources ?? [],
    permissionsBoundaryResource: permissionSet?.permissionsBoundaryResource,
    groupResource,
    expiry,
    expiryRoleResource: expiry?.role,
    expiryPolicyResource: expiry?.policy,
    admins,
    orgEvents,
    resources: [
      ...permissionSetResources(permissionSet),
      ...groupResources(groupResource),
      ...userResources(admins),
      ...expiryResources(expiry, admins),
      ...orgEventResources(orgEvents),
    ],
  };
}

/** The spec with only the admins the identity store holds (or that the stack creates), for the session cuts. */
const present = (spec: AdminAccessSpec, absent: ReadonlySet<string>): AdminAccessSpec =>
  absent.size === 0
    ? spec
    : { ...spec, admins: spec.admins.filter((a) => !(a.existing && absent.has(a.userName))) };

/** The whole plan: what the component registers once the targets are resolved (and the admins looked up). */
export function planAdminAccess(
  name: string,
  spec: AdminAccessSpec,
  resolution: ManagementResolution,
  now: Date = new Date(),
  absent: ReadonlySet<string> = NONE_ABSENT,
): AdminAccessPlan {
  const identity = planIdentity(name, spec, now, absent);
  const assignments = planAssignments(name, resolution.targets, spec.assignmentConcurrency);
  const management = planManagement(name, present(spec, absent), resolution, now);
  const tooLarge = managementCutProblem(management);
  if (tooLarge) throw new AdminAccessConfigError([tooLarge]);
  return {
    ...identity,
    assignments,
    skipped: resolution.skipped,
    targetNotes: resolution.notes,
    management,
    resources: [
      ...identity.resources,
      ...managementSetResources(management),
      ...assignmentResources(assignments),
      ...breakGlassResources(management?.breakGlass ?? []),
    ],
  };
}

/** The set an account's group assignment uses: the management account's own, or the member set. */
export const setNameFor = (plan: AdminAccessPlan, accountId: string): string =>
  plan.management?.accountId === accountId
    ? plan.spec.managementPermissionSet.name
    : plan.spec.permissionSet.name;

/** The accounts the member set is assigned in, which each change to it reprovisions (families/fanout.ts). */
export const memberSetAccounts = (plan: AdminAccessPlan): number =>
  plan.assignments.filter((a) => a.accountId !== plan.management?.accountId).length;

/** The role each assigned account gets for this stack's sets, by account: AWSReservedSSO_<set>_ before AWS's suffix. */
export const reservedRoleNamePrefixes = (plan: AdminAccessPlan): Record<string, string> =>
  Object.fromEntries(
    plan.assignments.map((a) => [a.accountId, reservedRoleNamePrefix(setNameFor(plan, a.accountId))]),
  );

/** Who holds admin where: every admin who has not expired nor is deferred, in every assigned account. */
export function grants(plan: AdminAccessPlan): { admin: PlannedAdmin; accountId: string }[] {
  return plan.admins
    .filter((admin) => !admin.expired && !admin.deferred)
    .flatMap((admin) => plan.assignments.map((a) => ({ admin, accountId: a.accountId })));
}

/** Users the component creates, who get no invitation email and need their first sign-in set up. */
export const usersToCreate = (plan: IdentityPlan): string[] =>
  plan.admins.filter((a) => !a.existing).map((a) => a.userName);
