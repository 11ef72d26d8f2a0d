// What every command shares around its work: a usage or config failure as a result, the --format flag,
// and the stack files of a directory.
import { readdirSync } from "fs";
import { CommandResult, Format, FORMATS } from "./render";
import { CommandError } from "./stackFile";

/** A failed run: the message on stderr, with its documented exit code. */
export const fail = (message: string, code: number): CommandResult => ({
  code,
  stdout: "",
  stderr: message + "\n",
});

/** The --format value, text when absent; anything else, or one the command does not render, is a usage error. */
export function formatFlag(
  value: string | undefined,
  code?: number,
  allowed: readonly Format[] = FORMATS,
): Format {
  const format = (value ?? "text") as Format;
  if (!allowed.includes(format))
    throw new CommandError(`--format "${value}" is not one of ${allowed.join(", ")}`, code);
  return format;
}

/** The stack files of a directory, for a message that says which stacks exist. */
export const stackFilesIn = (dir: string): string[] =>
  readdirSync(dir).filter((f) => /^Pulumi\.[^.]+\.ya?ml$/.test(f));
