// The permission-set family, pure: the set and its attachments (AdministratorAccess, the inline policy,
// customer-managed policies, the permissions boundary). Child names, import IDs, the fields compared for
// drift, what forces a replacement and what depends on it. Read from hashicorp/terraform-provider-aws
// internal/service/ssoadmin: permission_set.go, permission_set_inline_policy.go,
// permissions_boundary_attachment.go, and the import IDs the existing adoption writes.
import { ADMINISTRATOR_POLICY } from "../arns";
import { policyKey } from "../policy";
import { BoundarySpec, PermissionSetSpec, PolicyReference } from "../spec";
import { PlannedResource, ResourceRule, TYPES } from "./types";

/** The set's children when it is created; a set with existing: true is looked up and has none. */
export interface PermissionSetPlan {
  permissionSetResource: string;
  policyAttachmentResource: string;
  /** The set's guardrails, each keyed by what it attaches. */
  inlinePolicyResource?: string;
  customerPolicyResources: (PolicyReference & { resource: string })[];
  permissionsBoundaryResource?: string;
}

/** Child names come from stable keys, never list positions: reordering config changes no URN. */
export function planPermissionSet(name: string, set: PermissionSetSpec): PermissionSetPlan | undefined {
  if (set.existing) return undefined;
  return {
    permissionSetResource: `${name}-permission-set`,
    policyAttachmentResource: `${name}-policy-${ADMINISTRATOR_POLICY}`,
    inlinePolicyResource: set.inlinePolicy ? `${name}-inline-policy` : undefined,
    customerPolicyResources: set.customerManagedPolicies.map((ref) => ({
      ...ref,
      resource: `${name}-customer-policy-${policyKey(ref)}`,
    })),
    permissionsBoundaryResource: set.permissionsBoundary ? `${name}-permissions-boundary` : undefined,
  };
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
  ];
}

/** The set's attachments: each names the set's ARN, so each is replaced with the set. */
const ATTACHMENTS = [
  TYPES.policyAttachment,
  TYPES.inlinePolicy,
  TYPES.customerPolicy,
  TYPES.permissionsBoundary,
];

export const RULES: Partial<Record<string, ResourceRule>> = {
  [TYPES.permissionSet]: {
    forceNew: ["name", "instanceArn"],
    source: "ssoadmin/permission_set.go: name and instance_arn are ForceNew",
    sameIdOnReplace: false, // a new set has a new ARN
    dependents: [...ATTACHMENTS, TYPES.assignment],
  },
  [TYPES.inlinePolicy]: {
    forceNew: ["instanceArn", "permissionSetArn"],
    source:
      "ssoadmin/permission_set_inline_policy.go: instance_arn, permission_set_arn ForceNew; inline_policy updated by Put",
    sameIdOnReplace: false, // the ID is "<set ARN>,<instance ARN>", which a forced replacement changes
    dependents: [],
  },
  [TYPES.permissionsBoundary]: {
    forceNew: ["instanceArn", "permissionSetArn", "permissionsBoundary"],
    source: "ssoadmin/permissions_boundary_attachment.go: every argument ForceNew, no Update",
    // A changed boundary keeps the ID "<set ARN>,<instance ARN>": the old attachment's delete
    // (DeletePermissionsBoundaryFromPermissionSet) would remove the boundary just put in place, so the
    // builder keeps it on delete; removing the boundary from config therefore leaves it on the set.
    sameIdOnReplace: true,
    dependents: [],
  },
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
