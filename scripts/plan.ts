// `npm run plan -- --stack <name> [--format text|markdown|json|csv] [--output <file>]`: what a stack
// declares, offline.
// It reads Pulumi.<stack>.yaml as the engine would, validates it with the component's validation and
// prints the plan the component materializes: no AWS credentials, no Pulumi CLI.
// Exit codes (scripts/exitCodes.ts): 0 the plan is printed; 1 usage or config.
import { existsSync, readFileSync, statSync } from "fs";
import * as path from "path";
import { AdminAccessConfigError, AdminAccessSpec } from "../components/config";
import { diffPlans, diffWarnings } from "../analysis/diff";
import { judgeAdminSets } from "../components/iam/adminSets";
import { lockoutProblems } from "../components/lockout";
import {
  AdminAccessPlan,
  COMPONENT_NAME,
  deferredUserNames,
  NONE_ABSENT,
  planAdminAccess,
} from "../components/plan";
import {
  hasTagSelector,
  needsAccountList,
  OrganizationView,
  resolveTargets,
  tagCandidates,
} from "../components/targets";
import { show } from "../components/values";
import { CommandSpec, fail, formatFlag, parseFlags } from "./command";
import { EXIT } from "./exitCodes";
import { loadOrganization, OrgFile } from "./orgFile";
import { againstOrganization, againstOrgUsage } from "./againstOrg";
import { git } from "./git";
import { renderCsv } from "./planReport/csv";
import { renderMarkdown } from "./planReport/markdown";
import { PlanReport, planReport } from "./planReport/report";
import { renderText } from "./planReport/text";
import { CommandResult, deliver, Format, runMain } from "./render";
import { CommandError, loadStack } from "./stackFile";

export { planReport } from "./planReport/report";
export type { PlanReport } from "./planReport/report";

export function renderPlan(report: PlanReport, format: Format): string {
  switch (format) {
    case "json":
      return JSON.stringify(report, null, 2) + "\n";
    case "csv":
      return renderCsv(report);
    case "markdown":
      return renderMarkdown(report);
    case "text":
      return renderText(report);
  }
}

export const PLAN: CommandSpec = {
  name: "plan",
  summary: "What a stack declares and who gets admin where, offline: no AWS credentials, no Pulumi CLI.",
  flags: [
    { name: "stack", value: "<name>", help: "the stack, read from Pulumi.<name>.yaml", required: true },
    { name: "format", value: "<f>", help: "text (default), markdown, json or csv (the access matrix)" },
    { name: "output", value: "<file>", help: "write the report to this file instead of stdout" },
    {
      name: "against",
      value: "<git-ref or file>",
      help: "the access diff against this stack file, or the same stack file at a git ref",
    },
    { name: "org", value: "<file>", help: "the organization file of `npm run org-snapshot`" },
    {
      name: "against-org",
      value: "<file>",
      help: "the organization the --against side is resolved against (default: the --org file at that git ref)",
    },
    { name: "management-account", value: "<id>", help: "the management account's ID, without --org" },
  ],
  exits: ["ok", "usage"],
};

