// The upstream provider's replace rules, transcribed from hashicorp/terraform-provider-aws (pulumi-aws v7
// bridges it), kept apart from the program's own table (components/adoption.ts FORCE_NEW) so that a test
// can compare the two. Fields are the Pulumi (camelCase) names. A resource without an Update function
// must mark every argument ForceNew (terraform-plugin-sdk InternalValidate), so for those every input is here.
import { TYPES } from "../../components/plan";

export interface ForceNewEntry {
  /** Fields whose change replaces the resource. */
  forceNew: string[];
  /** Fields updated in place. */
  updatable: string[];
  /** Where upstream says so. */
  source: string;
}

export const UPSTREAM: Record<string, ForceNewEntry> = {
  [TYPES.permissionSet]: {
    forceNew: ["instanceArn", "name"],
    updatable: ["description", "relayState", "sessionDuration", "tags"],
    source:
      "internal/service/ssoadmin/permission_set.go: instance_arn, name ForceNew; description, relay_state, " +
      "session_duration via UpdatePermissionSet, tags via updateTags",
  },
  [TYPES.policyAttachment]: {
    forceNew: ["instanceArn", "managedPolicyArn", "permissionSetArn"],
    updatable: [],
    source: "internal/service/ssoadmin/managed_policy_attachment.go: no Update; every argument ForceNew",
  },
  [TYPES.managedPolicies]: {
    forceNew: ["instanceArn", "permissionSetArn"],
    updatable: ["managedPolicyArns"],
    source:
      "internal/service/ssoadmin/managed_policy_attachments_exclusive.go: instance_arn, permission_set_arn " +
      "RequiresReplace; managed_policy_arns (a set) synced by Update",
  },
  [TYPES.customerPolicies]: {
    forceNew: ["instanceArn", "permissionSetArn"],
    updatable: ["customerManagedPolicyReferences"],
    source:
      "internal/service/ssoadmin/customer_managed_policy_attachments_exclusive.go: instance_arn, " +
      'permission_set_arn RequiresReplace; customer_managed_policy_reference (a list, path default "/") ' +
      "synced by Update",
  },
  [TYPES.inlinePolicy]: {
    forceNew: ["instanceArn", "permissionSetArn"],
    updatable: ["inlinePolicy"],
    source:
      "internal/service/ssoadmin/permission_set_inline_policy.go: instance_arn, permission_set_arn ForceNew; " +
      "inline_policy updated by PutInlinePolicyToPermissionSet (Update = Put), equivalent JSON suppressed",
  },
  [TYPES.customerPolicy]: {
    forceNew: ["customerManagedPolicyReference", "instanceArn", "permissionSetArn"],
    updatable: [],
    source:
      "internal/service/ssoadmin/customer_managed_policy_attachment.go: no Update; instance_arn, " +
      "permission_set_arn, customer_managed_policy_reference ForceNew",
  },
  [TYPES.permissionsBoundary]: {
    forceNew: ["instanceArn", "permissionSetArn", "permissionsBoundary"],
    updatable: [],
    source:
      "internal/service/ssoadmin/permissions_boundary_attachment.go: no Update; instance_arn, " +
      "permission_set_arn, permissions_boundary ForceNew; Delete calls DeletePermissionsBoundaryFromPermissionSet",
  },
  [TYPES.assignment]: {
    forceNew: ["instanceArn", "permissionSetArn", "principalId", "principalType", "targetId", "targetType"],
    updatable: [],
    source: "internal/service/ssoadmin/account_assignment.go: no Update; every argument ForceNew",
  },
  [TYPES.group]: {
    forceNew: ["identityStoreId"],
    updatable: ["description", "displayName"],
    source:
      "internal/service/identitystore/group.go: identity_store_id ForceNew; display_name updated in place since 5.69.0 (#39416)",
  },
  [TYPES.user]: {
    forceNew: ["identityStoreId", "userName"],
    updatable: [
      "addresses",
      "displayName",
      "emails",
      "locale",
      "name",
      "nickname",
      "phoneNumbers",
      "preferredLanguage",
      "timezone",
      "title",
    ],
    source:
      "internal/service/identitystore/user.go: identity_store_id, user_name ForceNew; the rest in " +
      "resourceUserUpdate's fieldsToUpdate",
  },
  [TYPES.membership]: {
    forceNew: ["groupId", "identityStoreId", "memberId"],
    updatable: [],
    source:
      "internal/service/identitystore/group_membership.go: no Update; group_id, identity_store_id, member_id ForceNew",
  },
};
