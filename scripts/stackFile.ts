// A stack file read as `pulumi up` would read it, for every command: the CLI's own rules first, then the
// program's validation, every problem at once, each led by the file's name.
import { existsSync, readdirSync, readFileSync } from "fs";
import * as path from "path";
import { AdminAccessConfigError, AdminAccessSpec, validateConfig } from "../components/config";
import { engineConfig, parseProject, stackSettings } from "../components/stackConfig";

/** A problem a command reports and exits with; `code` is the command's documented exit code. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

export interface StackFile {
  /** The short stack name: a fully qualified org/project/stack keeps its settings in Pulumi.<stack>.yaml. */
  stack: string;
  file: string;
  spec: AdminAccessSpec;
  /** The stack's aws:region, when it sets one. */
  region?: string;
  /** Every key as the engine reads the file (objects as JSON): the provider's aws:* settings among them. */
  config: Record<string, string>;
  /** Keys holding an encrypted (secure:) value, which offline reading leaves empty. */
  secretKeys: string[];
}

/** The file that holds a stack's settings, whether or not it exists. */
export function stackFilePath(dir: string, stackName: string): string {
  return path.join(dir, `Pulumi.${stackName.split("/").pop()}.yaml`);
}

/** A stack file's text as the engine reads it, and as the program validates it: the spec, or every problem. */
export interface CheckedStack {
  config: Record<string, string>;
  secretKeys: string[];
  problems: string[];
  spec?: AdminAccessSpec;
}

/** The engine's view of a stack file's text and every problem the CLI or the program would raise. */
export function checkStackText(dir: string, stack: string, text: string): CheckedStack {
  const project = parseProject(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
  const engine = engineConfig(project, text, stack);
  const problems = [...engine.ambiguous, ...engine.problems];
  if (project.stackConfigDir) {
    // The CLI would read another file than the one given here: planning this one could show other access.
    problems.push(
      `Pulumi.yaml: stackConfigDir is ${JSON.stringify(project.stackConfigDir)}, so the Pulumi CLI reads this ` +
        `stack's config from ${path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`)}; this command reads ` +
        "stack files beside Pulumi.yaml only, and plans nothing rather than the wrong file",
    );
  }
  if (engine.environment) {
    problems.push(
      "environment: the stack imports a Pulumi ESC environment, whose values only the Pulumi CLI can " +
        "resolve; planning without them could show access that is not what runs, so nothing is planned " +
        "(run `pulumi preview`)",
    );
  }
  for (const key of engine.secretKeys.filter((k) => k.startsWith(`${project.name}:`))) {
    problems.push(
      `${key}: is encrypted (secure:), and this offline command cannot read secrets; run \`pulumi preview\``,
    );
  }
  const { settings, slips } = stackSettings(engine.config, project.name, []);
  problems.push(...slips);
  try {
    const spec = validateConfig(settings);
    const read = { config: engine.config, secretKeys: engine.secretKeys };
    return problems.length === 0 ? { ...read, problems, spec } : { ...read, problems };
  } catch (err) {
    if (!(err instanceof AdminAccessConfigError)) throw err;
    return { config: engine.config, secretKeys: engine.secretKeys, problems: [...problems, ...err.problems] };
  }
}

/** Reads and validates a stack's file; a CommandError (exit 1) lists every problem. */
export function loadStack(dir: string, stackName: string, text?: string): StackFile {
  const file = stackFilePath(dir, stackName);
  const name = path.basename(file);
  if (text === undefined) {
    if (!existsSync(file)) {
      const found = readdirSync(dir).filter((f) => /^Pulumi\.[^.]+\.ya?ml$/.test(f));
      throw new CommandError(
        `no stack file ${name} in ${dir}; stack files here: ${found.join(", ") || "none"}`,
      );
    }
    text = readFileSync(file, "utf8");
  }
  const stack = path.basename(file).slice("Pulumi.".length, -".yaml".length);
  let checked: CheckedStack;
  try {
    checked = checkStackText(dir, stack, text);
  } catch (err) {
    throw new CommandError(`${name}: ${(err as Error).message}`);
  }
  if (!checked.spec) {
    throw new CommandError(`${name}: ${new AdminAccessConfigError(checked.problems).message}`);
  }
  return {
    stack,
    file,
    spec: checked.spec,
    region: checked.config["aws:region"] || undefined,
    config: checked.config,
    secretKeys: checked.secretKeys,
  };
}
