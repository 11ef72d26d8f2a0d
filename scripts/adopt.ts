// `npm run adopt -- --stack <name> [--output <file>] [--profile <p>]`, and to bootstrap a stack file from a
// runbook-built organization, `[--group <display name> --permission-set <name> [--region <r>]]`. It reads
// the live organization (read only), writes a `pulumi import --file` document for every resource of the
// stack that already exists, and reports what will be imported, created, updated or replaced.
// Exit codes: 0 the file is written; 1 config or usage problems; 2 AWS problems.
import { existsSync, rmSync, writeFileSync } from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { adopt, Adoption, bootstrapConfig, LIST_TIMEOUTS_NOTE } from "../analysis/adoption";
import { COMPONENT_NAME, partitionOf, planAdminAccess, TYPES } from "../components/plan";
import { liveClients } from "../live/clients";
import { findInstance, gatherAdoption, gatherBootstrap, liveResolution } from "../live/gather";
import { LiveReader } from "../live/reader";
import { failure } from "./awsErrors";
import { fail, stackFilesIn } from "./command";
import { outputProblem, writeOutput } from "./output";
import { CommandResult, term, runMain, shortType } from "./render";
import { checkStackText, CommandError, flags, loadStack, stackFilePath } from "./stackFile";

const USAGE =
  "usage: npm run adopt -- --stack <name> [--output <file>] [--profile <p>] " +
  '[--group "<display name>" --permission-set <name> [--region <r>]]';

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

/** The command, as a function of its arguments and directory, so that tests run it in process. */
export async function runAdopt(argv: string[], dir: string): Promise<CommandResult> {
  let values: Record<string, string | undefined>;
  try {
    values = flags(argv, ["stack", "output", "profile", "group", "permission-set", "region"], USAGE, 1, [
      "stack",
    ]);
  } catch (err) {
    return fail((err as CommandError).message, 1);
  }
  const output = path.resolve(dir, values.output ?? "adopt.json");
  const file = stackFilePath(dir, values.stack as string);
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
    if (!bootstrap && (values.group || values["permission-set"] || values.region)) {
      throw new CommandError(
        `${path.basename(file)} exists: --group, --permission-set and --region only bootstrap a new stack file`,
      );
    }
    let stack = bootstrap ? undefined : loadStack(dir, values.stack as string);
    const region = stack ? stack.region : values.region;
    const reader = new LiveReader(liveClients({ region, profile: values.profile }));

    const instance = await findInstance(reader, stack?.spec ?? {}, region);
    if (!stack) {
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
      writeFileSync(file, text, { flag: "wx" });
      wroteStackFile = true;
      stack = loadStack(dir, values.stack as string);
    }
    const resolution = await liveResolution(reader, stack.spec);
    const plan = planAdminAccess(COMPONENT_NAME, stack.spec, resolution);
    const adoption = adopt(plan, await gatherAdoption(reader, stack.spec, instance, partitionOf(region)));
    writeOutput(output, JSON.stringify(adoption.importFile, null, 2) + "\n");
    const wrote = bootstrap ? `wrote ${path.basename(file)} from what exists\n` : "";
    return {
      code: 0,
      stdout: renderAdoption(stack.stack, adoption, path.relative(dir, output)),
      stderr: wrote,
    };
  } catch (err) {
    if (!wroteStackFile) return failure(err, file);
    rmSync(file, { force: true });
    const failed = failure(err, file);
    return {
      ...failed,
      stderr: `${failed.stderr}removed ${path.basename(file)}, which this run had written\n`,
    };
  }
}

if (require.main === module) runMain(runAdopt);
