// Lockout protection, pure: the program manages the access people use to fix it, so an apply that would leave
// a targeted account (or every account) with no administrator is refused unless allowNoAdmins says it is
// meant, and the review diff marks such a change critical even when allowed. Run after target resolution by
// the plan command and the component, on the same plan. After its guardrails a set may grant nothing (an
// inline `Deny *`, a boundary of ReadOnlyAccess): the sets assigned to admins are judged by the meaning
// engine (components/iam/adminSets.ts reads the documents; this file only reads its verdicts).
import type { JudgedSet } from "./iam/adminSets";
import type { AdminAccessPlan } from "./plan";
import { durationSeconds } from "./validation/formats";
import { listOf as list, visible } from "./values";

/** Stacks protected unless config says otherwise (from the component; a stack file cannot say false). */
export const PROTECTED_STACKS = ["prod", "production"];

/** Whether protect (and retainOnDelete on users) applies: as set, else by the stack's name. */
export const protectionOn = (protect: boolean | undefined, stack: string): boolean =>
  protect ?? PROTECTED_STACKS.includes(stack.toLowerCase());

const OVERRIDE = "set allowNoAdmins: true if you mean it";

/** The parts of a plan the check reads. */
type Planned = Pick<AdminAccessPlan, "admins" | "assignments" | "skipped" | "spec">;

type Statement = Record<string, unknown>;

/** What a set that grants no administrator access still grants, read from the guardrails that take it away. */
function stillGrants(set: JudgedSet): string {
  const parts: string[] = [];
  const boundary = set.policies?.boundary;
  if (boundary?.document !== undefined)
    parts.push(`at most what its permissions boundary ${boundary.name} allows`);
  for (const p of set.policies?.policies ?? []) {
    const doc = (typeof p.document === "string" ? JSON.parse(p.document) : p.document) as
      Statement | undefined;
    for (const st of list(doc?.Statement) as Statement[]) {
      if (st.Effect !== "Deny" || st.Condition !== undefined || !list(st.Resource).includes("*")) continue;
      if (list(st.Action).includes("*"))
        parts.push(`nothing that needs a permission: its ${p.name} denies every action`);
      else if (st.NotAction !== undefined)
        parts.push(`only ${list(st.NotAction).join(", ")}: its ${p.name} denies every other action`);
    }
  }
  return parts.join("; ") || "less than every action on every resource, by its Denies and boundary";
}

/** The set grants no administrator access where it is provisioned (escalation and near-admin still do). */
export const grantsNoAdmin = (set: JudgedSet): boolean =>
  (set.inManagementAccount ? set.meaning?.inManagementAccount : set.meaning?.verdict) === "none";

/** Sets assigned to admins that grant no administrator access by the meaning engine, each in a reviewer's words. */
export function meaningReasons(judged: readonly JudgedSet[]): string[] {
  return judged
    .filter(grantsNoAdmin)
    .map(
      (set) =>
        `${set.path}: the set ${set.name} grants no administrator access after its guardrails (the meaning ` +
        `engine's verdict): it still grants ${stillGrants(set)}; nobody it is assigned to would hold ` +
        "administrator access after the apply",
    );
}

/** What the meaning check could not read, so could not verify; said, never assumed to deny nothing. */
export const unverifiedNotes = (judged: readonly JudgedSet[]): string[] =>
  judged
    .filter((set) => set.unverified.length > 0)
    .map(
      (set) =>
        `${set.path}: unverified whether the set ${set.name} still grants administrator access: ` +
        set.unverified.join("; "),
    );

/** A warning when every admin's access ends within a session's length of now: the last sessions end with it. */
export function lastAdminsExpiring(
  plan: Pick<AdminAccessPlan, "admins" | "spec">,
  now: Date,
): string | undefined {
  const live = plan.admins.filter((a) => !a.expired && !a.deferred);
  if (live.length === 0 || live.some((a) => a.expiresAt === undefined)) return undefined;
  const last = live.map((a) => a.expiresAt as string).sort()[live.length - 1];
  // The longest session any of their sets gives: a session started before the expiry lasts that long.
  const sessions = [
    plan.spec.permissionSet.sessionDuration,
    plan.spec.managementPermissionSet.sessionDuration,
  ];
  const session = sessions.sort((a, b) => (durationSeconds(b) ?? 0) - (durationSeconds(a) ?? 0))[0];
  const within = Date.parse(last) - now.getTime() <= (durationSeconds(session) ?? 0) * 1000;
  return within
    ? `admins: every admin's access ends by ${last}, within the session duration (${session}) of now: after ` +
        "that nobody holds administrator access; extend an expiresAt or add an admin"
    : undefined;
}

/**
 * Why deferring would leave nobody: every admin who has not expired is an existing user the identity store
 * does not hold yet, so none gets a membership. The userNames are escaped: they reach a terminal.
 */
export function deferralLockout(admins: Planned["admins"], where: string): string | undefined {
  const live = admins.filter((a) => !a.expired);
  if (live.length === 0 || !live.every((a) => a.deferred)) return undefined;
  const who = live.map((a) => visible(a.userName)).join(", ");
  return (
    `admins: every admin who has not expired is deferred, an existing user the identity store does not hold ` +
    `yet (${who}): nobody would hold administrator access ${where} after the apply; wait for the directory ` +
    "to provision them, or add an admin the identity store holds"
  );
}

/** Why no admin would hold access in some targeted account after the apply; empty when some admin would. */
export function lockoutReasons(plan: Planned, judged: readonly JudgedSet[] = []): string[] {
  const reasons: string[] = [];
  const accounts = plan.assignments.length;
  if (accounts === 0) {
    const excluded = plan.skipped.filter((s) => s.reason === "excludeAccounts").map((s) => s.accountId);
    reasons.push(
      excluded.length > 0
        ? `excludeAccounts: excludes every account the selectors match (${excluded.join(", ")}): the group ` +
            "would hold administrator access nowhere after the apply"
        : "accounts: the selectors match no account: the group would hold administrator access nowhere " +
            "after the apply",
    );
  }
  const where = accounts > 0 ? `in the ${accounts} targeted account(s)` : "anywhere";
  if (plan.admins.length === 0) {
    reasons.push(
      `admins: no admin is listed: nobody would hold administrator access ${where} after the apply`,
    );
  } else if (plan.admins.every((a) => a.expired)) {
    const who = plan.admins.map((a) => `${a.userName} (${a.expiresAt})`).join(", ");
    reasons.push(
      `admins: every admin's access has expired (${who}): nobody would hold administrator access ${where} ` +
        "after the apply",
    );
  } else {
    const deferral = deferralLockout(plan.admins, where);
    if (deferral) reasons.push(deferral);
  }
  return [...reasons, ...meaningReasons(judged)];
}

/** The lockout problems to refuse the config with: none when allowNoAdmins is set. */
export const lockoutProblems = (plan: Planned, judged: readonly JudgedSet[] = []): string[] =>
  plan.spec.allowNoAdmins ? [] : lockoutReasons(plan, judged).map((r) => `${r}; ${OVERRIDE}`);

/** The review diff's critical lines: a change after which no admin would hold access, allowed or not. */
export function lockoutLines(before: Planned, after: Planned, judged: readonly JudgedSet[] = []): string[] {
  const lines = lockoutReasons(after, judged).map(
    (r) => `critical: ${r}${after.spec.allowNoAdmins ? " (allowed by allowNoAdmins: true)" : ""}`,
  );
  if (before.assignments.length > 0 && after.assignments.length === 0) {
    lines.push(`critical: the targets go from ${before.assignments.length} account(s) to none`);
  }
  return lines;
}
