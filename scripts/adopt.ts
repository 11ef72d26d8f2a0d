// `npm run adopt -- --stack <name> [--output <file>] [--profile <p>] [--region <r>]`, and to bootstrap a
// stack file from a runbook-built organization, `[--group <display name> --permission-set <name>]`. It reads
// the live organization (read only), writes a `pulumi import --file` document for every resource of the
// stack that already exists, and reports what will be imported, created, updated or replaced.
// Exit codes (scripts/exitCodes.ts): 0 the file is written; 1 usage or config, including a config that does
// not fit the organization (an existing: true set, group or user that is not there, an account outside it);
// 4 an AWS or read failure.
import { existsSync, rmSync, writeFileSync } from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { adopt, Adoption, LIST_TIMEOUTS_NOTE, missingLookups } from "../analysis/adoption";
import { bootstrapConfig } from "../analysis/bootstrap";
import { AdminAccessConfigError } from "../components/config";
import { COMPONENT_NAME, partitionOf, planAdminAccess, TYPES } from "../components/plan";
import { Resolution } from "../components/targets";
import { findInstance, gatherAdoption, gatherBootstrap, liveResolution } from "../live/gather";
import { LiveReader } from "../live/reader";
import { failure } from "./awsErrors";
import { awsSettings, connect } from "./awsSettings";
import { AWS_FLAGS, CommandSpec, parseFlags, stackFilesIn } from "./command";
import { outputProblem, writeOutput } from "./output";
import { CommandResult, term, runMain, shortType } from "./render";
import { checkStackText, CommandError, loadStack, StackFile, stackFilePath } from "./stackFile";

export const ADOPT: CommandSpec = {
  name: "adopt",
  summary:
    "Write a `pulumi import --file` document for every resource of the stack that already exists (read only).",
  flags: [
    { name: "stack", value: "<name>", help: "the stack, read from Pulumi.<name>.yaml", required: true },
    { name: "output", value: "<file>", help: "the import file to write (default adopt.json)" },
    {
      name: "group",
      value: '"<display name>"',
      help: "without a stack file: the admin group to write Pulumi.<name>.yaml from",
    },
    {
      name: "permission-set",
      value: "<name>",
      help: "without a stack file: the permission set to write Pulumi.<name>.yaml from",
    },
    ...AWS_FLAGS,
  ],
  exits: ["ok", "usage", "aws"],
};

export function renderAdoption(stack: string, adoption: Adoption, output: string): string {
  const lines = [`admin-access adopt for stack "${term(stack)}"`, ""];
  for (const row of adoption.rows) {
    const note =
      row.status === "create"
        ? "  (pulumi up creates it)"
        : row.status === "lookup"
          ? "  (existing: true, looked up)"
          : "";
    lines.push(`  ${row.status.padEnd(7)} ${shortType(row.type).padEnd(24)} ${term(row.name)}${note}`);
    for (const d of row.differences) {
      const show = (v: string | null) => (v === null ? "(none)" : JSON.stringify(term(v)));
      const verb = d.effect === "replace" ? "REPLACES the resource" : "updates it in place";
      lines.push(`            ${d.field}: config ${show(d.config)}, live ${show(d.live)}: pulumi up ${verb}`);
    }
  }
  if (adoption.warnings.length > 0) {
    lines.push("", "Read before importing:");
    for (const w of adoption.warnings) lines.push(`  ! ${term(w)}`);
  }
  const count = adoption.importFile.resources.length - 1;
  // Said only when it is all the lists' update does: a list that differs is rewritten, as its row says.
  const lists = adoption.rows.filter(
    (r) => r.type === TYPES.managedPolicies || r.type === TYPES.customerPolicies,
  );
  const onlyTimeouts =
    lists.length > 0 && lists.every((r) => r.status === "import" && r.differences.length === 0);
  lines.push(
    "",
    `Wrote ${term(output)}: ${count} existing resource(s) under the component. Next:`,
    `  pulumi import --file ${term(output)} --generate-code=false`,
    "  pulumi preview    # expect no replacement and no deletion before saying yes to pulumi up",
    ...(onlyTimeouts ? [`                    # ${LIST_TIMEOUTS_NOTE}`] : []),
  );
  return lines.join("\n") + "\n";
}

