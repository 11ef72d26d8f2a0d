// What the AWS provider really does with each resource type the program registers, read from the source of
// hashicorp/terraform-provider-aws, which @pulumi/aws bridges: which inputs replace the resource (schema
// ForceNew), which it updates in place, the ID it sets and imports by. Pure data: adoption, the review
// diff and docs take what is replaced from here, never from our own understanding.
//
// Files read (internal/service/…, at the commit beside each entry). Field names are @pulumi/aws's inputs;
// the provider's snake_case field is the same name (instanceArn is instance_arn).

export interface UpstreamType {
  /** The provider file and commit read. */
  source: string;
  /** Inputs whose change replaces the resource (ForceNew in the schema). */
  forceNew: readonly string[];
  /** Inputs the provider's Update changes in place. */
  updatable: readonly string[];
  /** The ID the provider sets on create, which is also the `pulumi import` ID (ImportStatePassthrough). */
  id: string;
  /**
   * The inputs the ID is made of, or "assigned" when AWS assigns a new identifier on every create (or
   * Pulumi auto-names anew on every replacement, for the names the program leaves unset).
   */
  idFrom: readonly string[] | "assigned";
  /**
   * A force-new change that keeps the ID: with Pulumi's default create-before-delete the replacement is
   * created, then the old resource is deleted by the same ID, which deletes the replacement. The builders
   * register such a type so that the old delete never runs after the new create (the boundary attachment:
   * retainOnDelete, since deleting first would leave the assigned set unbounded for a while).
   */
  keepsIdOnReplace: boolean;
}

const EVENTS = "hashicorp/terraform-provider-aws internal/service/events";
const SQS = "hashicorp/terraform-provider-aws internal/service/sqs";
// pulumi-aws v7 bridges provider 6.x, whose regional resources take a top-level `region` input: changing it
// replaces the resource (internal/provider/sdkv2 interceptors, forceNewIfRegionChanges: d.ForceNew(region)).
const REGION_FORCE_NEW = "region";
const SSOADMIN = "hashicorp/terraform-provider-aws internal/service/ssoadmin";
const IDENTITYSTORE = "hashicorp/terraform-provider-aws internal/service/identitystore";

