// The orgEvents family, pure: an EventBridge rule for the organization's account changes and one for the
// identity store's user, group and membership changes, each of which posts a GitHub repository_dispatch
// through an API destination (its connection holding the token), retries for a day and keeps what still
// fails in a dead-letter queue; and the role EventBridge assumes to call them.
// Organizations is a global service whose API calls CloudTrail records in its home region, and EventBridge
// receives them there only: us-east-1 in the aws partition
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_security_incident-response.html,
// "AWS Organizations ... events ... in the US East (N. Virginia) Region"), us-gov-west-1 in GovCloud,
// cn-northwest-1 in China. The Organizations path is created there, whatever the stack's region; the identity
// path in the stack's region, where the Identity Center instance records its identity store's calls.
import { OrgEventsSpec } from "../spec";
import { ORG_EVENT_TYPES, PlannedResource } from "./types";

export { ORG_EVENT_TYPES } from "./types";

// Which events, each name from the API reference of the call that causes it (botocore's organizations and
// account models carry the same text), and which trail records it: the rule lives in the management account,
// so only what its trail records reaches it. An invited account's AcceptHandshake is logged in the invited
// account's trail, not the management account's ("CloudTrail logging takes place in the account taking the
// action", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_accept-decline-invite.html).

/** The Organizations events of the management account's trail that change which accounts a selector reaches. */
export const ORG_EVENT_NAMES = [
  // Joined, created or invited: "the AccountJoinedOrganization event is logged in CloudTrail and is available
  // only in the management account's event history" (API_CreateAccount, API_AcceptHandshake:
  // joinedMethod Created / Invited).
  "AccountJoinedOrganization",
  // Created: "Check the CloudTrail log for the CreateAccountResult event" (API_CreateAccount).
  "CreateAccountResult",
  // Moved between OUs: "You can only call this operation from the management account" (API_MoveAccount).
  "MoveAccount",
  // Removed by the management account (API_RemoveAccountFromOrganization, which it alone may call), or left:
  // AccountDepartedOrganization "is available only in the management account's event history"
  // (API_RemoveAccountFromOrganization departureMethod REMOVED, API_LeaveOrganization LEFT).
  "RemoveAccountFromOrganization",
  "AccountDepartedOrganization",
  // Closed: the call, and "the CloseAccountResult event that gets published after the account closes"
  // (API_CloseAccount); a closed account is SUSPENDED, which no selector targets.
  "CloseAccount",
  "CloseAccountResult",
  // Tagged or untagged (accountTags selects by tag): "CloudTrail captures all API calls for AWS Organizations
  // as events" (Organizations User Guide, "Logging API calls with AWS CloudTrail for AWS Organizations",
  // orgs_cloudtrail-integration.html), and TagResource and UntagResource are its calls for an account's tags
  // (API_TagResource, API_UntagResource). Either may also be called by an Organizations delegated
  // administrator, whose call its own trail records: drift finds that change.
  "TagResource",
  "UntagResource",
] as const;

/**
 * Renamed (accountNames selects by name): AWS Account Management's PutAccountName ("Updates the account name
 * of the specified account", API_PutAccountName), recorded with source aws.account and eventSource
 * account.amazonaws.com (EventBridge events reference, "AWS Account Management events"). There is no
 * UpdateAccountName. Account Management is global too: its events arrive in the same region as Organizations'.
 */
export const ACCOUNT_EVENT_NAMES = ["PutAccountName"] as const;

/**
 * The second trigger: user, group and membership changes in the identity store (an admin deleted, a member
 * added or removed by hand), the Identity Store API's writes (botocore identitystore), recorded with source
 * aws.identitystore and eventSource identitystore.amazonaws.com (EventBridge events reference, "Identity Store
 * events") in the region of the Identity Center instance, the stack's own.
 */
export const IDENTITY_EVENT_NAMES = [
  "CreateUser",
  "UpdateUser",
  "DeleteUser",
  "CreateGroup",
  "UpdateGroup",
  "DeleteGroup",
  "CreateGroupMembership",
  "DeleteGroupMembership",
] as const;

/** One delivery path: a rule on the default bus and what posts its matches to GitHub. */
export interface DeliveryPlan {
  rule: string;
  target: string;
  connection: string;
  destination: string;
  queue: string;
  queuePolicy: string;
}

/**
 * The Organizations path in the partition's Organizations region, the identity path in the stack's region,
 * and the one role EventBridge assumes for both (IAM is global).
 */
export interface OrgEventsPlan extends DeliveryPlan {
  identity: DeliveryPlan;
  role: string;
  rolePolicy: string;
}

const delivery = (prefix: string): DeliveryPlan => ({
  rule: prefix,
  target: `${prefix}-target`,
  connection: `${prefix}-connection`,
  destination: `${prefix}-destination`,
  queue: `${prefix}-dlq`,
  queuePolicy: `${prefix}-dlq-policy`,
});

export const planOrgEvents = (name: string, spec: OrgEventsSpec | undefined): OrgEventsPlan | undefined =>
  spec && {
    ...delivery(`${name}-org-events`),
    identity: delivery(`${name}-identity-events`),
    role: `${name}-org-events-role`,
    rolePolicy: `${name}-org-events-role-policy`,
  };