/** The command, as a function of its arguments and directory, so that tests run it in process. */
export function runPlan(argv: string[], dir: string): CommandResult {
  let values: Record<string, string | undefined>;
  let format: Format;
  try {
    values = parseFlags(argv, PLAN);
    format = formatFlag(values.format);
    againstOrgUsage(values);
  } catch (err) {
    return fail((err as CommandError).message, (err as CommandError).code);
  }

  try {
    const { stack, file, spec, region } = loadStack(dir, values.stack as string);
    const org = loadOrganization(values.org && path.resolve(dir, values.org), values["management-account"]);
    // Both sides are validated and planned by the same code, each resolved against its organization.
    const planOf = (s: AdminAccessSpec, label: string, within: OrganizationView = org) => {
      const t = s.targets;
      if (t.includeManagementAccount && !within.managementAccountId) {
        throw new CommandError(
          `${label} sets includeManagementAccount, whose account gets its own permission set: pass --org ` +
            "<file> or --management-account <id>",
        );
      }
      if (!within.accounts && (t.organizationalUnits.length || needsAccountList(t))) {
        throw new CommandError(
          `${label} selects accounts by organizationalUnits, accountNames, accountTags or allAccounts, which ` +
            'need the organization: pass --org <file> (see "Offline organization file" in docs/reviewing-changes.md)',
        );
      }
      // A file from before org-snapshot recorded tags would select no account at all: refused, never empty.
      if (hasTagSelector(t) && tagCandidates(t, within.accounts ?? []).every((a) => a.tags === undefined)) {
        throw new CommandError(
          within === org
            ? `${label} selects accounts by accountTags, but the --org file records no account's tags (it was ` +
                "written before org-snapshot recorded them, or by hand): run `npm run org-snapshot` again"
            : `${label} selects accounts by accountTags, but that organization file records no account's tags: ` +
                "pass --against-org <file> with one that does (or --against-org with the --org file itself)",
        );
      }
      try {
        return planAdminAccess(
          COMPONENT_NAME,
          s,
          resolveTargets(t, within),
          undefined,
          absentFrom(s, org, stack),
        );
      } catch (err) {
        if (err instanceof AdminAccessConfigError) throw new CommandError(`${label}: ${err.message}`);
        throw err;
      }
    };
    const plan = planOf(spec, path.basename(file));
    // Refused as the component refuses it; the side it is compared with was applied already.
    const judged = judgeAdminSets(plan);
    const lockout = lockoutProblems(plan, judged);
    if (lockout.length > 0) throw new AdminAccessConfigError(lockout);
    // What the component will look up on every preview and up: one getResourceTags per candidate account.
    const tagLookups = tagCandidates(spec.targets, org.accounts ?? []).length;
    const report = planReport(stack, region, plan, org.managementAccountId, judged, undefined, tagLookups);
    report.deferredAdmins = deferredOffline(plan, org);
    const unknown = unknownToRecord(spec, org, stack);
    if (unknown.length > 0) report.warnings = [...(report.warnings ?? []), ...unknown];
    if (values.against) {
      const [label, text, commit] = readAgainst(dir, values.against, path.basename(file));
      const flags = {
        org: values.org,
        againstOrg: values["against-org"],
        managementAccount: values["management-account"],
      };
      const orgs = againstOrganization(
        dir,
        flags,
        org,
        commit ? { ref: values.against, hash: commit } : undefined,
      );
      let before: AdminAccessSpec;
      try {
        before = loadStack(dir, values.stack as string, text).spec;
      } catch (err) {
        throw err instanceof CommandError ? new CommandError(`${label}: ${err.message}`) : err;
      }
      const was = planOf(
        before,
        orgs && !orgs.same ? `${label} (resolved against ${orgs.label})` : label,
        orgs?.org,
      );
      report.diff = diffPlans(was, plan, values.against, {
        orgKnown: !!org.accounts,
        stack,
        judged: { before: judgeAdminSets(was), after: judged },
        ...(orgs && {
          organizations: {
            before: orgs.org.accounts,
            after: org.accounts,
            beforeLabel: orgs.label,
            afterLabel: values.org as string,
            same: orgs.same,
          },
        }),
      });
      // A set that grants no admin access is one of the diff's critical lines: said there once.
      const critical = new Set(report.diff.critical);
      report.warnings = [
        ...(report.warnings ?? []).filter((w) => !critical.has(`critical: ${w}`)),
        ...diffWarnings(report.diff, plan),
      ];
    }
    return deliver(renderPlan(report, format), values.output && path.resolve(dir, values.output));
  } catch (err) {
    if (err instanceof CommandError) return fail(err.message, err.code);
    if (err instanceof AdminAccessConfigError)
      return fail(`Pulumi.${(values.stack as string).split("/").pop()}.yaml: ${err.message}`, EXIT.usage);
    throw err;
  }
}

/**
 * The existing admins the org file's identityStore record says the store does not hold: deferred, as the
 * component would defer them. Without the record none is assumed absent (deferredOffline says so).
 */
function absentFrom(spec: AdminAccessSpec, org: OrgFile, stack: string): ReadonlySet<string> {
  const record = org.identityStore;
  if (!record || record.stack !== stack) return NONE_ABSENT;
  // Only a name org-snapshot looked up and did not find is absent; one added since is looked up at deploy.
  const [checked, held] = [record.checked, record.users].map((l) => new Set(l.map((u) => u.toLowerCase())));
  const absent = spec.admins.filter(
    (a) => a.existing && checked.has(a.userName.toLowerCase()) && !held.has(a.userName.toLowerCase()),
  );
  return new Set(absent.map((a) => a.userName));
}

