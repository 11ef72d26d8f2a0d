// `npm run audit -- --stack <name> [--format text|markdown|json|csv] [--output <file>] [--profile <p>]
// [--region <r>]`: who really holds administrator access in the live organization (read only), against the
// stack's plan. Exit codes (scripts/exitCodes.ts): 0 no critical or high finding; 1 usage or config; 3 a
// critical or high finding; 4 an AWS or read failure.
import * as path from "path";
import { audit, auditExitCode, AuditReport, SEVERITIES } from "../analysis/audit";
import { COMPONENT_NAME, partitionOf, planAdminAccess } from "../components/plan";
import { withAccountsOutside } from "../analysis/audit/outside";
import { auditResolution, findInstance, gatherAudit } from "../live/gather";
import { iamCatalog } from "../live/iamCatalog";
import { managedPolicyLookup } from "../live/managedPolicies";
import { failure } from "./awsErrors";
import { checkOutput } from "./output";
import { awsSettings, connect } from "./awsSettings";
import { AWS_FLAGS, CommandSpec, formatFlag, parseFlags } from "./command";
import { CommandResult, csv, deliver, Format, md, mdTable, term, runMain } from "./render";
import { loadStack, stackFilePath } from "./stackFile";

export const AUDIT: CommandSpec = {
  name: "audit",
  summary:
    "Who really holds administrator access in the live organization (read only), against the stack's plan.",
  flags: [
    { name: "stack", value: "<name>", help: "the stack, read from Pulumi.<name>.yaml", required: true },
    { name: "format", value: "<f>", help: "text (default), markdown, json or csv (the effective admins)" },
    { name: "output", value: "<file>", help: "write the report to this file instead of stdout" },
    ...AWS_FLAGS,
  ],
  exits: ["ok", "usage", "findings", "aws"],
};

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
    values = parseFlags(argv, AUDIT);
  } catch (err) {
    return failure(err, "");
  }
  const file = stackFilePath(dir, values.stack ?? "");
  /** Which account and region were read, said on failure too: access denied where? */
  let line = "";
  try {
    const format = formatFlag(values.format);
    const stack = loadStack(dir, values.stack as string);
    checkOutput(values.output && path.resolve(dir, values.output));
    const settings = awsSettings(path.basename(file), stack, values);
    const { reader, region, line: said } = await connect(settings);
    line = said;
    const instance = await findInstance(reader, stack.spec, region);
    const { resolution, outside } = await auditResolution(reader, stack.spec);
    const plan = planAdminAccess(COMPONENT_NAME, stack.spec, resolution, now);
    const live = await gatherAudit(reader, instance, partitionOf(region), stack.spec, {
      catalog: await iamCatalog(),
      managed: managedPolicyLookup,
    });
    const report = withAccountsOutside(audit(plan, live, now), outside);
    const result = deliver(
      renderAudit(stack.stack, report, format),
      values.output && path.resolve(dir, values.output),
      auditExitCode(report),
    );
    return { ...result, stderr: line + result.stderr };
  } catch (err) {
    const failed = failure(err, file);
    return { ...failed, stderr: line + failed.stderr };
  }
}

if (require.main === module) runMain(runAudit);
