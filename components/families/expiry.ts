// The expiry family, pure: the EventBridge Scheduler role, its policy and one one-time schedule per admin
// whose access ends later, which removes that admin's group membership at expiresAt.
import { stableHash } from "./assignments";
import { PlannedResource, TYPES } from "./types";
import { PlannedAdmin } from "./users";
import { durationSeconds } from "../validation/formats";

/** The role and its policy exist only while some admin's expiry is still to come. */
export interface ExpiryPlan {
  role: string;
  policy: string;
}

export const planExpiry = (name: string, admins: PlannedAdmin[]): ExpiryPlan | undefined =>
  admins.some((a) => a.expiryResource)
    ? { role: `${name}-expiry-role`, policy: `${name}-expiry-role-policy` }
    : undefined;

export function expiryResources(expiry: ExpiryPlan | undefined, admins: PlannedAdmin[]): PlannedResource[] {
  const resources: PlannedResource[] = expiry
    ? [
        { type: TYPES.expiryRole, name: expiry.role },
        { type: TYPES.expiryPolicy, name: expiry.policy },
      ]
    : [];
  for (const a of admins) {
    if (a.expiryResource) resources.push({ type: TYPES.expirySchedule, name: a.expiryResource });
  }
  return resources;
}

/** EventBridge Scheduler's universal target that removes a group membership (partition-aware). */
export function membershipRemovalTarget(partition: string): string {
  return `arn:${partition}:scheduler:::aws-sdk:identitystore:deleteGroupMembership`;
}

/**
 * An expiry schedule's own name. EventBridge Scheduler allows 1-64 of [0-9A-Za-z-_.], so a userName such as
 * bob@example.com cannot be part of it as Pulumi's auto-naming would write it: readable, then a hash of the
 * stack, component and userName, which keeps it unique and the same on every run.
 */
export function scheduleName(stack: string, name: string, userName: string): string {
  const hash = stableHash(`${stack}/${name}/${userName}`).toString(16).padStart(8, "0");
  return `${`${name}-expiry-${userName}`.replace(/[^0-9A-Za-z_.-]/g, "-").slice(0, 55)}-${hash}`;
}

/** A one-time schedule expression for an ISO-8601 UTC instant, read in the UTC time zone. */
export function atExpression(expiresAt: string): string {
  return `at(${expiresAt.slice(0, -1)})`;
}

/** The trust policy of the expiry role: EventBridge Scheduler, acting for this account only. */
export function schedulerTrust(accountId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/**
 * What the expiry role may do: remove these memberships of this group, in this identity store, and nothing else.
 * AWS authorizes identitystore:DeleteGroupMembership against four resource types, each required: the identity
 * store, the group, the membership and the member user (Service Authorization Reference, "Actions defined by AWS
 * Identity Store", https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentitystore.html),
 * so each is listed, by ID. Only the identity store's ARN carries an account: the one that owns the Identity
 * Center instance (InstanceMetadata.OwnerAccountId, https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_InstanceMetadata.html).
 * Permission sets exist only in an organization instance, which is enabled in the organization's management
 * account (https://docs.aws.amazon.com/singlesignon/latest/userguide/identity-center-instances.html), so the
 * owner is the management account even when a delegated administrator account deploys.
 */
export function membershipRemovalPolicy(
  partition: string,
  storeOwnerAccountId: string,
  identityStoreId: string,
  groupId: string,
  members: { membershipId: string; userId: string }[],
) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "identitystore:DeleteGroupMembership",
        Resource: [
          `arn:${partition}:identitystore::${storeOwnerAccountId}:identitystore/${identityStoreId}`,
          `arn:${partition}:identitystore:::group/${groupId}`,
          ...members.map((m) => `arn:${partition}:identitystore:::membership/${m.membershipId}`),
          ...members.map((m) => `arn:${partition}:identitystore:::user/${m.userId}`),
        ],
      },
    ],
  };
}

const WEEK = 7 * 24 * 3600 * 1000;

/** Whose access has ended, and whose ends within a week, as "userName (expiresAt)". */
export function expiringSoon(admins: PlannedAdmin[], now: Date): { expired: string[]; soon: string[] } {
  const label = (a: PlannedAdmin) => `${a.userName} (${a.expiresAt})`;
  return {
    expired: admins.filter((a) => a.expired).map(label),
    soon: admins
      .filter((a) => !a.expired && a.expiresAt && Date.parse(a.expiresAt) - now.getTime() <= WEEK)
      .map(label),
  };
}

// --- Live sessions: a deny in the permission set's inline policy ---------------------------------------
//
// Removing the membership stops new sessions, not the ones already issued: a role session from the set
// lasts up to sessionDuration. AWS documents cutting them with a Deny of everything on the
// identitystore:UserId condition key in the set's inline policy ("Deny user access",
// https://docs.aws.amazon.com/singlesignon/latest/userguide/authconcept-revoke-access.html, and "Revoke active
// IAM role sessions created by permission sets",
// https://docs.aws.amazon.com/singlesignon/latest/userguide/prereqs-revoking-user-permissions.html). With
// DateGreaterThan on aws:CurrentTime the deny is in place before the instant and bites at it.

/** Admins whose live sessions are cut at one instant; one statement each. */
export interface SessionCut {
  instant: string;
  userNames: string[];
}

/** The key AWS documents for a permission-set session's Identity Center user. */
export const SESSION_USER_KEY = "identitystore:UserId";

/** A validated session duration (PT4H, PT2H30M, PT43200S, …) in milliseconds, by the one parser validation uses. */
export function durationMs(iso: string): number {
  return (durationSeconds(iso) ?? 0) * 1000;
}

/**
 * Every admin with an expiresAt whose sessions may still be live: the instant is to come, or passed less
 * than a full sessionDuration ago (a session issued just before it may run that long). Grouped by instant,
 * so that admins who share one share a statement.
 */
export function sessionCuts(
  admins: { userName: string; expiresAt?: string }[],
  sessionDuration: string,
  now: Date,
): SessionCut[] {
  const byInstant = new Map<string, string[]>();
  for (const a of admins) {
    if (!a.expiresAt || Date.parse(a.expiresAt) + durationMs(sessionDuration) <= now.getTime()) continue;
    byInstant.set(a.expiresAt, [...(byInstant.get(a.expiresAt) ?? []), a.userName]);
  }
  return [...byInstant.keys()]
    .sort()
    .map((instant) => ({ instant, userNames: byInstant.get(instant) ?? [] }));
}

/** The guardrail with one Deny of everything per instant appended, for these user IDs. */
export function withSessionCuts(
  guardrail: Record<string, unknown> | undefined,
  cuts: { instant: string; userIds: string[] }[],
): Record<string, unknown> {
  const own = guardrail?.Statement;
  return {
    ...guardrail,
    Version: guardrail?.Version ?? "2012-10-17",
    Statement: [
      ...(own === undefined ? [] : Array.isArray(own) ? own : [own]),
      ...cuts.map((c) => ({
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: {
          StringEquals: { [SESSION_USER_KEY]: c.userIds },
          DateGreaterThan: { "aws:CurrentTime": c.instant },
        },
      })),
    ],
  };
}

/**
 * The composed policy at its largest, decided from plain data: user IDs are known only after apply, so each
 * stands in at the identity store's longest (ResourceId, at most 47 characters, botocore identitystore).
 */
export const largestWithSessionCuts = (guardrail: Record<string, unknown> | undefined, cuts: SessionCut[]) =>
  withSessionCuts(
    guardrail,
    cuts.map((c) => ({ instant: c.instant, userIds: c.userNames.map(() => "f".repeat(47)) })),
  );
