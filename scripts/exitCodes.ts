// The one exit-code contract of every command (plan, adopt, audit, drift, org-snapshot), written once: the
// commands exit with these names only, their --help and the table in docs/commands.md are generated from or checked
// against this module. 2 (drift, as `terraform plan -detailed-exitcode`) and 3 (the audit's critical or high
// findings) were promised before this contract and are kept; an AWS or read failure, 2 in some commands and
// 3 in drift before, is 4 everywhere.
export const EXIT = {
  /** Done, nothing to report: the report is clean or the file is written. */
  ok: 0,
  /** A usage or config problem: an unknown or missing flag, a bad stack file, a config that does not fit the organization. */
  usage: 1,
  /** drift: AWS differs from what `pulumi up` would make of the stack. */
  drift: 2,
  /** audit: at least one critical or high finding. */
  findings: 3,
  /** An AWS or read failure: no credentials, access denied, no Identity Center instance, an answer that is not AWS's. */
  aws: 4,
} as const;

export type ExitName = keyof typeof EXIT;
export type ExitCode = (typeof EXIT)[ExitName];

/** What each code means, in the words of docs/commands.md's table and of every command's --help. */
export const EXIT_MEANING: Record<ExitName, string> = {
  ok: "clean: no drift, no critical or high finding, the file is written",
  usage: "usage or config problem (an unknown option, a missing flag, every problem of the stack file)",
  drift: "drift: AWS differs from what `pulumi up` would make of the stack (`drift`)",
  findings: "at least one critical or high finding (`audit`)",
  aws: "AWS or read failure: no credentials, access denied, no Identity Center instance, throttled to the end",
};

/** The codes in order, for docs/commands.md's table and for --help. */
export const EXIT_TABLE: { code: ExitCode; name: ExitName; meaning: string }[] = (
  Object.keys(EXIT) as ExitName[]
).map((name) => ({ code: EXIT[name], name, meaning: EXIT_MEANING[name] }));
