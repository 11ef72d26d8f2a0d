// The permission-set family, pure: the set and its attachments (AdministratorAccess, the inline policy,
// customer-managed policies, the permissions boundary). Child names, import IDs, the fields compared for
// drift, what forces a replacement and what depends on it. Read from hashicorp/terraform-provider-aws
// internal/service/ssoadmin: permission_set.go, permission_set_inline_policy.go,
// permissions_boundary_attachment.go, and the import IDs the existing adoption writes.
import { ADMINISTRATOR_POLICY } from "../arns";
import { policyBytes } from "../iam/policySize";
import {
  INLINE_POLICY_MAX_CHARS,
  INLINE_POLICY_MAX_NON_WHITESPACE,
  policyKey,
  serializePolicy,
} from "../policy";
import { BoundarySpec, PermissionSetSpec, PolicyReference } from "../spec";
import { largestWithSessionCuts, SessionCut } from "./expiry";
import { PlannedResource, ResourceRule, TYPES } from "./types";

/** The set's children when it is created; a set with existing: true is looked up and has none. */
export interface PermissionSetPlan {
  permissionSetResource: string;
  /**
   * The set's whole lists of AWS-managed and of customer-managed policies, each held by one exclusive
   * resource: whatever else is attached (in the console, by another tool) is detached when it runs.
   */
  managedPoliciesResource: string;
  customerPoliciesResource: string;
  /**
   * The per-policy attachments of earlier releases, registered for one more release with retainOnDelete and
   * before the exclusive resources: a stack that held them keeps every policy attached throughout, and their
   * delete in the next release detaches nothing (Migration, below).
   */
  policyAttachmentResource: string;
  /**
   * The set's guardrails, each keyed by what it attaches. The inline policy exists for the configured one,
   * for the denies that cut expiring admins' live sessions (sessionCuts), or both.
   */
  inlinePolicyResource?: string;
  sessionCuts: SessionCut[];
  customerPolicyResources: (PolicyReference & { resource: string })[];
  permissionsBoundaryResource?: string;
}

/**
 * What owning the lists means, in one place for every reader. The exclusive resources rewrite a list whole
 * whenever they run: on create (the first `up` of this release), when config changes that list, and after a
 * refresh has read AWS; a plain `up` with neither reads nothing (tests/engine/migration.engine.ts).
 */
export const OWNED_LISTS_NOTE =
  "owned whole: policies added by hand go at the next pulumi up --refresh, or sooner";

/** Child names come from stable keys, never list positions: reordering config changes no URN. */
export function planPermissionSet(
  name: string,
  set: PermissionSetSpec,
  sessionCuts: SessionCut[],
): PermissionSetPlan | undefined {
  if (set.existing) return undefined;
  return {
    permissionSetResource: `${name}-permission-set`,
    managedPoliciesResource: `${name}-managed-policies`,
    customerPoliciesResource: `${name}-customer-policies`,
    policyAttachmentResource: `${name}-policy-${ADMINISTRATOR_POLICY}`,
    inlinePolicyResource: set.inlinePolicy || sessionCuts.length > 0 ? `${name}-inline-policy` : undefined,
    sessionCuts,
    customerPolicyResources: set.customerManagedPolicies.map((ref) => ({
      ...ref,
      resource: `${name}-customer-policy-${policyKey(ref)}`,
    })),
    permissionsBoundaryResource: set.permissionsBoundary ? `${name}-permissions-boundary` : undefined,
  };
}

/**
 * Why the inline policy with the session-cutting denies cannot be sent, if it cannot: decided from plain
 * data at its largest (user IDs are known only after apply), against both of AWS's limits.
 */
export function sessionCutProblem(set: PermissionSetSpec, cuts: SessionCut[]): string | undefined {
  if (set.existing || cuts.length === 0) return undefined;
  const text = serializePolicy(largestWithSessionCuts(set.inlinePolicy, cuts));
  const bytes = policyBytes(text);
  const dense = text.replace(/\s/g, "").length;
  if (bytes <= INLINE_POLICY_MAX_CHARS && dense <= INLINE_POLICY_MAX_NON_WHITESPACE) return undefined;
  const admins = cuts.reduce((n, c) => n + c.userNames.length, 0);
  return (
    `admins[].expiresAt: the inline policy with the denies that cut the live sessions of ${admins} expiring ` +
    `admin(s) at ${cuts.length} instant(s) would be up to ${bytes} bytes and ${dense} characters other than ` +
    `whitespace; AWS allows ${INLINE_POLICY_MAX_CHARS} and ${INLINE_POLICY_MAX_NON_WHITESPACE}. Share expiresAt ` +
    "instants (admins who share one share a statement) or shorten permissionSet.inlinePolicy"
  );
}

