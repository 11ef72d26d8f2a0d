// The upstream provider's replace rules, transcribed from hashicorp/terraform-provider-aws (pulumi-aws v7
// bridges it) for the engine's stand-in provider, kept apart from the program's own table
// (components/families/upstream.ts) so that tests/engine/forceNew.test.ts can compare the two both ways:
// the same types, the same force-new and updatable inputs. Fields are the Pulumi (camelCase) names. A resource without an Update function
// must mark every argument ForceNew (terraform-plugin-sdk InternalValidate), so for those every input is here.
import { ORG_EVENT_TYPES, TYPES } from "../../components/families/types";

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
      "profileUrl",
      "timezone",
      "title",
      "userType",
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
  [TYPES.expiryRole]: {
    forceNew: ["name", "namePrefix", "path"],
    updatable: ["assumeRolePolicy", "description", "maxSessionDuration", "permissionsBoundary", "tags"],
    source: "internal/service/iam/role.go: name, name_prefix, path ForceNew; the rest by resourceRoleUpdate",
  },
  [TYPES.expiryPolicy]: {
    forceNew: ["name", "namePrefix", "role"],
    updatable: ["policy"],
    source: "internal/service/iam/role_policy.go: name, name_prefix, role ForceNew; policy by PutRolePolicy",
  },
  [TYPES.expirySchedule]: {
    forceNew: ["groupName", "name", "namePrefix"],
    updatable: [
      "actionAfterCompletion",
      "description",
      "endDate",
      "flexibleTimeWindow",
      "kmsKeyArn",
      "scheduleExpression",
      "scheduleExpressionTimezone",
      "startDate",
      "state",
      "target",
    ],
    source: "internal/service/scheduler/schedule.go: group_name, name, name_prefix ForceNew; UpdateSchedule",
  },
  // The regional types below also replace on a changed top-level `region` (provider 6.x interceptors,
  // forceNewIfRegionChanges).
  [ORG_EVENT_TYPES.rule]: {
    forceNew: ["eventBusName", "name", "namePrefix", "region"],
    updatable: ["description", "eventPattern", "roleArn", "scheduleExpression", "state", "tags"],
    source: "internal/service/events/rule.go: event_bus_name, name, name_prefix ForceNew; Update = PutRule",
  },
  [ORG_EVENT_TYPES.target]: {
    forceNew: ["eventBusName", "region", "rule", "targetId"],
    updatable: [
      "arn",
      "deadLetterConfig",
      "input",
      "inputPath",
      "inputTransformer",
      "retryPolicy",
      "roleArn",
    ],
    source:
      "internal/service/events/target.go: event_bus_name, rule, target_id ForceNew; Update = PutTargets",
  },
  [ORG_EVENT_TYPES.connection]: {
    forceNew: ["name", "region"],
    updatable: ["authParameters", "authorizationType", "description"],
    source: "internal/service/events/connection.go: name ForceNew; UpdateConnection for the rest",
  },
  [ORG_EVENT_TYPES.destination]: {
    forceNew: ["name", "region"],
    updatable: [
      "connectionArn",
      "description",
      "httpMethod",
      "invocationEndpoint",
      "invocationRateLimitPerSecond",
    ],
    source: "internal/service/events/api_destination.go: name ForceNew; UpdateApiDestination for the rest",
  },
  [ORG_EVENT_TYPES.queue]: {
    forceNew: ["fifoQueue", "name", "namePrefix", "region"],
    updatable: ["messageRetentionSeconds", "sqsManagedSseEnabled", "tags"],
    source: "internal/service/sqs/queue.go: name, name_prefix, fifo_queue ForceNew; SetQueueAttributes",
  },
  [ORG_EVENT_TYPES.queuePolicy]: {
    forceNew: ["queueUrl", "region"],
    updatable: ["policy"],
    source: "internal/service/sqs/queue_policy.go: queue_url ForceNew; policy by SetQueueAttributes",
  },
};