export const UPSTREAM: Record<string, UpstreamType> = {
  "aws:ssoadmin/permissionSet:PermissionSet": {
    // resourcePermissionSet: instance_arn and name ForceNew; resourcePermissionSetUpdate: description,
    // relay_state, session_duration (UpdatePermissionSet), tags_all (updateTags); d.SetId("%s,%s", ARN, instance).
    source: `${SSOADMIN}/permission_set.go@0414327b788a47d80a98262ee2d5847e4f0b6109`,
    forceNew: ["instanceArn", "name"],
    updatable: ["description", "relayState", "sessionDuration", "tags"],
    id: "PERMISSION_SET_ARN,INSTANCE_ARN",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": {
    // No Update: every argument ForceNew; d.SetId("%s,%s,%s", managedPolicyARN, permissionSetARN, instanceARN).
    source: `${SSOADMIN}/managed_policy_attachment.go@01f431114674c27cf790fafb67ac274bf8f765e1`,
    forceNew: ["instanceArn", "managedPolicyArn", "permissionSetArn"],
    updatable: [],
    id: "MANAGED_POLICY_ARN,PERMISSION_SET_ARN,INSTANCE_ARN",
    idFrom: ["managedPolicyArn", "permissionSetArn", "instanceArn"],
    keepsIdOnReplace: false,
  },
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": {
    // UpdateWithoutTimeout is the same Put as create; inline_policy is not ForceNew.
    source: `${SSOADMIN}/permission_set_inline_policy.go@0414327b788a47d80a98262ee2d5847e4f0b6109`,
    forceNew: ["instanceArn", "permissionSetArn"],
    updatable: ["inlinePolicy"],
    id: "PERMISSION_SET_ARN,INSTANCE_ARN",
    idFrom: ["permissionSetArn", "instanceArn"],
    keepsIdOnReplace: false,
  },
  "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment": {
    // customer_managed_policy_reference (name, path) ForceNew; CustomerManagedPolicyAttachmentCreateResourceID
    // joins name, path, permission set and instance with commas (so a comma in a name or path breaks the ID).
    source: `${SSOADMIN}/customer_managed_policy_attachment.go@0db7510694339fe7e581d8532d8bb72568e4b3a1`,
    forceNew: ["customerManagedPolicyReference", "instanceArn", "permissionSetArn"],
    updatable: [],
    id: "NAME,PATH,PERMISSION_SET_ARN,INSTANCE_ARN",
    idFrom: ["customerManagedPolicyReference", "permissionSetArn", "instanceArn"],
    keepsIdOnReplace: false,
  },
  "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment": {
    // permissions_boundary (managed_policy_arn, customer_managed_policy_reference) ForceNew, but
    // PermissionsBoundaryAttachmentCreateResourceID(permissionSetARN, instanceARN) leaves it out of the ID:
    // a boundary change replaces the attachment under the same ID.
    source: `${SSOADMIN}/permissions_boundary_attachment.go@01f431114674c27cf790fafb67ac274bf8f765e1`,
    forceNew: ["instanceArn", "permissionSetArn", "permissionsBoundary"],
    updatable: [],
    id: "PERMISSION_SET_ARN,INSTANCE_ARN",
    idFrom: ["permissionSetArn", "instanceArn"],
    keepsIdOnReplace: true,
  },
  "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive": {
    // A framework resource: instance_arn and permission_set_arn RequiresReplace; managed_policy_arns (a set)
    // updated in place by syncAttachments (attach the missing, then detach the extra, then provision);
    // WithNoOpDelete: destroying it detaches nothing. Imported by "<instance_arn>,<permission_set_arn>"
    // (managedPolicyAttachmentsExclusiveImportID, flex.ResourceIdSeparator).
    source: `${SSOADMIN}/managed_policy_attachments_exclusive.go@0414327b788a47d80a98262ee2d5847e4f0b6109`,
    forceNew: ["instanceArn", "permissionSetArn"],
    updatable: ["managedPolicyArns"],
    id: "INSTANCE_ARN,PERMISSION_SET_ARN",
    idFrom: ["instanceArn", "permissionSetArn"],
    keepsIdOnReplace: false,
  },
  "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive": {
    // As managed_policy_attachments_exclusive.go, for customer_managed_policy_reference blocks (path
    // defaults to "/"); an empty list detaches every customer-managed policy.
    source: `${SSOADMIN}/customer_managed_policy_attachments_exclusive.go@0414327b788a47d80a98262ee2d5847e4f0b6109`,
    forceNew: ["instanceArn", "permissionSetArn"],
    updatable: ["customerManagedPolicyReferences"],
    id: "INSTANCE_ARN,PERMISSION_SET_ARN",
    idFrom: ["instanceArn", "permissionSetArn"],
    keepsIdOnReplace: false,
  },
  "aws:ssoadmin/accountAssignment:AccountAssignment": {
    // Every argument ForceNew; d.SetId of all six, comma-separated.
    source: `${SSOADMIN}/account_assignment.go@01606926a0c0ab9174aec440f976a48b0baee722`,
    forceNew: ["instanceArn", "permissionSetArn", "principalId", "principalType", "targetId", "targetType"],
    updatable: [],
    id: "PRINCIPAL_ID,PRINCIPAL_TYPE,TARGET_ID,TARGET_TYPE,PERMISSION_SET_ARN,INSTANCE_ARN",
    idFrom: ["principalId", "principalType", "targetId", "targetType", "permissionSetArn", "instanceArn"],
    keepsIdOnReplace: false,
  },
  "aws:identitystore/group:Group": {
    // identity_store_id ForceNew. display_name was ForceNew up to 5.68 (the stored group.go@f64a965c… and
    // @01c08000…, both of the 4.x/early-5.x code base); CHANGELOG 5.69.0: "resource/aws_identitystore_group:
    // Allow `display_name` to be updated in-place (#39416)" (hashicorp/terraform-provider-aws PR #39416 drops
    // the ForceNew; resourceGroupUpdate sends UpdateGroup). @pulumi/aws 7.x bridges terraform-provider-aws
    // 6.x (pulumi/pulumi-aws PR #5665 moved v7 to 6.3.0; PR #6392 to 6.46.0), so 7.48.0 updates a renamed
    // group in place. d.SetId("%s/%s").
    source: `${IDENTITYSTORE}/group.go, CHANGELOG.md 5.69.0 (#39416), bridged by @pulumi/aws 7.x (6.x)`,
    forceNew: ["identityStoreId"],
    updatable: ["description", "displayName"],
    id: "IDENTITY_STORE_ID/GROUP_ID",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:identitystore/user:User": {
    // identity_store_id and user_name ForceNew; resourceUserUpdate's fieldsToUpdate covers the rest.
    source: `${IDENTITYSTORE}/user.go@0ebc7eecdfe2919b5a386bc782815993596c1250`,
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
    id: "IDENTITY_STORE_ID/USER_ID",
    idFrom: "assigned",
    // The ID is new, but emails are unique in the identity store: the builder registers the user with
    // deleteBeforeReplace for that reason (families/users.ts), not for its ID.
    keepsIdOnReplace: false,
  },
  "aws:identitystore/groupMembership:GroupMembership": {
    // No Update: group_id, identity_store_id, member_id ForceNew; d.SetId("%s/%s", store, membershipId).
    source: `${IDENTITYSTORE}/group_membership.go@1159b3eea081d185a8ebf854c62bcace064cf235`,
    forceNew: ["groupId", "identityStoreId", "memberId"],
    updatable: [],
    id: "IDENTITY_STORE_ID/MEMBERSHIP_ID",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:iam/role:Role": {
    // name, name_prefix, path ForceNew; resourceRoleUpdate: assume_role_policy (UpdateAssumeRolePolicy),
    // description (UpdateRoleDescription), max_session_duration (UpdateRole), permissions_boundary, tags.
    // d.SetId(roleName): the program leaves the name to Pulumi's auto-naming, which picks a new one on replace.
    source:
      "hashicorp/terraform-provider-aws internal/service/iam/role.go@3277329285f5730eeff9c56fbe69836c9448ab78",
    forceNew: ["name", "namePrefix", "path"],
    updatable: ["assumeRolePolicy", "description", "maxSessionDuration", "permissionsBoundary", "tags"],
    id: "ROLE_NAME",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:iam/rolePolicy:RolePolicy": {
    // name, name_prefix, role ForceNew; Update is the same PutRolePolicy; d.SetId("%s:%s", role, name), the
    // name auto-named by Pulumi and the role replaced with a new name, so a replacement has a new ID.
    source:
      "hashicorp/terraform-provider-aws internal/service/iam/role_policy.go@33aa0b5e1401dc9bb1c862c51471506512abc050",
    forceNew: ["name", "namePrefix", "role"],
    updatable: ["policy"],
    id: "ROLE_NAME:POLICY_NAME",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:scheduler/schedule:Schedule": {
    // group_name, name, name_prefix ForceNew; resourceScheduleUpdate sends the whole schedule
    // (action_after_completion is Optional+Computed, not ForceNew). ID "group/name" from the ARN.
    source:
      "hashicorp/terraform-provider-aws internal/service/scheduler/schedule.go@ba2931406ac6b8627b6360a3b0194a255b070c8e",
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
    id: "GROUP_NAME/NAME",
    // name_prefix only makes the name, which is part of the ID.
    idFrom: ["groupName", "name", "namePrefix"],
    keepsIdOnReplace: false,
  },
  "aws:cloudwatch/eventRule:EventRule": {
    // event_bus_name, name, name_prefix ForceNew; resourceRuleUpdate is the same PutRule for the rest.
    // d.SetId(ruleCreateResourceID(bus, name)): the name alone on the default bus, auto-named by Pulumi.
    source: `${EVENTS}/rule.go@0cdab4ae09a963535e03dde0bff4784afe8e3517`,
    forceNew: ["eventBusName", "name", "namePrefix", REGION_FORCE_NEW],
    updatable: ["description", "eventPattern", "roleArn", "scheduleExpression", "state", "tags"],
    id: "RULE_NAME",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:cloudwatch/eventTarget:EventTarget": {
    // event_bus_name, rule, target_id ForceNew (target_id id.UniqueId() when unset); Update is PutTargets.
    // targetCreateResourceID(bus, rule, targetID): the rule is auto-named, so a replaced rule is a new ID.
    source: `${EVENTS}/target.go@0762c41e2027fcd3cb8340d3e6886c6975fc0a59`,
    forceNew: ["eventBusName", "rule", "targetId", REGION_FORCE_NEW],
    updatable: [
      "arn",
      "deadLetterConfig",
      "input",
      "inputPath",
      "inputTransformer",
      "retryPolicy",
      "roleArn",
    ],
    id: "RULE_NAME-TARGET_ID",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:cloudwatch/eventConnection:EventConnection": {
    // name ForceNew; resourceConnectionUpdate sends UpdateConnection (authorization type, auth parameters
    // with the token, description). d.SetId(name).
    source: `${EVENTS}/connection.go@0105d2191ae7e43ba37ba011b916843eddf361ed`,
    forceNew: ["name", REGION_FORCE_NEW],
    updatable: ["authParameters", "authorizationType", "description"],
    id: "CONNECTION_NAME",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:cloudwatch/eventApiDestination:EventApiDestination": {
    // name ForceNew; resourceAPIDestinationUpdate sends UpdateApiDestination for the rest. d.SetId(name).
    source: `${EVENTS}/api_destination.go@17b36ea57aea5a617be59ca4d1cabb4abcd3fbdf`,
    forceNew: ["name", REGION_FORCE_NEW],
    updatable: [
      "connectionArn",
      "description",
      "httpMethod",
      "invocationEndpoint",
      "invocationRateLimitPerSecond",
    ],
    id: "API_DESTINATION_NAME",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:sqs/queue:Queue": {
    // name, name_prefix, fifo_queue ForceNew; the other attributes by SetQueueAttributes. The ID is the
    // queue URL, which carries the auto-generated name.
    source: `${SQS}/queue.go`,
    forceNew: ["fifoQueue", "name", "namePrefix", REGION_FORCE_NEW],
    updatable: ["messageRetentionSeconds", "sqsManagedSseEnabled", "tags"],
    id: "QUEUE_URL",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
  "aws:sqs/queuePolicy:QueuePolicy": {
    // queue_url Required+ForceNew; policy updated by SetQueueAttributes (equivalent JSON suppressed). The ID
    // is the queue's URL, which AWS assigns with the auto-named queue: the policy is replaced only with its
    // queue (queueUrl, or the region both share), so a replacement always has a new ID.
    source: `${SQS}/queue_policy.go`,
    forceNew: ["queueUrl", REGION_FORCE_NEW],
    updatable: ["policy"],
    id: "QUEUE_URL",
    idFrom: "assigned",
    keepsIdOnReplace: false,
  },
};
