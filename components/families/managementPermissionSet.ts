// The management-account family, pure: the management account's own permission set and its AdministratorAccess
// attachment. AWS recommends that sets used in the management account be separate from the member accounts'
// (a set provisioned there can only be changed from the management account, and a delegated Identity Center
// administrator cannot touch it), so with includeManagementAccount the management account gets this set,
// never the member set. Also what a delegated administrator cannot do: assignments in the management account.
import { ADMINISTRATOR_POLICY } from "../arns";
import { AdminAccessSpec } from "../spec";
import { Resolution } from "../targets";
import { BreakGlassAssignment, planBreakGlass } from "./breakGlass";
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
): ManagementPlan | undefined {
  const accountId = resolution.managementAccountId;
  if (!spec.targets.includeManagementAccount || !accountId || resolution.managementKeptOut) return undefined;
  const targeted = resolution.targets.some((t) => t.accountId === accountId);
  if (!targeted && spec.breakGlass.length === 0) return undefined;
  return {
    accountId,
    permissionSetResource: `${name}-management-permission-set`,
    managedPoliciesResource: `${name}-management-managed-policies`,
    policyAttachmentResource: `${name}-management-policy-${ADMINISTRATOR_POLICY}`,
    breakGlass: planBreakGlass(name, spec.breakGlass),
  };
}

/** The set and its policy first; the break-glass assignments come after every group assignment. */
export const managementSetResources = (plan: ManagementPlan | undefined): PlannedResource[] =>
  plan
    ? [
        { type: TYPES.permissionSet, name: plan.permissionSetResource },
        { type: TYPES.policyAttachment, name: plan.policyAttachmentResource },
        { type: TYPES.managedPolicies, name: plan.managedPoliciesResource },
      ]
    : [];

/** The family's own child names (the group's assignment on the management account is the group's). */
export const managementNames = (plan: ManagementPlan): string[] => [
  plan.permissionSetResource,
  plan.policyAttachmentResource,
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
