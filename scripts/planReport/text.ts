// The plan for a terminal.
import { PlanReport } from "./report";
import { term, wrap, shortType } from "../render";
import {
  action,
  adminsOf,
  expiredOf,
  EXISTING_GROUP_NOTE,
  GRID_ACCOUNTS,
  changeText,
  deferralNote,
  grantText,
  fanoutLines,
  namePinText,
  organizationsText,
  guardrailLines,
  severityCounts,
  managementLines,
  matrixLegend,
  protectText,
  tagLookupLines,
} from "./shared";
import { orgEventsLines } from "./orgEvents";

/** The report's warnings, one line each, then a blank line; nothing without warnings. */
const warningLines = (r: PlanReport): string[] =>
  r.warnings?.length ? [...r.warnings.map((w) => `WARNING: ${term(w)}`), ""] : [];

/** The access diff for a terminal, warnings first. */
function diffText(r: PlanReport): string[] {
  const d = r.diff;
  if (!d) return [];
  // Critical lines first, before anything else a reviewer might stop at.
  const lines = [`Access changes against ${term(d.against)} (${severityCounts(d.changes)})`];
  for (const c of d.changes) lines.push(`  ${c.severity.toUpperCase().padEnd(8)} ${term(changeText(c))}`);
  lines.push(...warningLines(r).slice(0, -1));
  lines.push(...organizationsText(d).map(term));
  if (d.accountNames?.length) {
    lines.push(`Names pinned (${d.accountNames.length}): each accountNames entry and the account it names`);
    for (const p of d.accountNames) lines.push(`  ${term(namePinText(p))}`);
  }
  lines.push(`Changes against ${term(d.against)}`);
  const list = (title: string, items: string[]) => {
    lines.push(`  ${title} (${items.length})`);
    lines.push(...wrap(items.map(term), "    "));
  };
  list("admins added", d.adminsAdded);
  list("admins removed", d.adminsRemoved);
  list("accounts added", d.accountsAdded);
  list("accounts removed", d.accountsRemoved);
  list("grants added", d.grantsAdded.map(grantText));
  list("grants removed", d.grantsRemoved.map(grantText));
  list(
    "created",
    d.created.map((c) => `${shortType(c.type)} ${c.name}`),
  );
  list(
    "deleted",
    d.deleted.map((c) => `${shortType(c.type)} ${c.name}`),
  );
  lines.push(`  replaced (${d.replaced.length})`);
  for (const x of d.replaced) lines.push(`    ${shortType(x.type)} ${term(x.name)}: ${term(x.reason)}`);
  return [...lines, ""];
}

export function renderText(r: PlanReport): string {
  const ps = r.permissionSet;
  const lines = [
    `admin-access plan for stack "${term(r.stack)}"${r.region ? ` (region ${term(r.region)})` : ""}`,
    "",
    // Without a diff the warnings still come first: what a reviewer must read before the plan.
    ...(r.diff ? diffText(r) : warningLines(r)),
    `Permission set   ${term(ps.name)} (${action(ps.existing)})`,
  ];
  if (ps.sessionDuration) lines.push(`  session        ${term(ps.sessionDuration)}`);
  if (ps.policyArn) lines.push(`  policy         ${ps.policyArn}`);
  const tags = Object.entries(ps.tags).map(([k, v]) => `${term(k)}=${term(v)}`);
  if (tags.length > 0) lines.push(`  tags           ${tags.join(", ")}`);
  lines.push(
    ...[...fanoutLines(ps), ...guardrailLines(ps)].map(
      ([label, value]) => `  ${label.padEnd(14)} ${term(value)}`,
    ),
  );
  lines.push(`Group            ${term(r.group.displayName)} (${action(r.group.existing)})`);
  if (r.group.existing) lines.push(...wrap(EXISTING_GROUP_NOTE.split(" "), "  ! ", " "));
  for (const [label, value] of managementLines(r)) lines.push(`${label}: ${term(value)}`);
  for (const [label, value] of orgEventsLines(r.orgEvents)) lines.push(`${label}: ${term(value)}`);
  lines.push(`Protection       ${protectText(r)}`);
  lines.push("", `Users to create (${r.usersToCreate.length})`);
  for (const u of r.usersToCreate)
    lines.push(`  ${term(u.userName)}  ${term(u.displayName)} <${term(u.email)}>`);
  lines.push(`Existing users added to the group (${r.existingUsers.length})`);
  const deferred = new Set(r.deferredAdmins ?? []);
  for (const u of r.existingUsers) lines.push(`  ${term(u)}${deferred.has(u) ? "  (deferred)" : ""}`);
  const deferral = deferralNote(r);
  if (deferral) lines.push(...wrap(deferral.split(" ").map(term), "  ! ", " "));
  lines.push(
    "",
    `Assignments (${r.assignments.length}): group "${term(r.group.displayName)}" gets ${term(ps.name)} in`,
  );
  const own = r.management ? `  [${term(r.management.permissionSet.name)}]` : "";
  for (const a of r.assignments) {
    const name = a.accountName ? `${term(a.accountName)}  ` : "";
    const set = a.accountId === r.management?.accountId ? own : "";
    lines.push(`  ${a.accountId}  ${name}(${a.selectedBy.map(term).join(", ")})${set}`);
  }
  for (const [label, value] of tagLookupLines(r)) lines.push(`${label}: ${value}`);
  if (r.skippedAccounts.length > 0) lines.push(`Left out (${r.skippedAccounts.length})`);
  for (const x of r.skippedAccounts) lines.push(`  ${x.accountId}  ${term(x.reason)}`);
  if (r.managementAccountId === null) {
    lines.push(
      "Management account not checked: pass --org or --management-account (see docs/reviewing-changes.md).",
    );
  }
  lines.push("", `Access matrix (${matrixLegend(r)})`);
  const accounts = r.assignments.map((a) => a.accountId);
  const admins = adminsOf(r).map(term);
  if (accounts.length <= GRID_ACCOUNTS) {
    const width = Math.max(5, ...admins.map((a) => a.length));
    lines.push(`  ${"admin".padEnd(width)}  ${accounts.join("  ")}`);
    for (const admin of admins) {
      lines.push(
        `  ${admin.padEnd(width)}  ${accounts.map((a) => "A".padEnd(a.length)).join("  ")}`.trimEnd(),
      );
    }
  } else {
    // Every admin is in the one group, so each holds the same accounts: one group of rows, not a grid.
    lines.push(
      `  ${admins.length} admins, each with administrator access in all ${accounts.length} accounts above:`,
    );
    lines.push(...wrap(admins, "    "));
  }
  const expired = expiredOf(r);
  if (expired.length > 0)
    lines.push(`  Expired, with no access (${expired.length}):`, ...wrap(expired.map(term), "    "));
  lines.push("", `Resources (${r.totalResources})`);
  for (const [type, count] of Object.entries(r.resourceCounts))
    lines.push(`  ${String(count).padStart(5)}  ${shortType(type)}`);
  if (r.usersToCreate.length > 0) {
    lines.push("", 'New users get no invitation email: see "First sign-in" in docs/operations.md.');
  }
  return lines.join("\n") + "\n";
}
