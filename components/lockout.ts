// Lockout protection, pure: the program manages the access people use to fix it, so an apply that would leave
// a targeted account (or every account) with no administrator is refused unless allowNoAdmins says it is
// meant, and the review diff marks such a change critical even when allowed. Run after target resolution by
// the plan command and the component, on the same plan.
import type { AdminAccessPlan } from "./plan";

/** Stacks protected unless config says otherwise (from the component; a stack file cannot say false). */
export const PROTECTED_STACKS = ["prod", "production"];

/** Whether protect (and retainOnDelete on users) applies: as set, else by the stack's name. */
export const protectionOn = (protect: boolean | undefined, stack: string): boolean =>
  protect ?? PROTECTED_STACKS.includes(stack.toLowerCase());

const OVERRIDE = "set allowNoAdmins: true if you mean it";

/** The parts of a plan the check reads. */
type Planned = Pick<AdminAccessPlan, "admins" | "assignments" | "skipped" | "spec">;

/** Why no admin would hold access in some targeted account after the apply; empty when some admin would. */
export function lockoutReasons(plan: Planned): string[] {
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
  }
  return reasons;
}

/** The lockout problems to refuse the config with: none when allowNoAdmins is set. */
export const lockoutProblems = (plan: Planned): string[] =>
  plan.spec.allowNoAdmins ? [] : lockoutReasons(plan).map((r) => `${r}; ${OVERRIDE}`);

/** The review diff's critical lines: a change after which no admin would hold access, allowed or not. */
export function lockoutLines(before: Planned, after: Planned): string[] {
  const lines = lockoutReasons(after).map(
    (r) => `critical: ${r}${after.spec.allowNoAdmins ? " (allowed by allowNoAdmins: true)" : ""}`,
  );
  if (before.assignments.length > 0 && after.assignments.length === 0) {
    lines.push(`critical: the targets go from ${before.assignments.length} account(s) to none`);
  }
  return lines;
}