/** What the record cannot say: written for another stack, or existing admins it never looked up. */
function unknownToRecord(spec: AdminAccessSpec, org: OrgFile, stack: string): string[] {
  const record = org.identityStore;
  if (!record) return [];
  if (record.stack !== stack)
    return [
      `the org file's identityStore record was written for stack ${show(record.stack)}, not ${show(stack)}: ` +
        "existing admins are looked up at deploy, and one the identity store does not hold then is deferred",
    ];
  const checked = new Set(record.checked.map((u) => u.toLowerCase()));
  const unchecked = spec.admins.filter((a) => a.existing && !checked.has(a.userName.toLowerCase()));
  return unchecked.length === 0
    ? []
    : [
        `not checked by org-snapshot (${unchecked.map((a) => show(a.userName)).join(", ")}): planned as held; ` +
          "looked up at deploy, and deferred if the identity store does not hold them then",
      ];
}

/** The deferred admins by the record; null without one, when the plan cannot tell. */
const deferredOffline = (plan: AdminAccessPlan, org: OrgFile): string[] | null =>
  org.identityStore ? deferredUserNames(plan.admins) : null;

/**
 * The other side of the diff: a file when the path exists, else the same stack file at a git ref
 * (`git show <ref>:./Pulumi.<stack>.yaml`, so `--against origin/main` works in CI).
 */
function readAgainst(
  dir: string,
  against: string,
  stackFile: string,
): [label: string, text: string, commit?: string] {
  // A ref that starts with "-" would be read by git as an option (--output=…); refused, then resolved to a
  // commit with --end-of-options so that nothing in it is an option.
  if (against.startsWith("-"))
    throw new CommandError(`--against ${against}: a git ref or file may not start with "-"`, EXIT.usage);
  const file = path.resolve(dir, against);
  const isFile = existsSync(file) && statSync(file).isFile();
  const ref = refNamed(dir, against);
  // A pull request can add a file named like the ref it is compared with, or push a tag named like the base
  // branch (git prefers refs/tags over refs/remotes): either would replace the side the diff is read against.
  if (isFile && ref.commit) {
    throw new CommandError(
      `--against ${against}: names both a file and a git ref (${ref.commit.slice(0, 12)}); write ` +
        `./${against} for the file, or the ref's full name (refs/remotes/…, refs/heads/…) for the ref`,
      EXIT.usage,
    );
  }
  if (isFile) return [against, readFileSync(file, "utf8")];
  if (ref.ambiguous.length > 1) {
    throw new CommandError(
      `--against ${against}: git reads it as any of ${ref.ambiguous.join(", ")}; name the one you mean in full`,
      EXIT.usage,
    );
  }
  if (!ref.commit)
    throw new CommandError(
      `--against ${against}: neither a file nor a git ref with ${stackFile} (${ref.why})`,
    );
  try {
    const text = git(dir, ["show", `${ref.commit}:./${stackFile}`]);
    return [`${against}@${ref.commit.slice(0, 12)}:${stackFile}`, text, ref.commit];
  } catch (err) {
    const why = String((err as { stderr?: unknown }).stderr ?? (err as Error).message).trim();
    throw new CommandError(`--against ${against}: neither a file nor a git ref with ${stackFile} (${why})`);
  }
}

/**
 * The commit a ref names, and every ref of that short name, in the order git's rev-parse tries them
 * (gitrevisions(7): refs/<name>, refs/tags/, refs/heads/, refs/remotes/, refs/remotes/<name>/HEAD), so that an
 * ambiguous name is refused whatever core.warnAmbiguousRefs says.
 */
function refNamed(dir: string, name: string): { commit?: string; ambiguous: string[]; why: string } {
  let refs: string[] = [];
  try {
    refs = git(dir, ["show-ref"])
      .split("\n")
      .map((line) => line.split(" ")[1])
      .filter(Boolean);
  } catch {
    // No refs at all (or not a repository): rev-parse below says why.
  }
  const full = [
    `refs/${name}`,
    `refs/tags/${name}`,
    `refs/heads/${name}`,
    `refs/remotes/${name}`,
    `refs/remotes/${name}/HEAD`,
  ];
  const ambiguous = full.filter((r) => refs.includes(r));
  try {
    const commit = git(dir, ["rev-parse", "--verify", "--end-of-options", `${name}^{commit}`]).trim();
    return { commit, ambiguous, why: "" };
  } catch (err) {
    return { ambiguous, why: String((err as { stderr?: unknown }).stderr ?? (err as Error).message).trim() };
  }
}

if (require.main === module) runMain(runPlan);