const deliveryResources = (d: DeliveryPlan): PlannedResource[] => [
  { type: ORG_EVENT_TYPES.rule, name: d.rule },
  { type: ORG_EVENT_TYPES.connection, name: d.connection },
  { type: ORG_EVENT_TYPES.destination, name: d.destination },
  { type: ORG_EVENT_TYPES.queue, name: d.queue },
  { type: ORG_EVENT_TYPES.queuePolicy, name: d.queuePolicy },
];

/** The family's children, in the order the builder registers them. */
export const orgEventResources = (plan: OrgEventsPlan | undefined): PlannedResource[] =>
  plan
    ? [
        ...deliveryResources(plan),
        ...deliveryResources(plan.identity),
        { type: ORG_EVENT_TYPES.role, name: plan.role },
        { type: ORG_EVENT_TYPES.rolePolicy, name: plan.rolePolicy },
        { type: ORG_EVENT_TYPES.target, name: plan.target },
        { type: ORG_EVENT_TYPES.target, name: plan.identity.target },
      ]
    : [];

/** The region where a partition's Organizations events reach EventBridge. */
export function orgEventsRegion(partition: string): string {
  if (partition === "aws-us-gov") return "us-gov-west-1";
  if (partition === "aws-cn") return "cn-northwest-1";
  return "us-east-1";
}

/**
 * CloudTrail delivers an API call as "AWS API Call via CloudTrail" and what a service records on its own
 * (AccountJoinedOrganization, CreateAccountResult) as "AWS Service Event via CloudTrail" (EventBridge User
 * Guide, "AWS service events delivered via AWS CloudTrail").
 */
const VIA_CLOUDTRAIL = ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"];

/**
 * The Organizations rule's pattern: both services' sources, event sources and names, each list an OR and the
 * fields an AND (EventBridge User Guide, "Event pattern syntax"). The combinations this adds match nothing
 * (neither service records the other's names), and a plain pattern is one every EventBridge API accepts.
 */
export const orgEventPattern = () => ({
  source: ["aws.organizations", "aws.account"],
  "detail-type": VIA_CLOUDTRAIL,
  detail: {
    eventSource: ["organizations.amazonaws.com", "account.amazonaws.com"],
    eventName: [...ORG_EVENT_NAMES, ...ACCOUNT_EVENT_NAMES],
  },
});

/** The identity rule's pattern: the identity store's writes. */
export const identityEventPattern = () => ({
  source: ["aws.identitystore"],
  "detail-type": VIA_CLOUDTRAIL,
  detail: { eventSource: ["identitystore.amazonaws.com"], eventName: [...IDENTITY_EVENT_NAMES] },
});

/** GitHub's endpoint for a repository's dispatch events. */
export const dispatchEndpoint = (repository: string) =>
  `https://api.github.com/repos/${repository}/dispatches`;

/**
 * The body posted to GitHub: the event type the workflow listens for, and which call it was. eventType is
 * validated to characters that need no escaping; the event name is inserted by EventBridge as a JSON string.
 */
export const dispatchInput = (eventType: string) => ({
  inputPaths: { eventName: "$.detail.eventName" },
  inputTemplate: `{"event_type": ${JSON.stringify(eventType)}, "client_payload": {"eventName": <eventName>}}`,
});

/** Retried for a day with backoff (EventBridge's most), then kept in the dead-letter queue for 14 days. */
export const RETRY_POLICY = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86400 };
export const DLQ_RETENTION_SECONDS = 1209600;
/** GitHub limits how fast a token may create content; account changes come in bursts of a few. */
export const INVOCATIONS_PER_SECOND = 1;

/** The role's trust policy: EventBridge, for these rules of this account only. */
export function eventsTrust(accountId: string, ruleArns: string[]) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnEquals: { "aws:SourceArn": ruleArns },
        },
      },
    ],
  };
}

/** What the role may do: invoke these API destinations, and nothing else. */
export function invokeDestinationPolicy(destinationArns: string[]) {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "events:InvokeApiDestination", Resource: destinationArns }],
  };
}

/** The dead-letter queue's policy: only this rule may send to it. */
export function deadLetterPolicy(queueArn: string, ruleArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
      },
    ],
  };
}

/**
 * The token secret's name that policies/deployer-policy.json lets the deployer read, and nothing else: a
 * config that names another secret cannot make the deploy read it (and send it to GitHub as a bearer token).
 */
export const ORG_EVENTS_TOKEN_NAME = "admin-access/org-events-token";

/** Whether a secret ARN names that secret (its name, then AWS's "-" and six random characters). */
export const isDocumentedTokenSecret = (arn: string) =>
  new RegExp(`:secret:${ORG_EVENTS_TOKEN_NAME}-[A-Za-z0-9]{6}$`).test(arn);

/** The token secret must live in the stack's partition; its region is the ARN's fourth field. */
export function secretProblems(tokenSecretArn: string, partition: string): string[] {
  return tokenSecretArn.startsWith(`arn:${partition}:`)
    ? []
    : [
        `orgEvents.tokenSecretArn: "${tokenSecretArn}" is not in this stack's partition (${partition}); ` +
          `write arn:${partition}:secretsmanager:…`,
      ];
}
export const secretRegion = (tokenSecretArn: string) => tokenSecretArn.split(":")[3];
