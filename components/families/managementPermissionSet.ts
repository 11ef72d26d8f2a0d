// The management-account family, pure: the management account's own permission set and its AdministratorAccess
// attachment. AWS recommends that sets used in the management account be separate from the member accounts'
// (a set provisioned there can only be changed from the management account, and a delegated Identity Center
// administrator cannot touch it), so with includeManagementAccount the management account gets this set,
// never the member set. Also what a delegated administrator cannot do: assignments in the management account.
import { ADMINISTRATOR_POLICY } from "../arns";
import { AdminAccessSpec } from "../spec";
import { Resolution } from "../targets";
import { serializePolicy } from "../policy";
import { policyBytes } from "../iam/policySize";
import { INLINE_POLICY_MAX_CHARS, INLINE_POLICY_MAX_NON_WHITESPACE } from "../policy";
import { BreakGlassAssignment, planBreakGlass } from "./breakGlass";
import { largestWithSessionCuts, SessionCut, sessionCuts } from "./expiry";
import { PlannedResource, TYPES } from "./types";

export interface ManagementPlan {
  /** The management account; its group assignment (if targeted) and the break-glass users use this set. */
  accountId: string;
  permissionSetResource: string;
  /**
   * Its AWS-managed policy list, owned whole as the member set's is (permissionSet.ts). Config declares no
   * customer-managed policy for it, so that list is not owned: a guardrail attached by hand stays.
   */
  managedPoliciesResource: string;
  /** The per-policy attachment of earlier releases, kept one more release on delete (permissionSet.ts, Migration). */
  policyAttachmentResource: string;
  /**
   * The denies that cut expiring admins' live sessions on this set too, and the inline policy that holds
   * them: AWS's revoke procedure puts the Deny "in every permission set assigned to the user"
   * (https://docs.aws.amazon.com/singlesignon/latest/userguide/prereqs-revoking-user-permissions.html), and the
   * group holds this set on the management account when that account is targeted. Config declares no inline
   * policy here, so the resource exists only while a cut does.
   */
  inlinePolicyResource?: string;
  sessionCuts: SessionCut[];
  breakGlass: BreakGlassAssignment[];
}

/** A resolution, with why the management account was kept out of it when it was. */
export type ManagementResolution = Resolution & { managementKeptOut?: string };

/**
 * Planned only with includeManagementAccount, when the management account is known and used: targeted, or
 * given break-glass users. Undefined when it was kept out (a delegated administrator).
 */
export function planManagement(
  name: string,
  spec: AdminAccessSpec,
  resolution: ManagementResolution,
  now: Date = new Date(),
): ManagementPlan | undefined {
  const accountId = resolution.managementAccountId;
  if (!spec.targets.includeManagementAccount || !accountId || resolution.managementKeptOut) return undefined;
  const targeted = resolution.targets.some((t) => t.accountId === accountId);
  if (!targeted && spec.breakGlass.length === 0) return undefined;
  // Only the group's admins expire (validation refuses expiresAt on a break-glass user), and they hold this
  // set only where the group is assigned it.
  const cuts = targeted ? sessionCuts(spec.admins, spec.managementPermissionSet.sessionDuration, now) : [];
  return {
    accountId,
    permissionSetResource: `${name}-management-permission-set`,
    managedPoliciesResource: `${name}-management-managed-policies`,
    policyAttachmentResource: `${name}-management-policy-${ADMINISTRATOR_POLICY}`,
    inlinePolicyResource: cuts.length > 0 ? `${name}-management-inline-policy` : undefined,
    sessionCuts: cuts,
    breakGlass: planBreakGlass(name, spec.breakGlass),
  };
}

/** Why the management set's session-cutting denies cannot be sent, if they cannot (as sessionCutProblem). */
export function managementCutProblem(plan: ManagementPlan | undefined): string | undefined {
  if (!plan || plan.sessionCuts.length === 0) return undefined;
  const text = serializePolicy(largestWithSessionCuts(undefined, plan.sessionCuts));
  const bytes = policyBytes(text);
  const dense = text.replace(/\s/g, "").length;
  if (bytes <= INLINE_POLICY_MAX_CHARS && dense <= INLINE_POLICY_MAX_NON_WHITESPACE) return undefined;
  return (
    `admins[].expiresAt: the management set's inline policy with the denies that cut expiring admins' live ` +
    `sessions would be up to ${bytes} bytes and ${dense} characters other than whitespace; AWS allows ` +
    `${INLINE_POLICY_MAX_CHARS} and ${INLINE_POLICY_MAX_NON_WHITESPACE}. Share expiresAt instants`
  );
}

/** The set and its policy first; the break-glass assignments come after every group assignment. */
export const managementSetResources = (plan: ManagementPlan | undefined): PlannedResource[] =>
  plan
    ? [
        { type: TYPES.permissionSet, name: plan.permissionSetResource },
        { type: TYPES.policyAttachment, name: plan.policyAttachmentResource },
        ...(plan.inlinePolicyResource ? [{ type: TYPES.inlinePolicy, name: plan.inlinePolicyResource }] : []),
        { type: TYPES.managedPolicies, name: plan.managedPoliciesResource },
      ]
    : [];

/** The family's own child names (the group's assignment on the management account is the group's). */
export const managementNames = (plan: ManagementPlan): string[] => [
  plan.permissionSetResource,
  plan.policyAttachmentResource,
  ...(plan.inlinePolicyResource ? [plan.inlinePolicyResource] : []),
  plan.managedPoliciesResource,
  ...plan.breakGlass.map((b) => b.resource),
];

/**
 * What a delegated Identity Center administrator cannot do: manage assignments (or sets provisioned) in the
 * management account. Found before anything is registered, the management account is kept out with this
 * reason instead of failing mid-apply.
 */
export function keptOutWhenDelegated(
  resolution: Resolution,
  callerAccountId: string | undefined,
): ManagementResolution {
  const management = resolution.managementAccountId;
  if (!callerAccountId || !management || callerAccountId === management) return resolution;
  const reason =
    `the management account: these credentials are account ${callerAccountId}'s, a delegated administrator, ` +
    "which cannot manage assignments in the management account; run from the management account to include it";
  return {
    ...resolution,
    targets: resolution.targets.filter((t) => t.accountId !== management),
    skipped: [
      ...resolution.skipped.filter((s) => s.accountId !== management),
      { accountId: management, reason },
    ].sort((a, b) => (a.accountId < b.accountId ? -1 : 1)),
    managementKeptOut: reason,
  };
}
