// `npm run --silent stack-region -- --stack <name>`: the region a stack deploys to, its aws:region as the
// Pulumi CLI reads the stack file (the project's defaults merged in), for the workflows: they take the region
// from the stack, never from a copy of it in the workflow. A stack file with problems, or without aws:region,
// is a config problem.
// Exit codes (scripts/exitCodes.ts): 0 the region is printed; 1 usage or config.
import * as path from "path";
import { failure } from "./awsErrors";
import { CommandSpec, parseFlags } from "./command";
import { CommandResult, runMain } from "./render";
import { CommandError, loadStack, stackFilePath } from "./stackFile";

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
    const stack = loadStack(dir, values.stack as string);
    if (!stack.region)
      throw new CommandError(
        `${path.basename(file)}: sets no aws:region; set it to the region where IAM Identity Center is enabled`,
      );
    // A region's shape only: the workflows write it into $GITHUB_OUTPUT, where a newline would add outputs.
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(stack.region))
      throw new CommandError(
        `${path.basename(file)}: aws:region ${JSON.stringify(stack.region)} is not a region name (e.g. eu-west-1)`,
      );
    return { code: 0, stdout: `${stack.region}\n`, stderr: "" };
  } catch (err) {
    return failure(err, file);
  }
}

if (require.main === module) runMain(runStackRegion);
