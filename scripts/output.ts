// Where a command writes its report: never over the project's or a stack's own file, never half a file.
import { randomBytes } from "crypto";
import { lstatSync, renameSync, rmSync, writeFileSync } from "fs";
import * as path from "path";
import { visible } from "../components/config";
import { CommandError } from "./stackFile";

/** Pulumi.yaml (or .yml) and every Pulumi.<stack>.yaml, in any case: a case-insensitive disk has one file. */
const PULUMI_FILE = /^pulumi(\..+)?\.ya?ml$/i;

/** Why a path may not be a command's output, or undefined when it may. */
export function outputProblem(file: string): string | undefined {
  const name = path.basename(file);
  if (PULUMI_FILE.test(name)) {
    return `${name} is the Pulumi project's or a stack's own file, which a report must not replace; write it elsewhere`;
  }
  let found;
  try {
    found = lstatSync(file);
  } catch {
    return undefined; // nothing there yet: the write says whether it can be made
  }
  if (found.isDirectory()) return "is a directory; name a file in it";
  // The write renames a new file over the target: over a link it would replace the link (and never write
  // what it points at), over a device such as /dev/stdout it would replace the device node.
  if (found.isSymbolicLink()) return "is a symbolic link; name the file itself";
  if (!found.isFile()) {
    return "is not a regular file (a device, pipe or socket); to print the report, leave out --output";
  }
  return undefined;
}

/**
 * Refuses a target that may not be written, as writeOutput would: the live commands call it before they read
 * AWS, so that a slip in --output does not cost a whole read of the organization first.
 */
export function checkOutput(file: string | undefined, usageCode = 1): void {
  const problem = file === undefined ? undefined : outputProblem(file);
  if (problem) throw new CommandError(`--output ${visible(file as string)}: ${problem}`, usageCode);
}

/** A failed write in a few words, by the system's error code. */
const REASONS: Record<string, string> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of its path is not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the disk",
  EDQUOT: "the disk quota is used up",
  EISDIR: "is a directory; name a file in it",
};

/**
 * Writes `text` to `file` atomically: a temporary file in the same folder, then a rename over the target,
 * so that a reader never sees half a report and a failed write leaves the old file whole. Every refusal or
 * failure is a one-line CommandError with `usageCode`, never a stack trace.
 */
export function writeOutput(file: string, text: string, usageCode = 1): void {
  const where = `--output ${visible(file)}`;
  checkOutput(file, usageCode);
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    const code = String((err as NodeJS.ErrnoException).code ?? "");
    const reason = Object.prototype.hasOwnProperty.call(REASONS, code)
      ? REASONS[code]
      : (err as Error).message.split("\n")[0];
    throw new CommandError(`${where}: cannot write it: ${reason}${code ? ` (${code})` : ""}`, usageCode);
  }
}
