// `npm run audit -- --stack <name> [--format text|markdown|json|csv] [--output <file>] [--profile <p>]`:
// who really holds administrator access in the live organization (read only), against the stack's plan.
// Exit codes: 0 no findings; 3 findings; 1 config or usage problems; 2 AWS problems.
import * as path from "path";
import { audit, AuditReport } from "../components/audit";
import { COMPONENT_NAME, partitionOf, planAdminAccess } from "../components/plan";
import { liveClients } from "../live/clients";
import { findInstance, gatherAudit, liveResolution } from "../live/gather";
import { LiveReader } from "../live/reader";
import { failure } from "./awsErrors";
import { CommandResult, csv, deliver, Format, FORMATS, md, mdTable, term, runMain } from "./render";
import { CommandError, flags, loadStack, stackFilePath } from "./stackFile";

const USAGE =
  "usage: npm run audit -- --stack <name> [--format text|markdown|json|csv] [--output <file>] [--profile <p>]";

const findingRow = (f: AuditReport["findings"][number]) => [
  f.kind,
  f.accountId ?? "",
  f.permissionSet ?? "",
  f.principalType ? `${f.principalType} ${f.principal}` : "",
  f.userName ?? "",
  f.detail,
];
const FINDING_HEAD = ["kind", "account", "permission set", "principal", "user", "detail"];
const ADMIN_HEAD = ["userName", "accountId", "permissionSet", "via"];
const adminRow = (e: AuditReport["effectiveAdmins"][number]) => [
  e.userName,
  e.accountId,
  e.permissionSet,
  e.via,
];

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
        report.findings.length === 0
          ? "No findings: the live organization grants administrator access exactly as the stack plans."
          : `**${report.findings.length} finding(s).**`,
        "",
        ...(report.findings.length ? [...mdTable(FINDING_HEAD, report.findings.map(findingRow)), ""] : []),
        "#### Effective admins",
        "",
        ...mdTable(ADMIN_HEAD, report.effectiveAdmins.map(adminRow)),
        "",
      ].join("\n");
    case "text": {
      const lines = [`admin-access audit of stack "${term(stack)}" (${term(report.instanceArn)})`, ""];
      lines.push(`Findings (${report.findings.length})`);
      for (const f of report.findings) lines.push(`  ${findingRow(f).filter(Boolean).map(term).join("  ")}`);
      lines.push("", `Effective admins (${report.effectiveAdmins.length})`);
      for (const e of report.effectiveAdmins) lines.push(`  ${adminRow(e).map(term).join("  ")}`);
      return lines.join("\n") + "\n";
    }
  }
}

/** The command, as a function of its arguments and directory, so that tests run it in process. */
export async function runAudit(argv: string[], dir: string): Promise<CommandResult> {
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
    const plan = planAdminAccess(COMPONENT_NAME, stack.spec, await liveResolution(reader, stack.spec));
    const report = audit(plan, await gatherAudit(reader, instance, partitionOf(stack.region), stack.spec));
    const code = report.findings.length > 0 ? 3 : 0;
    return deliver(
      renderAudit(stack.stack, report, format),
      values.output && path.resolve(dir, values.output),
      code,
    );
  } catch (err) {
    return failure(err, file);
  }
}

if (require.main === module) runMain(runAudit);