/** The family's children in registration order. */
export function permissionSetResources(plan: PermissionSetPlan | undefined): PlannedResource[] {
  if (!plan) return [];
  return [
    { type: TYPES.permissionSet, name: plan.permissionSetResource },
    { type: TYPES.policyAttachment, name: plan.policyAttachmentResource },
    ...(plan.inlinePolicyResource ? [{ type: TYPES.inlinePolicy, name: plan.inlinePolicyResource }] : []),
    ...plan.customerPolicyResources.map((c) => ({ type: TYPES.customerPolicy, name: c.resource })),
    ...(plan.permissionsBoundaryResource
      ? [{ type: TYPES.permissionsBoundary, name: plan.permissionsBoundaryResource }]
      : []),
    { type: TYPES.managedPolicies, name: plan.managedPoliciesResource },
    { type: TYPES.customerPolicies, name: plan.customerPoliciesResource },
  ];
}

// Migration (#27): how the per-policy attachments leave without a detach. The engine deletes a resource that
// leaves the program with the retainOnDelete it was last registered with (pulumi/pulumi v3.274.1
// pkg/resource/deploy/step.go, DeleteStep.Apply: `else if s.old.RetainOnDelete`, the provider's Delete is not
// called), so this release registers them retained and the next drops them; a direct switch deletes them with
// a detach (tests/engine/migration.engine.ts).

/** The set's attachments: each names the set's ARN, so each is replaced with the set. */
const ATTACHMENTS = [
  TYPES.managedPolicies,
  TYPES.customerPolicies,
  TYPES.policyAttachment,
  TYPES.inlinePolicy,
  TYPES.customerPolicy,
  TYPES.permissionsBoundary,
];

/** What replaces each of these is in upstream.ts; here, what follows the set when it is replaced. */
export const RULES: Partial<Record<string, ResourceRule>> = {
  [TYPES.permissionSet]: { dependents: [...ATTACHMENTS, TYPES.assignment] },
};

/** Import IDs, as the provider's importers parse them. */
export const importIds = {
  permissionSet: (setArn: string, instanceArn: string) => `${setArn},${instanceArn}`,
  managedPolicy: (policyArn: string, setArn: string, instanceArn: string) =>
    `${policyArn},${setArn},${instanceArn}`,
  /** The inline policy and the boundary are imported by the set they are attached to. */
  attachedToSet: (setArn: string, instanceArn: string) => `${setArn},${instanceArn}`,
  customerPolicy: (ref: PolicyReference, setArn: string, instanceArn: string) =>
    `${ref.name},${ref.path},${setArn},${instanceArn}`,
  /** Both exclusive resources: the instance first (their importers cut "<instance_arn>,<permission_set_arn>"). */
  exclusive: (setArn: string, instanceArn: string) => `${instanceArn},${setArn}`,
};

/** The set's own fields that adoption compares with what exists, as text. */
export const SETTINGS = ["name", "description", "sessionDuration", "relayState", "tags"] as const;

export const tagText = (tags: Record<string, string>) =>
  Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(", ") || undefined;

/** The set's compared fields, from config or from what AWS reports. */
export function settingsText(set: {
  name: string;
  description?: string;
  sessionDuration?: string;
  relayState?: string;
  tags: Record<string, string>;
}): Record<(typeof SETTINGS)[number], string | undefined> {
  const { name, description, sessionDuration, relayState } = set;
  return { name, description, sessionDuration, relayState, tags: tagText(set.tags) };
}

/** A boundary as one line, as the live reader writes it: an ARN, or `path` + `name`. */
export const boundaryText = (b: BoundarySpec) =>
  "managedPolicyArn" in b ? b.managedPolicyArn : policyRefText(b.customerManagedPolicy);

/** A customer-managed policy reference as `path` + `name`. */
export const policyRefText = (ref: PolicyReference) => `${ref.path}${ref.name}`;
