// `npm run --silent stack-region -- --stack <name>`: the region a stack deploys to, its aws:region as the
// Pulumi CLI reads the stack file (the project's defaults merged in), for the workflows: they take the region
// from the stack, never from a copy of it in the workflow. A stack file without aws:region, or with one that
// is not a region's name, is a config problem.
// Exit codes (scripts/exitCodes.ts): 0 the region is printed; 1 usage or config.
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { failure } from "./awsErrors";
import { CommandSpec, parseFlags } from "./command";
import { CommandResult, runMain } from "./render";
import { checkStackText, CommandError, loadStack, stackFilePath } from "./stackFile";

export const STACK_REGION: CommandSpec = {
  name: "stack-region",
  summary: "Print the stack's aws:region, as the Pulumi CLI reads the stack file, for a workflow.",
  flags: [
    { name: "stack", value: "<name>", help: "the stack, read from Pulumi.<name>.yaml", required: true },
  ],
  exits: ["ok", "usage"],
};

export function runStackRegion(argv: string[], dir: string): CommandResult {
  let file = "";
  try {
    const values = parseFlags(argv, STACK_REGION);
    file = stackFilePath(dir, values.stack as string);
    if (!existsSync(file)) loadStack(dir, values.stack as string); // its message names the stacks that exist
    // The engine's reading only: a stack the program would refuse, or one with secrets this offline reader
    // cannot decrypt, still deploys to its region, and `pulumi up` reports its problems itself.
    const name = path.basename(file).slice("Pulumi.".length, -".yaml".length);
    let checked: ReturnType<typeof checkStackText>;
    try {
      checked = checkStackText(dir, name, readFileSync(file, "utf8"));
    } catch (err) {
      throw new CommandError(`${path.basename(file)}: ${(err as Error).message}`);
    }
    const region = checked.secretKeys.includes("aws:region") ? undefined : checked.config["aws:region"];
    if (!region)
      throw new CommandError(
        `${path.basename(file)}: sets no aws:region; set it to the region where IAM Identity Center is enabled`,
      );
    // A region's shape only: the workflows write it into $GITHUB_OUTPUT, where a newline would add outputs.
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
      throw new CommandError(
        `${path.basename(file)}: aws:region ${JSON.stringify(region)} is not a region name (e.g. eu-west-1)`,
      );
    return { code: 0, stdout: `${region}\n`, stderr: "" };
  } catch (err) {
    return failure(err, file);
  }
}

if (require.main === module) runMain(runStackRegion);
