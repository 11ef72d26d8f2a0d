// The plan for a pull request comment.
import { PlanReport } from "./report";
import { md, mdTable, shortType } from "../render";
import {
  action,
  adminsOf,
  deferralNote,
  expiredOf,
  EXISTING_GROUP_NOTE,
  GRID_ACCOUNTS,
  grantText,
  fanoutLines,
  organizationsText,
  guardrailLines,
  severityCounts,
  managementLines,
  matrixLegend,
  protectText,
  tagLookupLines,
} from "./shared";
import { orgEventsLines } from "./orgEvents";

/** The access diff for a pull-request comment, warnings first. */
function diffMarkdown(r: PlanReport): string[] {
  const d = r.diff;
  const warnings = (r.warnings ?? []).flatMap((w) => [`> **Warning:** ${md(w)}`, ""]);
  if (!d) return warnings;
  const cell = (items: string[]) => items.join(", ") || "none";
  const shown = (v: string | null) => (v === null ? "(none)" : v);
  return [
    // Critical lines first, before anything else a reviewer might stop at.
    `#### Access changes against ${md(d.against)}: ${severityCounts(d.changes)}`,
    "",
    ...(d.changes.length
      ? [
          ...mdTable(
            ["severity", "field", "old", "new", "why"],
            d.changes.map((c) => [c.severity.toUpperCase(), c.path, shown(c.old), shown(c.new), c.why]),
          ),
          "",
        ]
      : []),
    ...warnings,
    ...organizationsText(d).flatMap((line) => [`_${md(line)}_`, ""]),
    ...(d.accountNames?.length
      ? [
          "Names pinned: each accountNames entry and the account it names:",
          "",
          ...mdTable(
            ["name", "before", "after"],
            d.accountNames.map((p) => [
              JSON.stringify(p.name),
              p.before ?? "(not listed)",
              p.before !== null && p.after !== null && p.before !== p.after
                ? `${p.after} (another account: critical)`
                : (p.after ?? "(not listed)"),
            ]),
          ),
          "",
        ]
      : []),
    `#### Access changes against ${md(d.against)}`,
    "",
    ...mdTable(
      ["change", "what"],
      [
        ["admins added", cell(d.adminsAdded)],
        ["admins removed", cell(d.adminsRemoved)],
        ["accounts added", cell(d.accountsAdded)],
        ["accounts removed", cell(d.accountsRemoved)],
        ["grants added", cell(d.grantsAdded.map(grantText))],
        ["grants removed", cell(d.grantsRemoved.map(grantText))],
        ["created", cell(d.created.map((c) => `${shortType(c.type)} ${c.name}`))],
        ["deleted", cell(d.deleted.map((c) => `${shortType(c.type)} ${c.name}`))],
      ],
    ),
    "",
    ...(d.replaced.length
      ? [
          "Replaced:",
          "",
          ...mdTable(
            ["resource", "reason"],
            d.replaced.map((x) => [`${shortType(x.type)} ${x.name}`, x.reason]),
          ),
          "",
        ]
      : []),
  ];
}

export function renderMarkdown(r: PlanReport): string {
  const ps = r.permissionSet;
  const accounts = r.assignments.map((a) => a.accountId);
  const admins = adminsOf(r);
  const tags = Object.entries(ps.tags).map(([k, v]) => `${k}=${v}`);
  return [
    `### admin-access plan: stack ${md(r.stack)}${r.region ? ` (${md(r.region)})` : ""}`,
    "",
    ...diffMarkdown(r),
    ...(r.group.existing ? [`> **Warning:** ${md(EXISTING_GROUP_NOTE)}`, ""] : []),
    ...(deferralNote(r) ? [`> **Note:** ${md(deferralNote(r) as string)}`, ""] : []),
    ...mdTable(
      ["Setting", "Value"],
      [
        ["Permission set", `${ps.name} (${action(ps.existing)})`],
        ...(ps.sessionDuration ? [["Session duration", ps.sessionDuration]] : []),
        ...(ps.policyArn ? [["Policy", ps.policyArn]] : []),
        ...(tags.length ? [["Tags", tags.join(", ")]] : []),
        ...fanoutLines(ps),
        ...guardrailLines(ps),
        ["Group", `${r.group.displayName} (${action(r.group.existing)})`],
        ...managementLines(r),
        ...orgEventsLines(r.orgEvents),
        ["Protection", protectText(r)],
        ...tagLookupLines(r),
        ["Users to create", r.usersToCreate.map((u) => u.userName).join(", ") || "none"],
        ["Existing users added", r.existingUsers.join(", ") || "none"],
        ...(r.deferredAdmins?.length ? [["Deferred admins", r.deferredAdmins.join(", ")]] : []),
        ["Resources", `${r.totalResources}`],
      ],
    ),
    "",
    "#### Assignments",
    "",
    ...mdTable(
      ["account", "name", "selected by", "permission set"],
      r.assignments.map((a) => [a.accountId, a.accountName ?? "", a.selectedBy.join(", "), a.permissionSet]),
    ),
    ...(r.skippedAccounts.length
      ? ["", "Left out:", "", ...r.skippedAccounts.map((x) => `- ${x.accountId}: ${md(x.reason)}`)]
      : []),
    ...(r.managementAccountId === null ? ["", "_Management account not checked offline._"] : []),
    "",
    "#### Access matrix",
    "",
    ...(matrixLegend(r) === "A = administrator access" ? [] : [`_${md(matrixLegend(r))}_`, ""]),
    ...(accounts.length <= GRID_ACCOUNTS
      ? mdTable(
          ["admin", ...accounts],
          admins.map((a) => [a, ...r.assignments.map((x) => x.permissionSet)]),
        )
      : [
          `Each of these ${admins.length} admins has ${md(ps.name)} in all ${accounts.length} accounts above:`,
          "",
          admins.map(md).join(", "),
        ]),
    ...(expiredOf(r).length ? ["", `Expired, with no access: ${expiredOf(r).map(md).join(", ")}`] : []),
    "",
    "#### Resources",
    "",
    ...mdTable(
      ["type", "count"],
      Object.entries(r.resourceCounts).map(([t, c]) => [t, `${c}`]),
    ),
    "",
  ].join("\n");
}