/** A new stack file written from what the runbook's names find, checked as `pulumi up` would read it. */
async function bootstrapStack(
  reader: LiveReader,
  dir: string,
  file: string,
  values: Record<string, string | undefined>,
  region: string,
  wrote: () => void,
): Promise<StackFile> {
  const instance = await findInstance(reader, {}, region);
  const found = await gatherBootstrap(
    reader,
    instance,
    values.group as string,
    values["permission-set"] as string,
  );
  if (!found.live) throw new CommandError(found.missing.join("\n"));
  const text =
    "# Written by `npm run adopt` from what exists in IAM Identity Center; review it before `pulumi up`.\n" +
    // YAML 1.1 quoting, as the CLI reads it: an unquoted 2012-10-17 would reach the program as a timestamp.
    stringify({ config: bootstrapConfig({ ...found.live, region }) }, { version: "1.1" });
  const name = path.basename(file).slice("Pulumi.".length, -".yaml".length);
  const problems = checkStackText(dir, name, text).problems;
  if (problems.length > 0) {
    throw new CommandError(
      `the stack written from what exists would not be valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  // "wx": never over a stack file that appeared meanwhile; the caller removes it if the run then fails.
  writeFileSync(file, text, { flag: "wx" });
  wrote();
  return loadStack(dir, values.stack as string);
}

/** The command, as a function of its arguments and directory, so that tests run it in process. */
export async function runAdopt(argv: string[], dir: string): Promise<CommandResult> {
  let values: Record<string, string | undefined>;
  try {
    values = parseFlags(argv, ADOPT);
  } catch (err) {
    return failure(err, "");
  }
  const output = path.resolve(dir, values.output ?? "adopt.json");
  const file = stackFilePath(dir, values.stack as string);
  /** Which account and region were read, said on failure too: access denied where? */
  let line = "";
  const bootstrap = !existsSync(file);
  // Set once this run has written the stack file: a run that fails after it removes it, so that a rerun
  // bootstraps again instead of being refused for a file nobody reviewed.
  let wroteStackFile = false;
  try {
    const refused = outputProblem(output);
    if (refused) throw new CommandError(`--output ${term(values.output ?? "adopt.json")}: ${refused}`);
    if (bootstrap && (!values.group || !values["permission-set"])) {
      const found = stackFilesIn(dir);
      throw new CommandError(
        `no stack file ${path.basename(file)} in ${dir} (stack files here: ${found.join(", ") || "none"}); ` +
          'to write it from what exists, pass --group "<display name>" and --permission-set <name>',
      );
    }
    if (!bootstrap && (values.group || values["permission-set"])) {
      throw new CommandError(
        `${path.basename(file)} exists: --group and --permission-set only bootstrap a new stack file`,
      );
    }
    const loaded = bootstrap ? undefined : loadStack(dir, values.stack as string);
    const settings = awsSettings(path.basename(file), loaded, values);
    const { reader, region, line: said } = await connect(settings);
    line = said;
    const stack =
      loaded ?? (await bootstrapStack(reader, dir, file, values, region, () => (wroteStackFile = true)));
    const instance = await findInstance(reader, stack.spec, region);
    // Every way the config does not fit the organization, at once: targets that do not resolve (an
    // account outside it) and what existing: true names that is not there.
    const problems: string[] = [];
    let resolution: Resolution = { targets: [], skipped: [], notes: [] };
    try {
      resolution = await liveResolution(reader, stack.spec);
    } catch (err) {
      if (!(err instanceof AdminAccessConfigError)) throw err;
      problems.push(...err.problems);
    }
    const live = await gatherAdoption(reader, stack.spec, instance, partitionOf(region));
    problems.push(...missingLookups(stack.spec, live));
    if (problems.length > 0) throw new AdminAccessConfigError(problems);
    const adoption = adopt(planAdminAccess(COMPONENT_NAME, stack.spec, resolution), live);
    writeOutput(output, JSON.stringify(adoption.importFile, null, 2) + "\n");
    const wrote = bootstrap ? `wrote ${path.basename(file)} from what exists\n` : "";
    return {
      code: 0,
      stdout: renderAdoption(stack.stack, adoption, path.relative(dir, output)),
      stderr: line + wrote,
    };
  } catch (err) {
    const failed = failure(err, file);
    if (!wroteStackFile) return { ...failed, stderr: line + failed.stderr };
    rmSync(file, { force: true });
    return {
      ...failed,
      stderr: `${line}${failed.stderr}removed ${path.basename(file)}, which this run had written\n`,
    };
  }
}

if (require.main === module) runMain(runAdopt);
