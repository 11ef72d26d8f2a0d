// `npm run audit -- --stack <name> [--format text|markdown|json|csv] [--output <file>] [--profile <p>]`:
// who really holds administrator access in the live organization (read only), against the stack's plan.
// Exit codes: 0 no critical or high finding; 3 a critical or high finding; 1 config or usage problems;
// 2 AWS problems.
import * as path from "path";
import { audit, auditExitCode, AuditReport, SEVERITIES } from "../analysis/audit";
import { COMPONENT_NAME, partitionOf, planAdminAccess } from "../components/plan";
import { liveClients } from "../live/clients";
import { findInstance, gatherAudit, liveResolution } from "../live/gather";
import { iamCatalog } from "../live/iamCatalog";
import { managedPolicyLookup } from "../live/managedPolicies";
import { LiveReader } from "../live/reader";
import { failure } from "./awsErrors";
import { CommandResult, csv, deliver, Format, FORMATS, md, mdTable, term, runMain } from "./render";
import { CommandError, flags, loadStack, stackFilePath } from "./stackFile";

const USAGE =
  "usage: npm run audit -- --stack <name> [--format text|markdown|json|csv] [--output <file>] [--profile <p>]";

const findingRow = (f: AuditReport["findings"][number]) => [
  f.severity,
  f.kind,
  f.accountId ?? "",
  f.permissionSet ?? "",
  f.principalType ? `${f.principalType} ${f.principal}` : "",
  f.userName ?? "",
  f.detail,
];
const FINDING_HEAD = ["severity", "kind", "account", "permission set", "principal", "user", "detail"];
const ADMIN_HEAD = ["userName", "accountId", "permissionSet", "via", "access"];
const adminRow = (e: AuditReport["effectiveAdmins"][number]) => [
  e.userName,
  e.accountId,
  e.permissionSet,
  e.via,
  e.access,
];
const SET_HEAD = ["permission set", "verdict", "in the management account", "why", "limited by", "sources"];
const setRow = (s: AuditReport["permissionSets"][number]) => [
  s.name,
  s.verdict,
  s.inManagementAccount,
  [...s.reasons, ...s.unreadable.map((u) => `unreadable: ${u}`)].join("; "),
  s.limitedBy.join("; "),
  s.paths.map((p) => `${p.id}: ${p.source}`).join("; "),
];

/** What was checked and what was not, in one sentence: a clean report says how far it reaches. */
export function checkedLine(report: AuditReport): string {
  const c = report.checked;
  return (
    `${c.permissionSets} permission sets, ${c.assignments} assignments, ${c.accounts} accounts checked; ` +
    `not checked: ${c.notChecked.join("; ")}`
  );
}

const headline = (report: AuditReport) => {
  const count = (severity: string) => report.findings.filter((f) => f.severity === severity).length;
  return report.findings.length === 0
    ? "No findings"
    : `${report.findings.length} finding(s): ${SEVERITIES.map((s) => `${count(s)} ${s}`).join(", ")}`;
};

const breakGlassText = (r: AuditReport) =>
  r.breakGlass.map((b) => `${b.userName} (${b.permissionSet} in ${b.accountId})`).join(", ");

export function renderAudit(stack: string, report: AuditReport, format: Format): string {
  switch (format) {
    case "json":
      return JSON.stringify(report, null, 2) + "\n";
    case "csv":
      return csv(ADMIN_HEAD, report.effectiveAdmins.map(adminRow));
    case "markdown":
      return [
        `### admin-access audit: stack ${md(stack)}`,
        "",
        `**${md(headline(report))}.** ${md(checkedLine(report))}.`,
        "",
        ...(report.findings.length ? [...mdTable(FINDING_HEAD, report.findings.map(findingRow)), ""] : []),
        "#### Permission sets that grant administrator access or come near it",
        "",
        ...mdTable(SET_HEAD, report.permissionSets.map(setRow)),
        "",
        "#### Effective admins",
        "",
        ...mdTable(ADMIN_HEAD, report.effectiveAdmins.map(adminRow)),
        "",
        ...(report.breakGlass.length
          ? [`Break-glass (the stack's, not findings): ${md(breakGlassText(report))}`, ""]
          : []),
      ].join("\n");
    case "text": {
      const lines = [`admin-access audit of stack "${term(stack)}" (${term(report.instanceArn)})`, ""];
      lines.push(`${term(headline(report))}. ${term(checkedLine(report))}.`, "");
      lines.push(`Findings (${report.findings.length})`);
      for (const f of report.findings) lines.push(`  ${findingRow(f).filter(Boolean).map(term).join("  ")}`);
      lines.push(
        "",
        `Permission sets that grant administrator access or come near it (${report.permissionSets.length})`,
      );
      for (const s of report.permissionSets)
        lines.push(`  ${setRow(s).filter(Boolean).map(term).join("  ")}`);
      lines.push("", `Effective admins (${report.effectiveAdmins.length})`);
      for (const e of report.effectiveAdmins) lines.push(`  ${adminRow(e).map(term).join("  ")}`);
      if (report.breakGlass.length)
        lines.push("", `Break-glass (the stack's, not findings): ${term(breakGlassText(report))}`);
      return lines.join("\n") + "\n";
    }
  }
}

/** The command, as a function of its arguments and directory, so that tests run it in process. */
export async function runAudit(argv: string[], dir: string, now: Date = new Date()): Promise<CommandResult> {
  let values: Record<string, string | undefined>;
  try {
    values = flags(argv, ["stack", "format", "output", "profile"], USAGE, 1, ["stack"]);
  } catch (err) {
    return failure(err, "");
  }
  const file = stackFilePath(dir, values.stack ?? "");
  try {
    const format = (values.format ?? "text") as Format;
    if (!FORMATS.includes(format))
      throw new CommandError(`--format "${values.format}" is not one of ${FORMATS.join(", ")}`);
    const stack = loadStack(dir, values.stack as string);
    const reader = new LiveReader(liveClients({ region: stack.region, profile: values.profile }));
    const instance = await findInstance(reader, stack.spec, stack.region);
    const plan = planAdminAccess(COMPONENT_NAME, stack.spec, await liveResolution(reader, stack.spec), now);
    const live = await gatherAudit(reader, instance, partitionOf(stack.region), stack.spec, {
      catalog: await iamCatalog(),
      managed: managedPolicyLookup,
    });
    const report = audit(plan, live, now);
    return deliver(
      renderAudit(stack.stack, report, format),
      values.output && path.resolve(dir, values.output),
      auditExitCode(report),
    );
  } catch (err) {
    return failure(err, file);
  }
}

if (require.main === module) runMain(runAudit);
