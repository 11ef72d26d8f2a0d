// What the text and markdown plans share: labels, the matrix's layout threshold, guardrail lines and notes.
import { PlanReport } from "./report";

export const action = (existing: boolean) => (existing ? "existing, looked up" : "create");
/** Up to this many accounts, the matrix is a grid; beyond, it is grouped so that it reads in a terminal. */
export const GRID_ACCOUNTS = 12;

/** The admins who hold access, each with its expiry when it has one. */
export const adminsOf = (r: PlanReport) =>
  r.admins
    .filter((a) => !a.expired)
    .map((a) => (a.expiresAt ? `${a.userName} (until ${a.expiresAt})` : a.userName))
    .sort();
export const expiredOf = (r: PlanReport) =>
  r.admins.filter((a) => a.expired).map((a) => `${a.userName} (expired ${a.expiresAt})`);

/** Said plainly wherever the plan is read: the group may hold more members than admins lists. */
export const EXISTING_GROUP_NOTE =
  "The group exists already: every member it has now also gets administrator access wherever it is " +
  "assigned, and those members are not listed here (the stack's unlistedMembers output names them).";

/** The set's guardrails as label and value, for the text and markdown plans. */
export function guardrailLines(ps: PlanReport["permissionSet"]): [string, string][] {
  const lines: [string, string][] = [];
  if (ps.guardrails > 0) lines.push(["guardrails", String(ps.guardrails)]);
  if (ps.inlinePolicy) {
    const statements = ([] as unknown[]).concat(ps.inlinePolicy.Statement);
    const effects = statements.map(
      (st) => (st as { Effect?: string; Sid?: string }).Sid ?? (st as { Effect?: string }).Effect,
    );
    lines.push(["inline policy", `${statements.length} statement(s): ${effects.join(", ")}`]);
  }
  for (const ref of ps.customerManagedPolicies) lines.push(["customer policy", `${ref.path}${ref.name}`]);
  const b = ps.permissionsBoundary;
  if (b) {
    lines.push([
      "boundary",
      "managedPolicyArn" in b
        ? b.managedPolicyArn
        : `${b.customerManagedPolicy.path}${b.customerManagedPolicy.name}`,
    ]);
  }
  return lines;
}

export const grantText = (g: { userName: string; accountId: string }) => `${g.userName} in ${g.accountId}`;

/** The management account's set and break-glass users, apart from the member set, as label and value. */
export function managementLines(r: PlanReport): [string, string][] {
  const m = r.management;
  if (!m) return [];
  return [
    ["Management account", `${m.accountId}: its own set ${m.permissionSet.name}, not the member set`],
    ["Management set session", m.permissionSet.sessionDuration],
    ["Break-glass (USER, direct)", m.breakGlass.join(", ") || "none"],
  ];
}

export const protectText = (r: PlanReport) =>
  r.protect ? "on: sets, group, users and break-glass are protected from deletion" : "off";
