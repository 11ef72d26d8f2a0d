// The orgEvents family, pure: an EventBridge rule for the organization's account changes, which posts a
// GitHub repository_dispatch through an API destination (its connection holding the token), retries for a
// day and keeps what still fails in a dead-letter queue; and the role EventBridge assumes to call it.
// Organizations is a global service whose API calls CloudTrail records in its home region, and EventBridge
// receives them there only: us-east-1 in the aws partition
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_security_incident-response.html,
// "AWS Organizations ... events ... in the US East (N. Virginia) Region"), us-gov-west-1 in GovCloud,
// cn-northwest-1 in China. Every resource of the family is created there, whatever the stack's region.
import { OrgEventsSpec } from "../spec";
import { ORG_EVENT_TYPES, PlannedResource } from "./types";

export { ORG_EVENT_TYPES } from "./types";

/** The Organizations API calls that change which accounts a selector reaches. */
export const ORG_EVENT_NAMES = [
  "CreateAccountResult",
  "MoveAccount",
  "AcceptHandshake",
  "RemoveAccountFromOrganization",
] as const;

export interface OrgEventsPlan {
  rule: string;
  target: string;
  connection: string;
  destination: string;
  queue: string;
  queuePolicy: string;
  role: string;
  rolePolicy: string;
}

export const planOrgEvents = (name: string, spec: OrgEventsSpec | undefined): OrgEventsPlan | undefined =>
  spec && {
    rule: `${name}-org-events`,
    target: `${name}-org-events-target`,
    connection: `${name}-org-events-connection`,
    destination: `${name}-org-events-destination`,
    queue: `${name}-org-events-dlq`,
    queuePolicy: `${name}-org-events-dlq-policy`,
    role: `${name}-org-events-role`,
    rolePolicy: `${name}-org-events-role-policy`,
  };

/** The family's children, in the order the builder registers them. */
export const orgEventResources = (plan: OrgEventsPlan | undefined): PlannedResource[] =>
  plan
    ? [
        { type: ORG_EVENT_TYPES.rule, name: plan.rule },
        { type: ORG_EVENT_TYPES.connection, name: plan.connection },
        { type: ORG_EVENT_TYPES.destination, name: plan.destination },
        { type: ORG_EVENT_TYPES.queue, name: plan.queue },
        { type: ORG_EVENT_TYPES.queuePolicy, name: plan.queuePolicy },
        { type: ORG_EVENT_TYPES.role, name: plan.role },
        { type: ORG_EVENT_TYPES.rolePolicy, name: plan.rolePolicy },
        { type: ORG_EVENT_TYPES.target, name: plan.target },
      ]
    : [];

/** The region where a partition's Organizations events reach EventBridge. */
export function orgEventsRegion(partition: string): string {
  if (partition === "aws-us-gov") return "us-gov-west-1";
  if (partition === "aws-cn") return "cn-northwest-1";
  return "us-east-1";
}

/** The rule's pattern: CloudTrail's record of these Organizations calls, on the default bus. */
export const orgEventPattern = () => ({
  source: ["aws.organizations"],
  "detail-type": ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"],
  detail: { eventSource: ["organizations.amazonaws.com"], eventName: [...ORG_EVENT_NAMES] },
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

/** The role's trust policy: EventBridge, for this rule of this account only. */
export function eventsTrust(accountId: string, ruleArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnEquals: { "aws:SourceArn": ruleArn },
        },
      },
    ],
  };
}

/** What the role may do: invoke this API destination, and nothing else. */
export function invokeDestinationPolicy(destinationArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "events:InvokeApiDestination", Resource: destinationArn }],
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
