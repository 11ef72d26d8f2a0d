// The one renderer of every command's report: text for a terminal, markdown for a pull-request comment,
// JSON and CSV for machines and spreadsheets. Every value that came from config, a file or AWS goes through
// these escapes, so nothing a config contains can rewrite or hide what a reviewer reads.
import { visible } from "../components/config";
import { writeOutput } from "./output";

export const FORMATS = ["text", "markdown", "json", "csv"] as const;
export type Format = (typeof FORMATS)[number];

/** A type token's last part, for a report: `aws:identitystore/user:User` is `User`. */
export const shortType = (type: string): string => type.split(":").pop() ?? type;

/** A value for a terminal: control and invisible characters (ESC, newline, bidi overrides) escaped. */
export const term = (value: string): string => visible(value);

/**
 * What GitHub would turn into a mention or a link in a comment: `@user`, `@org/team` and emails (an `@`), URLs
 * (`scheme://`, `www.`) and issue references (`#1`, `GH-1`, not an entity's `&#97;`). Each such whitespace-delimited run is shown as code,
 * where GitHub makes neither (its mention filter skips code; GFM's autolinks are not found in code spans).
 */
const LINKY = /(\S*(?:@|:\/\/|www\.|(?<![&\w])#\d|\bGH-\d)\S*)/i;

/** A code span that holds `text` literally: its fence is longer than any run of backticks inside. */
function codeSpan(text: string): string {
  const fence = "`".repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  const pad = /^`|`$/.test(text) ? " " : "";
  // A pipe would still end a table cell: GFM reads `\|` as a pipe inside a code span in a table.
  return `${fence}${pad}${text.replace(/\|/g, "\\|")}${pad}${fence}`;
}

/**
 * A value for markdown: hidden characters escaped, then every character that markdown or HTML would read as
 * syntax (a `|` ends a table cell, a backtick opens code, `<` opens HTML, `&` an entity: `&#97;lice` would
 * render as alice) backslash-escaped; what GitHub would make a mention or a link is shown as code instead
 * (a backslash does not stop either: GitHub finds them in the rendered text).
 */
export const md = (value: string): string =>
  visible(value)
    .split(LINKY)
    .map((part, i) => (i % 2 === 1 ? codeSpan(part) : escapeMarkdown(part, i === 0)))
    .join("");

function escapeMarkdown(text: string, first: boolean): string {
  const escaped = text.replace(/[\\`|<>*_[\]#~!&]/g, (c) => `\\${c}`);
  // A leading -, + or = starts a list or a heading underline; "1." an ordered list.
  return first ? escaped.replace(/^([-+=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2") : escaped;
}

/** A markdown table; every cell is escaped here. */
export function mdTable(head: string[], rows: string[][]): string[] {
  const row = (cells: string[]) => `| ${cells.map(md).join(" | ")} |`;
  return [row(head), `| ${head.map(() => "---").join(" | ")} |`, ...rows.map(row)];
}

/**
 * CSV (RFC 4180): hidden characters escaped as in text (a bidi override or a zero-width space would reorder
 * or hide a cell); a field with a comma, quote or line break is quoted; one a spreadsheet would run as a
 * formula (leading =, +, -, @) is prefixed with an apostrophe.
 */
export function csv(head: string[], rows: string[][]): string {
  const field = (raw: string) => {
    const value = visible(raw);
    const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [head, ...rows].map((cells) => cells.map(field).join(",")).join("\r\n") + "\r\n";
}

/** Items joined by `separator` and wrapped to a terminal's width, each line indented. */
export function wrap(items: string[], indent = "  ", separator = ", ", width = 100): string[] {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    if (line && indent.length + line.length + separator.length + item.length > width) {
      lines.push(indent + line.trimEnd());
      line = "";
    }
    line = line ? `${line}${separator}${item}` : item;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** What a command prints or writes, and its exit code. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The rendered report to stdout, or to `--output <file>` with one line on stderr saying so. A file that
 * cannot or may not be written is a CommandError with the command's usage-error code (scripts/output.ts).
 */
export function deliver(
  rendered: string,
  output: string | undefined,
  code = 0,
  usageCode = 1,
): CommandResult {
  if (!output) return { code, stdout: rendered, stderr: "" };
  writeOutput(output, rendered, usageCode);
  return { code, stdout: "", stderr: `wrote ${output}\n` };
}

/** Runs a command as a program: its output to stdout and stderr, its code as the process's exit code. */
export function runMain(run: (argv: string[], dir: string) => CommandResult | Promise<CommandResult>): void {
  void Promise.resolve(run(process.argv.slice(2), process.cwd())).then((result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.code;
  });
}
