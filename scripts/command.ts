// What every command shares around its work: its usage (every flag, the exit codes) and --help, a usage or
// config failure as a result, the --format flag, and the stack files of a directory.
import { readdirSync } from "fs";
import { parseArgs } from "util";
import { EXIT, EXIT_TABLE, ExitName } from "./exitCodes";
import { CommandResult, Format, FORMATS } from "./render";
import { CommandError } from "./stackFile";

export interface Flag {
  name: string;
  /** The value's placeholder, e.g. `<name>`. */
  value: string;
  help: string;
  required?: boolean;
}

/** A command as its --help describes it: every flag it reads and the exit codes it can end with. */
export interface CommandSpec {
  name: string;
  summary: string;
  flags: readonly Flag[];
  exits: readonly ExitName[];
}

/** The flags the live commands share: the AWS they read, as `pulumi up` would, unless overridden. */
export const AWS_FLAGS: readonly Flag[] = [
  {
    name: "profile",
    value: "<p>",
    help: "the AWS profile, instead of the stack's aws:profile (else the SDK's default chain)",
  },
  {
    name: "region",
    value: "<r>",
    help: "the region of IAM Identity Center, instead of the stack's aws:region (else AWS_REGION)",
  },
];

const HELP: Flag = { name: "help", value: "", help: "print this help and exit 0" };

/** The command's usage: its synopsis, every flag, and the exit codes it can end with. */
export function usage(spec: CommandSpec): string {
  const synopsis = spec.flags
    .map((f) => (f.required ? `--${f.name} ${f.value}` : `[--${f.name}${f.value ? ` ${f.value}` : ""}]`))
    .join(" ");
  const all = [...spec.flags, HELP];
  const left = (f: Flag) => `--${f.name}${f.value ? ` ${f.value}` : ""}`;
  const width = Math.max(...all.map((f) => left(f).length));
  return [
    `usage: npm run ${spec.name} -- ${synopsis}`,
    "",
    spec.summary,
    "",
    ...all.map((f) => `  ${left(f).padEnd(width)}  ${f.help}${f.required ? " (required)" : ""}`),
    "",
    "exit codes:",
    ...EXIT_TABLE.filter((e) => spec.exits.includes(e.name)).map((e) => `  ${e.code}  ${e.meaning}`),
    "",
  ].join("\n");
}

/**
 * A command's string flags. --help (or -h) is a CommandError with the usage and code 0, which `fail` prints
 * on stdout; an unknown option or a missing required flag is one with the usage and the usage code.
 */
export function parseFlags(argv: string[], spec: CommandSpec): Record<string, string | undefined> {
  const options = {
    ...Object.fromEntries(spec.flags.map((f) => [f.name, { type: "string" as const }])),
    help: { type: "boolean" as const, short: "h" },
  };
  // --help wins over anything else on the line, an unknown option included (a flag's value is not --help).
  if (parseArgs({ args: argv, options, strict: false }).values.help === true)
    throw new CommandError(usage(spec), EXIT.ok);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options }).values;
  } catch (err) {
    throw new CommandError(`${(err as Error).message}\n${usage(spec)}`, EXIT.usage);
  }
  for (const f of spec.flags)
    if (f.required && !values[f.name])
      throw new CommandError(`--${f.name} is required\n${usage(spec)}`, EXIT.usage);
  delete values.help;
  return values as Record<string, string | undefined>;
}

/** A finished run: the message on stderr with its documented exit code, or the help on stdout with 0. */
export const fail = (message: string, code: number): CommandResult =>
  code === EXIT.ok
    ? { code, stdout: message.endsWith("\n") ? message : message + "\n", stderr: "" }
    : { code, stdout: "", stderr: message + "\n" };

/** The --format value, text when absent; anything else, or one the command does not render, is a usage error. */
export function formatFlag(value: string | undefined, allowed: readonly Format[] = FORMATS): Format {
  const format = (value ?? "text") as Format;
  if (!allowed.includes(format))
    throw new CommandError(`--format "${value}" is not one of ${allowed.join(", ")}`, EXIT.usage);
  return format;
}

/** The stack files of a directory, for a message that says which stacks exist. */
export const stackFilesIn = (dir: string): string[] =>
  readdirSync(dir).filter((f) => /^Pulumi\.[^.]+\.ya?ml$/.test(f));
