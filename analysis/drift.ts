// Drift, pure: what `pulumi up` would make of a stack now (its targets resolved against the organization as
// it is today) against what AWS holds, read by the same reader as adoption and audit. Adoption's comparison
// (adopt()) says which planned resources exist and which of their fields differ; this adds what adoption
// leaves alone: grants on accounts that left the targets, members and attachments added by hand, other
// holders of the stack's set, and accounts still running an older version of the set. The comparison of
// attachment lists is shared with the audit (attachments.ts).
import { adopt } from "./adoption";
import { TYPES } from "../components/families/types";
import { attachmentDrift, memberSetPolicies } from "./attachments";
import { managementDrift } from "./driftManagement";
import { stackDrift } from "./driftStack";
import { explainNewTargets, strayReason } from "./driftTargets";
import type { OrgAccount } from "../components/targets";
import { DriftLive, LiveTargets } from "./views";
import { AdminAccessPlan, deferredUserNames } from "../components/plan";
import { deferralLockout } from "../components/lockout";
import { Resolution } from "../components/targets";

/** Every kind of drift, in the order a report lists them. */
export const DRIFT_KINDS = [
  "unresolved-targets",
  "deferred-lockout",
  "missing-grant",
  "stray-grant",
  "other-holder",
  "unlisted-member",
  "expired-member",
  "missing-member",
  "missing-resource",
  "edited",
  "attachment-drift",
  "extra-attachment",
  "outdated-provisioning",
  "undelivered-events",
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** What brings AWS back to the stack: `pulumi up`, or a hand that `pulumi up` does not replace. */
export type DriftFix = "pulumi up" | "pulumi up --refresh" | "by hand" | "pulumi up or by hand";

export interface DriftItem {
  kind: DriftKind;
  /** What drifted: an account ID, a userName, a resource's type and name. */
  subject: string;
  detail: string;
  fix: DriftFix;
}

/**
 * What `pulumi up` leaves for later, by design rather than drift: an existing admin the identity store does not
 * hold yet, deferred until the directory provisions it (the next run after that adds the membership).
 */
export interface PendingItem {
  kind: "deferred-admin";
  /** The admin's userName. */
  subject: string;
  detail: string;
}

export interface DriftReport {
  version: 1;
  stack: string;
  instanceArn: string;
  /** The targets as the organization resolves them now; empty when they do not resolve. */
  targets: { accountId: string; name?: string; selectedBy: string[] }[];
  /** Accounts a selector reached but left out, and why. */
  skipped: { accountId: string; reason: string }[];
  drift: DriftItem[];
  /** Not drift: no exit code of its own. */
  pending: PendingItem[];
}

// What exists in AWS but not as the state says (deleted or edited by hand) is seen by `pulumi up` only after
// a refresh, which reads AWS; what config adds or drops (a new target, an expired admin) by a plain `up`.
const FIX: Record<DriftKind, DriftFix> = {
  "unresolved-targets": "by hand",
  // The directory provisions the users, or config names an admin the store holds; no run does it.
  "deferred-lockout": "by hand",
  "missing-grant": "pulumi up --refresh",
  // pulumi up deletes a grant it made; one made by hand is not in the stack's state.
  "stray-grant": "pulumi up or by hand",
  "other-holder": "by hand",
  "unlisted-member": "by hand",
  "expired-member": "pulumi up",
  "missing-member": "pulumi up --refresh",
  "missing-resource": "pulumi up --refresh",
  edited: "pulumi up --refresh",
  "attachment-drift": "pulumi up --refresh",
  "extra-attachment": "by hand",
  // The provider provisions a set when it changes it, not when an account runs an old version.
  "outdated-provisioning": "by hand",
  // Failed dispatches wait in the dead-letter queue; nothing the stack owns resends them.
  "undelivered-events": "by hand",
};

/** What fixes a resource config marks existing: true and AWS does not hold; no refresh creates it. */
const CREATE_IT =
  "create it, or set existing: false so that `pulumi up` creates it (pulumi up --refresh cannot)";

/** The set's attachments: missing with the set, they are not reported apart from it. */
const ATTACHMENTS = new Set<string>([TYPES.inlinePolicy, TYPES.permissionsBoundary]);

/** Attachments in the set's two policy lists: attachmentDrift() reports them, adoption's rows do not. */
const LISTED = new Set<string>([
  TYPES.policyAttachment,
  TYPES.customerPolicy,
  TYPES.managedPolicies,
  TYPES.customerPolicies,
]);

const SHORT: Record<string, string> = {
  [TYPES.permissionSet]: "permission set",
  [TYPES.inlinePolicy]: "inline policy",
  [TYPES.permissionsBoundary]: "permissions boundary",
  [TYPES.group]: "group",
  [TYPES.user]: "user",
};

/** The stack's plan against the live organization: every difference, in DRIFT_KINDS order. */
export function driftOf(
  stack: string,
  plan: AdminAccessPlan,
  targets: LiveTargets,
  live: DriftLive,
): DriftReport {
  const items: DriftItem[] = [];
  const add: Add = (kind, subject, detail, fix = FIX[kind]) => items.push({ kind, subject, detail, fix });
  const resolved = "resolution" in targets;
  if (!resolved) {
    for (const p of targets.problems)
      add(
        "unresolved-targets",
        "targets",
        `${p}; pulumi up would fail until the config or the organization changes`,
      );
  }
  deferralDrift(plan, add);
  identityDrift(plan, live, resolved, add);
  managementDrift(plan, live, resolved, add);
  stackDrift(plan, live, resolved ? targets.resolution.managementAccountId : undefined, add);
  if (resolved) grantDrift(plan, targets, live, add);
  if (resolved) explainNewTargets(items, plan.spec.targets, targets.resolution.targets, targets.accounts);
  for (const accountId of live.outdatedAccounts) {
    add(
      "outdated-provisioning",
      accountId,
      `runs an older version of ${plan.spec.permissionSet.name}: re-provision it (console: Permission sets → ` +
        "Update in all accounts, or `aws sso-admin provision-permission-set --target-type ALL_PROVISIONED_ACCOUNTS`)",
    );
  }
  const order = (i: DriftItem) =>
    `${String(DRIFT_KINDS.indexOf(i.kind)).padStart(2, "0")}|${i.subject}|${i.detail}`;
  items.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return {
    version: 1,
    stack,
    instanceArn: live.instanceArn,
    targets: resolved
      ? targets.resolution.targets.map((t) => ({
          accountId: t.accountId,
          name: t.name,
          selectedBy: t.selectedBy,
        }))
      : [],
    skipped: resolved ? targets.resolution.skipped : [],
    drift: items,
    pending: pendingOf(plan),
  };
}

/**
 * The existing admins the identity store does not hold, which `pulumi up` would defer: the plan must have been
 * made with them (planAdminAccess's `absent`) so that their memberships are not expected.
 */
export const absentAdmins = (
  spec: AdminAccessPlan["spec"],
  users: Readonly<Record<string, unknown>>,
): Set<string> => new Set(spec.admins.filter((a) => a.existing && !users[a.userName]).map((a) => a.userName));

/** Each deferred admin, pending. */
const pendingOf = (plan: AdminAccessPlan): PendingItem[] =>
  deferredUserNames(plan.admins).map((userName) => ({
    kind: "deferred-admin",
    subject: userName,
    detail:
      `existing: true, not in the identity store (not provisioned yet, misspelled, or deprovisioned): deferred ` +
      `until the directory provisions ${userName} (the next pulumi up after that adds the membership)`,
  }));

/** A deferral that leaves nobody: `pulumi up` refuses it (or, allowed, applies a group without admins). */
function deferralDrift(plan: AdminAccessPlan, add: Add): void {
  const where =
    plan.assignments.length > 0 ? `in the ${plan.assignments.length} targeted account(s)` : "anywhere";
  const reason = deferralLockout(plan.admins, where);
  if (!reason) return;
  add(
    "deferred-lockout",
    "admins",
    plan.spec.allowNoAdmins
      ? `${reason} (allowed by allowNoAdmins: true: pulumi up applies it)`
      : `${reason}; pulumi up refuses to apply until then`,
  );
}

type Add = (kind: DriftKind, subject: string, detail: string, fix?: DriftFix) => void;

/** The set, its attachments, the group, the users and their memberships. */
function identityDrift(plan: AdminAccessPlan, live: DriftLive, resolved: boolean, add: Add): void {
  const spec = plan.spec;
  // Adoption's rows: which planned children exist and which of their fields differ. Its assignment rows are
  // read only when the targets resolved, and a child of something missing is not reported twice.
  const { rows } = adopt(plan, live);
  const missingSet = !live.permissionSet;
  const accountOf = new Map(plan.assignments.map((a) => [a.resource, a.accountId]));
  for (const row of rows) {
    if (row.type === TYPES.assignment) {
      // The management account's grant is of its own set (managementDrift), never of the member set.
      const management = accountOf.get(row.name) === plan.management?.accountId;
      if (resolved && !management && row.status === "create" && live.permissionSet && live.group) {
        add(
          "missing-grant",
          accountOf.get(row.name) as string,
          `a target of the stack with no grant of ${spec.permissionSet.name} to ${spec.group.displayName}`,
        );
      }
      continue;
    }
    if (row.type === TYPES.membership) continue; // below, by userName
    if (LISTED.has(row.type)) continue; // with the set when it is missing, else by attachmentDrift()
    if (row.status === "lookup") continue; // existence checked below
    if (row.status === "create") {
      if (ATTACHMENTS.has(row.type) && missingSet) continue;
      add(
        "missing-resource",
        `${SHORT[row.type] ?? row.type} ${row.name}`,
        "does not exist: pulumi up --refresh creates it",
      );
    }
    for (const d of row.differences) {
      add(
        "edited",
        `${SHORT[row.type] ?? row.type} ${row.name}`,
        `${d.field} is ${d.live ?? "(none)"} in AWS, ${d.config ?? "(none)"} in config` +
          (d.effect === "replace" ? "; pulumi up --refresh replaces it" : ""),
      );
    }
  }
  // What config only looks up, no `pulumi up` makes: created by hand, or config says existing: false.
  const lookupGone = (subject: string, detail: string) =>
    add("missing-resource", subject, `${detail}: ${CREATE_IT}`, "by hand");
  if (spec.permissionSet.existing && missingSet)
    lookupGone(`permission set ${spec.permissionSet.name}`, "existing: true, but no set has this name");
  if (spec.group.existing && !live.group)
    lookupGone(`group ${spec.group.displayName}`, "existing: true, but no group has this display name");
  extraAttachments(plan, live, add);

  const membershipOf = new Set(live.memberships.map((m) => m.userId));
  for (const admin of plan.admins) {
    const user = live.users[admin.userName];
    // A user the stack creates is reported missing with adoption's rows, its membership with it; an existing
    // one the store does not hold is deferred (pending), or expired and without a membership to end.
    if (!user) continue;
    const member = membershipOf.has(user.userId);
    if (admin.expired && member)
      add(
        "expired-member",
        admin.userName,
        `access expired at ${admin.expiresAt} but the user is still in the group`,
      );
    // An existing user may be one the directory provisioned since the last up deferred it.
    if (!admin.expired && !member && live.group)
      add(
        "missing-member",
        admin.userName,
        admin.existing
          ? "an admin who is not in the group (removed by hand, or provisioned by the directory since the last " +
              "pulumi up deferred it: the next pulumi up adds the membership)"
          : "an admin who is not in the group (removed by hand?)",
      );
  }
  for (const userName of live.unlistedMembers)
    add(
      "unlisted-member",
      userName,
      "a member of the group who is not in admins (added by hand?): administrator access on every target",
    );
}

/**
 * The stack's set against config: its two policy lists by attachmentDrift(), and an inline policy or a
 * boundary config does not declare, which no resource of the stack owns, so pulumi up leaves them.
 */
function extraAttachments(plan: AdminAccessPlan, live: DriftLive, add: Add): void {
  const ps = live.permissionSet;
  const wanted = plan.spec.permissionSet;
  if (!ps || wanted.existing) return;
  const subject = `permission set ${wanted.name}`;
  const declared = memberSetPolicies(wanted, live.partition);
  for (const d of attachmentDrift(declared, ps, { managed: true, customer: true }))
    add("attachment-drift", subject, d.detail);
  // The stack's inline policy exists for the guardrail or for the denies that cut expiring admins' sessions.
  if (ps.inlinePolicy && !plan.permissionSet?.inlinePolicyResource)
    add("extra-attachment", subject, "an inline policy is attached, not in config");
  // A boundary that differs from config's is adoption's "edited".
  if (ps.boundary && !wanted.permissionsBoundary)
    add("extra-attachment", subject, `permissions boundary ${ps.boundary} is set, not in config`);
}

/** Grants of the stack's set to its group that the resolution no longer includes, and other holders. */
function grantDrift(
  plan: AdminAccessPlan,
  { resolution, accounts }: { resolution: Resolution; accounts?: readonly OrgAccount[] },
  live: DriftLive,
  add: Add,
): void {
  // The management account holds its own set, so the member set there is stray too.
  const management = plan.management?.accountId;
  const planned = new Set(plan.assignments.map((a) => a.accountId).filter((a) => a !== management));
  const why = new Map([
    ...resolution.skipped.map((s) => [s.accountId, s.reason] as const),
    ...(management
      ? [
          [
            management,
            "the management account holds its own set (managementPermissionSet), not this one",
          ] as const,
        ]
      : []),
  ]);
  for (const accountId of [...new Set(live.assignedAccounts)].filter((a) => !planned.has(a))) {
    const reason =
      why.get(accountId) ??
      strayReason(plan.spec.targets, accountId, accounts, resolution.targets, new Set(live.assignedAccounts));
    add(
      "stray-grant",
      accountId,
      `${plan.spec.group.displayName} holds ${plan.spec.permissionSet.name} on an account the stack does not target: ${reason}`,
    );
  }
  for (const h of live.otherHolders)
    add(
      "other-holder",
      h.accountId,
      `${h.principalType} ${h.principal} holds ${plan.spec.permissionSet.name}, outside the stack`,
    );
}
