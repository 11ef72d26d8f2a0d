// The access changes between two plans of one stack, field by field and ranked, pure: every change to who can
// do what, where, until when, or who receives credentials, so that a reviewer sees each one (issues #22, #33).
// The rules live in one table keyed by config path (analysis/review/rules.ts): each says how a change there
// is ranked when it widens access, narrows it, or neither, and why. `critical` widens access or hands it to
// someone else; `high` changes it in a way to read closely; `info` narrows it or changes only how it reads.
// Other checks (lockout, fan-out) append their lines with addChange.
import type { JudgedSet } from "../../components/iam/adminSets";
import { AdminAccessPlan } from "../../components/plan";
import type { OrgAccount } from "../../components/targets";

export type Severity = "critical" | "high" | "info";
/** Which way a change moves access: it decides the rule's severity. */
export type Direction = "widen" | "narrow" | "neutral";

export interface AccessChange {
  severity: Severity;
  /** The config field, e.g. `admins[alice].email` or `permissionSet.inlinePolicy.Statement[DenyTrail]`. */
  path: string;
  /** The value before and after, as text; null when absent on that side. */
  old: string | null;
  new: string | null;
  why: string;
}

/** A change a rule found: its direction picks the rule's severity and why, unless it says its own. */
export interface Found {
  direction: Direction;
  path: string;
  old: string | null;
  new: string | null;
  /** Said instead of the rule's why for this direction (e.g. with what the --org file adds). */
  why?: string;
  /** Only for inline-policy statements, whose rank depends on the statement's Effect (rules.ts says how). */
  severity?: Severity;
}

export interface ChangeContext {
  /** Whether the selectors were resolved against an organization file (--org). */
  orgKnown: boolean;
  /** The stack's name: prod and production are protected unless config says otherwise. */
  stack?: string;
  /** What the sets assigned to admins mean on each side (components/iam/adminSets.ts), when judged. */
  judged?: { before: readonly JudgedSet[]; after: readonly JudgedSet[] };
  /**
   * The organization's accounts each side was resolved against, with --org: the before side's from the org
   * file at --against's ref or --against-org, else the same as the after side's (`same`).
   */
  organizations?: {
    before?: readonly OrgAccount[];
    after?: readonly OrgAccount[];
    beforeLabel: string;
    afterLabel: string;
    same: boolean;
  };
}

/** The two plans a rule compares, and what is known about them. */
export interface Sides {
  before: AdminAccessPlan;
  after: AdminAccessPlan;
  ctx: ChangeContext;
}

export interface Rule {
  severity: Record<Direction, Severity>;
  why: Record<Direction, string>;
  /** The rule reads the whole value below its path as one (a list, a record, a policy's statements). */
  subtree?: true;
  compare: (sides: Sides) => Found[];
}

const RANK: Record<Severity, number> = { critical: 0, high: 1, info: 2 };

/** Appends a change, keeping the list critical first (stable within a severity). */
export function addChange(changes: AccessChange[], change: AccessChange): void {
  changes.push(change);
  changes.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** What a rule found, ranked and worded by the rule. */
export const ranked = (rule: Rule, f: Found): AccessChange => ({
  severity: f.severity ?? rule.severity[f.direction],
  path: f.path,
  old: f.old,
  new: f.new,
  why: f.why ?? rule.why[f.direction],
});

/** What every rule finds from `before` to `after`, critical first. */
export function applyRules(
  rules: Readonly<Record<string, Rule>>,
  before: AdminAccessPlan,
  after: AdminAccessPlan,
  ctx: ChangeContext,
): AccessChange[] {
  const sorted: AccessChange[] = [];
  for (const rule of Object.values(rules))
    for (const f of rule.compare({ before, after, ctx })) addChange(sorted, ranked(rule, f));
  return sorted;
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const json = (v: unknown) => JSON.stringify(v);

/** A policy statement by meaning: effect, actions, resources and condition, never its Sid alone. */
export function statementText(st: Record<string, unknown>): string {
  const actions =
    st.NotAction !== undefined
      ? `every action except ${list(st.NotAction).join(", ")}`
      : list(st.Action).join(", ");
  const resources =
    st.NotResource !== undefined
      ? `every resource except ${list(st.NotResource).join(", ")}`
      : list(st.Resource).join(", ");
  const principal = st.Principal !== undefined ? ` for ${json(st.Principal)}` : "";
  const condition = st.Condition !== undefined ? ` when ${json(st.Condition)}` : "";
  return `${String(st.Effect)} ${actions} on ${resources}${principal}${condition}`;
}
