// `npm run drift -- --stack <name> [--format text|markdown|json] [--output <file>] [--profile <p>]
// [--region <r>]`: does AWS still hold what `pulumi up` would make of the stack now? Its targets are resolved
// against the organization as it is today and compared, read only, with the live sets, group, memberships,
// grants and provisioning, the expiry schedules and their role, and the orgEvents rules, targets,
// destinations and queues. Exit codes (scripts/exitCodes.ts; 0 and 2 as `terraform plan -detailed-exitcode`):
// 0 no drift (pending items, such as a deferred admin, are not drift); 1 usage or config; 2 drift, with the
// summary; 4 an AWS or read failure.
import * as path from "path";
import { AdminAccessConfigError } from "../components/config";
import { absentAdmins, DRIFT_KINDS, DriftItem, driftOf, DriftReport, PendingItem } from "../analysis/drift";
import { LiveTargets, StackLive } from "../analysis/views";
import { partitionOfArn } from "../analysis/audit";
import { COMPONENT_NAME, partitionOf, planAdminAccess } from "../components/plan";
import { findInstance, gatherAdoption, gatherManagementSet, liveTargets } from "../live/gather";
import { gatherStack, StackReader } from "../live/stackReader";
import { failure } from "./awsErrors";
import { checkOutput } from "./output";
import { awsSettings, connect } from "./awsSettings";
import { AWS_FLAGS, CommandSpec, formatFlag, parseFlags } from "./command";
import { EXIT } from "./exitCodes";
import { CommandResult, deliver, Format, md, mdTable, runMain, term } from "./render";
import { loadStack, stackFilePath } from "./stackFile";

export const DRIFT_FORMATS: readonly Format[] = ["text", "markdown", "json"];

export const DRIFT: CommandSpec = {
  name: "drift",
  summary: "Does AWS still hold what `pulumi up` would make of the stack now? Read only.",
  flags: [
    { name: "stack", value: "<name>", help: "the stack, read from Pulumi.<name>.yaml", required: true },
    { name: "format", value: "<f>", help: "text (default), markdown or json" },
    { name: "output", value: "<file>", help: "write the report to this file instead of stdout" },
    ...AWS_FLAGS,
  ],
  exits: ["ok", "usage", "drift", "aws"],
};

const HEAD = ["kind", "subject", "detail", "fix"];
const row = (i: DriftItem) => [i.kind, i.subject, i.detail, i.fix];

const PENDING_HEAD = ["pending", "subject", "detail"];
const pendingRow = (i: PendingItem) => [i.kind, i.subject, i.detail];
/** Pending items are not drift: said apart, after the drift, and they change no exit code. */
const pendingLine = (r: DriftReport) =>
  `${r.pending.length} pending (not drift): ${r.pending.map((p) => p.subject).join(", ")}`;

const headline = (r: DriftReport) => {
  if (r.drift.length === 0) return "No drift: AWS holds what `pulumi up` would make of the stack now";
  const count = (k: string) => r.drift.filter((i) => i.kind === k).length;
  const kinds = DRIFT_KINDS.filter(count).map((k) => `${count(k)} ${k}`);
  return `${r.drift.length} difference(s) between AWS and what \`pulumi up\` would make: ${kinds.join(", ")}`;
};
const targetsLine = (r: DriftReport) =>
  `${r.targets.length} target account(s) now: ${r.targets.map((t) => t.accountId).join(", ") || "none resolved"}`;

export function renderDrift(report: DriftReport, format: Format): string {
  switch (format) {
    case "markdown":
      return [
        `### admin-access drift: stack ${md(report.stack)}`,
        "",
        `**${md(headline(report))}.** ${md(targetsLine(report))}.`,
        "",
        ...(report.drift.length ? [...mdTable(HEAD, report.drift.map(row)), ""] : []),
        ...(report.pending.length
          ? [
              `**${md(pendingLine(report))}.**`,
              "",
              ...mdTable(PENDING_HEAD, report.pending.map(pendingRow)),
              "",
            ]
          : []),
      ].join("\n");
    case "text": {
      const lines = [`admin-access drift of stack "${term(report.stack)}" (${term(report.instanceArn)})`, ""];
      lines.push(`${term(headline(report))}.`, `${term(targetsLine(report))}.`);
      for (const i of report.drift) lines.push(`  ${row(i).map(term).join("  ")}`);
      if (report.pending.length) lines.push(`${term(pendingLine(report))}.`);
      for (const i of report.pending) lines.push(`  ${pendingRow(i).map(term).join("  ")}`);
      return lines.join("\n") + "\n";
    }
    default:
      return JSON.stringify(report, null, 2) + "\n";
  }
}

/** The command, as a function of its arguments and directory, so that tests run it in process. */
export async function runDrift(argv: string[], dir: string, now: Date = new Date()): Promise<CommandResult> {
  let values: Record<string, string | undefined>;
  let format: Format;
  try {
    values = parseFlags(argv, DRIFT);
    format = formatFlag(values.format, DRIFT_FORMATS);
  } catch (err) {
    return failure(err, "");
  }
  const file = stackFilePath(dir, values.stack ?? "");
  /** Which account and region were read, said on failure too: access denied where? */
  let line = "";
  try {
    const stack = loadStack(dir, values.stack as string);
    checkOutput(values.output && path.resolve(dir, values.output));
    const settings = awsSettings(path.basename(file), stack, values);
    const { reader, stack: stackClients, region, line: said } = await connect(settings);
    line = said;
    const instance = await findInstance(reader, stack.spec, region);
    // Selectors that no longer resolve (an OU deleted, a listed account suspended) are drift: the
    // organization changed under a config that `pulumi up` accepted before.
    let targets: LiveTargets;
    try {
      targets = await liveTargets(reader, stack.spec);
    } catch (err) {
      if (!(err instanceof AdminAccessConfigError)) throw err;
      targets = { problems: err.problems };
    }
    const resolution = "resolution" in targets ? targets.resolution : { targets: [], skipped: [], notes: [] };
    const partition = partitionOfArn(instance.instanceArn) ?? partitionOf(region);
    const live = await gatherAdoption(reader, stack.spec, instance, partition);
    // Planned as `pulumi up` would now: an existing admin the store does not hold is deferred (pending).
    const absent = absentAdmins(stack.spec, live.users);
    const plan = planAdminAccess(COMPONENT_NAME, stack.spec, resolution, now, absent);
    const outdatedAccounts = live.permissionSet
      ? await reader.accountsForPermissionSet(instance.instanceArn, live.permissionSet.arn, true)
      : [];
    // The management account's own set, when the stack makes one: settings, attachments and holders.
    const managementSet = plan.management
      ? await gatherManagementSet(reader, instance, stack.spec.managementPermissionSet.name)
      : undefined;
    // The expiry schedules and role, and the orgEvents rules, when the stack makes them.
    let stackLive: StackLive | undefined;
    if (plan.expiry || plan.orgEvents) {
      stackLive = await gatherStack(
        new StackReader(stackClients),
        plan,
        stack.stack,
        COMPONENT_NAME,
        partition,
        region,
      );
    }
    const report = driftOf(stack.stack, plan, targets, {
      ...live,
      outdatedAccounts,
      managementSet,
      stack: stackLive,
    });
    const result = deliver(
      renderDrift(report, format),
      values.output && path.resolve(dir, values.output),
      report.drift.length ? EXIT.drift : EXIT.ok,
    );
    return { ...result, stderr: line + result.stderr };
  } catch (err) {
    const failed = failure(err, file);
    return { ...failed, stderr: line + failed.stderr };
  }
}

if (require.main === module) runMain(runDrift);
