// `npm run plan -- --stack <name> [--format text|markdown|json|csv] [--output <file>]`: what a stack
// declares, offline.
// It reads Pulumi.<stack>.yaml as the engine would, validates it with the component's validation and
// prints the plan the component materializes: no AWS credentials, no Pulumi CLI.
import { execFileSync } from "child_process";
import { existsSync, readFileSync, statSync } from "fs";
import * as path from "path";
import { AdminAccessConfigError, AdminAccessSpec } from "../components/config";
import { diffPlans, diffWarnings, PlanDiff } from "../components/diff";
import {
  administratorPolicyArn,
  AdminAccessPlan,
  COMPONENT_NAME,
  grants,
  partitionOf,
  planAdminAccess,
} from "../components/plan";
import {
  CommandResult,
  csv,
  deliver,
  Format,
  FORMATS,
  md,
  mdTable,
  term,
  wrap,
  runMain,
  shortType,
} from "./render";
import { loadOrganization } from "./orgFile";
import { CommandError, flags, loadStack } from "./stackFile";
import { needsAccountList, resolveTargets } from "../components/targets";

/** The plan as JSON (format version 1): a stable shape that CI can diff between two configs. */
export interface PlanReport {
  version: 1;
  stack: string;
  region: string | null;
  permissionSet: {
    name: string;
    existing: boolean;
    /** Null for an existing set, whose settings and policies are not managed here. */
    sessionDuration: string | null;
    description: string | null;
    relayState: string | null;
    policyArn: string | null;
    tags: Record<string, string>;
    /** The guardrails attached to the set, each a resource; null or empty with an existing set. */
    inlinePolicy: Record<string, unknown> | null;
    customerManagedPolicies: { name: string; path: string }[];
    permissionsBoundary:
      { managedPolicyArn: string } | { customerManagedPolicy: { name: string; path: string } } | null;
    /** How many guardrails: the inline policy, each customer-managed policy and the boundary. */
    guardrails: number;
  };
  group: { displayName: string; description: string | null; existing: boolean };
  usersToCreate: { userName: string; displayName: string; email: string }[];
  existingUsers: string[];
  /** Every admin, with when their access ends and whether it already has (then they hold no access). */
  admins: { userName: string; existing: boolean; expiresAt: string | null; expired: boolean }[];
  /** The management account that the selectors were checked against; null when not known offline. */
  managementAccountId: string | null;
  assignments: {
    accountId: string;
    accountName: string | null;
    /** The selectors that brought the account in, e.g. "accounts" or "organizationalUnits:ou-…". */
    selectedBy: string[];
    principalType: "GROUP";
    group: string;
    permissionSet: string;
    /** The lane the assignment is chained in with assignmentConcurrency; null when independent. */
    lane: number | null;
  }[];
  /** Accounts a selector reached but that were left out, and why. */
  skippedAccounts: { accountId: string; reason: string }[];
  /** One row per admin and target account: who gets administrator access where. */
  accessMatrix: { userName: string; accountId: string; permissionSet: string; expiresAt: string | null }[];
  resources: { type: string; name: string }[];
  resourceCounts: Record<string, number>;
  totalResources: number;
  /** With --against: who gains and loses admin where, and what the change creates, deletes or replaces. */
  diff?: PlanDiff;
  /** With --against: what a reviewer must read first (replacements, admins losing every account). */
  warnings?: string[];
}

export function planReport(
  stack: string,
  region: string | undefined,
  plan: AdminAccessPlan,
  managementAccountId: string | undefined,
): PlanReport {
  const { permissionSet: ps, group } = plan.spec;
  const managed = !ps.existing;
  const resourceCounts: Record<string, number> = {};
  for (const r of plan.resources) resourceCounts[r.type] = (resourceCounts[r.type] ?? 0) + 1;
  return {
    version: 1,
    stack,
    region: region ?? null,
    permissionSet: {
      name: ps.name,
      existing: ps.existing,
      sessionDuration: managed ? ps.sessionDuration : null,
      description: ps.description ?? null,
      relayState: ps.relayState ?? null,
      policyArn: managed ? administratorPolicyArn(partitionOf(region)) : null,
      tags: ps.tags,
      inlinePolicy: ps.inlinePolicy ?? null,
      customerManagedPolicies: ps.customerManagedPolicies,
      permissionsBoundary: ps.permissionsBoundary ?? null,
      guardrails:
        (ps.inlinePolicy ? 1 : 0) + ps.customerManagedPolicies.length + (ps.permissionsBoundary ? 1 : 0),
    },
    group: {
      displayName: group.displayName,
      description: group.description ?? null,
      existing: group.existing,
    },
    usersToCreate: plan.admins.flatMap((a) =>
      a.existing ? [] : [{ userName: a.userName, displayName: a.displayName, email: a.email }],
    ),
    existingUsers: plan.admins.filter((a) => a.existing).map((a) => a.userName),
    managementAccountId: managementAccountId ?? null,
    assignments: plan.assignments.map((a) => ({
      accountId: a.accountId,
      accountName: a.name ?? null,
      selectedBy: a.selectedBy,
      principalType: "GROUP",
      group: group.displayName,
      permissionSet: ps.name,
      lane: a.lane ?? null,
    })),
    skippedAccounts: plan.skipped,
    admins: plan.admins.map((a) => ({
      userName: a.userName,
      existing: a.existing,
      expiresAt: a.expiresAt ?? null,
      expired: a.expired,
    })),
    // An expired admin holds nothing: listed in admins as expired, never in the matrix.
    accessMatrix: grants(plan).map(({ admin, accountId }) => ({
      userName: admin.userName,
      accountId,
      permissionSet: ps.name,
      expiresAt: admin.expiresAt ?? null,
    })),
    resources: plan.resources,
    resourceCounts,
    totalResources: plan.resources.length,
  };
}

const action = (existing: boolean) => (existing ? "existing, looked up" : "create");
/** Up to this many accounts, the matrix is a grid; beyond, it is grouped so that it reads in a terminal. */
const GRID_ACCOUNTS = 12;

/** The admins who hold access, each with its expiry when it has one. */
const adminsOf = (r: PlanReport) =>
  r.admins
    .filter((a) => !a.expired)
    .map((a) => (a.expiresAt ? `${a.userName} (until ${a.expiresAt})` : a.userName))
    .sort();
const expiredOf = (r: PlanReport) =>
  r.admins.filter((a) => a.expired).map((a) => `${a.userName} (expired ${a.expiresAt})`);

/** Said plainly wherever the plan is read: the group may hold more members than admins lists. */
const EXISTING_GROUP_NOTE =
  "The group exists already: every member it has now also gets administrator access wherever it is " +
  "assigned, and those members are not listed here (the stack's unlistedMembers output names them).";

/** The set's guardrails as label and value, for the text and markdown plans. */
function guardrailLines(ps: PlanReport["permissionSet"]): [string, string][] {
  const lines: [string, string][] = [];
  if (ps.guardrails > 0) lines.push(["guardrails", String(ps.guardrails)]);
  if (ps.inlinePolicy) {
    const statements = ([] as unknown[]).concat(ps.inlinePolicy.Statement);
    const effects = statements.map(
      (st) => (st as { Effect?: string; Sid?: string }).Sid ?? (st as { Effect?: string }).Effect,
    );
    lines.push(["inline policy", `${statements.length} statement(s): ${effects.join(", ")}`]);
  }
  for (const ref of ps.customerManagedPolicies) lines.push(["customer policy", `${ref.path}${ref.name}`]);
  const b = ps.permissionsBoundary;
  if (b) {
    lines.push([
      "boundary",
      "managedPolicyArn" in b
        ? b.managedPolicyArn
        : `${b.customerManagedPolicy.path}${b.customerManagedPolicy.name}`,
    ]);
  }
  return lines;
}

const grantText = (g: { userName: string; accountId: string }) => `${g.userName} in ${g.accountId}`;

/** The access diff for a terminal, warnings first. */
function diffText(r: PlanReport): string[] {
  const d = r.diff;
  if (!d) return [];
  const lines = (r.warnings ?? []).map((w) => `WARNING: ${term(w)}`);
  lines.push(`Changes against ${term(d.against)}`);
  const list = (title: string, items: string[]) => {
    lines.push(`  ${title} (${items.length})`);
    lines.push(...wrap(items.map(term), "    "));
  };
  list("admins added", d.adminsAdded);
  list("admins removed", d.adminsRemoved);
  list("accounts added", d.accountsAdded);
  list("accounts removed", d.accountsRemoved);
  list("grants added", d.grantsAdded.map(grantText));
  list("grants removed", d.grantsRemoved.map(grantText));
  list(
    "created",
    d.created.map((c) => `${shortType(c.type)} ${c.name}`),
  );
  list(
    "deleted",
    d.deleted.map((c) => `${shortType(c.type)} ${c.name}`),
  );
  lines.push(`  replaced (${d.replaced.length})`);
  for (const x of d.replaced) lines.push(`    ${shortType(x.type)} ${term(x.name)}: ${term(x.reason)}`);
  return [...lines, ""];
}

/** The access diff for a pull-request comment, warnings first. */
function diffMarkdown(r: PlanReport): string[] {
  const d = r.diff;
  if (!d) return [];
  const cell = (items: string[]) => items.join(", ") || "none";
  return [
    ...(r.warnings ?? []).flatMap((w) => [`> **Warning:** ${md(w)}`, ""]),
    `#### Access changes against ${md(d.against)}`,
    "",
    ...mdTable(
      ["change", "what"],
      [
        ["admins added", cell(d.adminsAdded)],
        ["admins removed", cell(d.adminsRemoved)],
        ["accounts added", cell(d.accountsAdded)],
        ["accounts removed", cell(d.accountsRemoved)],
        ["grants added", cell(d.grantsAdded.map(grantText))],
        ["grants removed", cell(d.grantsRemoved.map(grantText))],
        ["created", cell(d.created.map((c) => `${shortType(c.type)} ${c.name}`))],
        ["deleted", cell(d.deleted.map((c) => `${shortType(c.type)} ${c.name}`))],
      ],
    ),
    "",
    ...(d.replaced.length
      ? [
          "Replaced:",
          "",
          ...mdTable(
            ["resource", "reason"],
            d.replaced.map((x) => [`${shortType(x.type)} ${x.name}`, x.reason]),
          ),
          "",
        ]
      : []),
  ];
}

function renderText(r: PlanReport): string {
  const ps = r.permissionSet;
  const lines = [
    `admin-access plan for stack "${term(r.stack)}"${r.region ? ` (region ${term(r.region)})` : ""}`,
    "",
    ...diffText(r),
    `Permission set   ${term(ps.name)} (${action(ps.existing)})`,
  ];
  if (ps.sessionDuration) lines.push(`  session        ${term(ps.sessionDuration)}`);
  if (ps.policyArn) lines.push(`  policy         ${ps.policyArn}`);
  const tags = Object.entries(ps.tags).map(([k, v]) => `${term(k)}=${term(v)}`);
  if (tags.length > 0) lines.push(`  tags           ${tags.join(", ")}`);
  lines.push(...guardrailLines(ps).map(([label, value]) => `  ${label.padEnd(14)} ${term(value)}`));
  lines.push(`Group            ${term(r.group.displayName)} (${action(r.group.existing)})`);
  if (r.group.existing) lines.push(...wrap(EXISTING_GROUP_NOTE.split(" "), "  ! ", " "));
  lines.push("", `Users to create (${r.usersToCreate.length})`);
  for (const u of r.usersToCreate)
    lines.push(`  ${term(u.userName)}  ${term(u.displayName)} <${term(u.email)}>`);
  lines.push(`Existing users added to the group (${r.existingUsers.length})`);
  for (const u of r.existingUsers) lines.push(`  ${term(u)}`);
  lines.push(
    "",
    `Assignments (${r.assignments.length}): group "${term(r.group.displayName)}" gets ${term(ps.name)} in`,
  );
  for (const a of r.assignments) {
    const name = a.accountName ? `${term(a.accountName)}  ` : "";
    lines.push(`  ${a.accountId}  ${name}(${a.selectedBy.map(term).join(", ")})`);
  }
  if (r.skippedAccounts.length > 0) lines.push(`Left out (${r.skippedAccounts.length})`);
  for (const x of r.skippedAccounts) lines.push(`  ${x.accountId}  ${term(x.reason)}`);
  if (r.managementAccountId === null) {
    lines.push("Management account not checked: pass --org or --management-account (see README).");
  }
  lines.push("", "Access matrix (A = administrator access)");
  const accounts = r.assignments.map((a) => a.accountId);
  const admins = adminsOf(r).map(term);
  if (accounts.length <= GRID_ACCOUNTS) {
    const width = Math.max(5, ...admins.map((a) => a.length));
    lines.push(`  ${"admin".padEnd(width)}  ${accounts.join("  ")}`);
    for (const admin of admins) {
      lines.push(
        `  ${admin.padEnd(width)}  ${accounts.map((a) => "A".padEnd(a.length)).join("  ")}`.trimEnd(),
      );
    }
  } else {
    // Every admin is in the one group, so each holds the same accounts: one group of rows, not a grid.
    lines.push(
      `  ${admins.length} admins, each with administrator access in all ${accounts.length} accounts above:`,
    );
    lines.push(...wrap(admins, "    "));
  }
  const expired = expiredOf(r);
  if (expired.length > 0)
    lines.push(`  Expired, with no access (${expired.length}):`, ...wrap(expired.map(term), "    "));
  lines.push("", `Resources (${r.totalResources})`);
  for (const [type, count] of Object.entries(r.resourceCounts))
    lines.push(`  ${String(count).padStart(5)}  ${shortType(type)}`);
  if (r.usersToCreate.length > 0) {
    lines.push("", 'New users get no invitation email: see the README\'s "First sign-in" section.');
  }
  return lines.join("\n") + "\n";
}

function renderMarkdown(r: PlanReport): string {
  const ps = r.permissionSet;
  const accounts = r.assignments.map((a) => a.accountId);
  const admins = adminsOf(r);
  const tags = Object.entries(ps.tags).map(([k, v]) => `${k}=${v}`);
  return [
    `### admin-access plan: stack ${md(r.stack)}${r.region ? ` (${md(r.region)})` : ""}`,
    "",
    ...diffMarkdown(r),
    ...(r.group.existing ? [`> **Warning:** ${md(EXISTING_GROUP_NOTE)}`, ""] : []),
    ...mdTable(
      ["Setting", "Value"],
      [
        ["Permission set", `${ps.name} (${action(ps.existing)})`],
        ...(ps.sessionDuration ? [["Session duration", ps.sessionDuration]] : []),
        ...(ps.policyArn ? [["Policy", ps.policyArn]] : []),
        ...(tags.length ? [["Tags", tags.join(", ")]] : []),
        ...guardrailLines(ps),
        ["Group", `${r.group.displayName} (${action(r.group.existing)})`],
        ["Users to create", r.usersToCreate.map((u) => u.userName).join(", ") || "none"],
        ["Existing users added", r.existingUsers.join(", ") || "none"],
        ["Resources", `${r.totalResources}`],
      ],
    ),
    "",
    "#### Assignments",
    "",
    ...mdTable(
      ["account", "name", "selected by"],
      r.assignments.map((a) => [a.accountId, a.accountName ?? "", a.selectedBy.join(", ")]),
    ),
    ...(r.skippedAccounts.length
      ? ["", "Left out:", "", ...r.skippedAccounts.map((x) => `- ${x.accountId}: ${md(x.reason)}`)]
      : []),
    ...(r.managementAccountId === null ? ["", "_Management account not checked offline._"] : []),
    "",
    "#### Access matrix",
    "",
    ...(accounts.length <= GRID_ACCOUNTS
      ? mdTable(
          ["admin", ...accounts],
          admins.map((a) => [a, ...accounts.map(() => ps.name)]),
        )
      : [
          `Each of these ${admins.length} admins has ${md(ps.name)} in all ${accounts.length} accounts above:`,
          "",
          admins.map(md).join(", "),
        ]),
    ...(expiredOf(r).length ? ["", `Expired, with no access: ${expiredOf(r).map(md).join(", ")}`] : []),
    "",
    "#### Resources",
    "",
    ...mdTable(
      ["type", "count"],
      Object.entries(r.resourceCounts).map(([t, c]) => [t, `${c}`]),
    ),
    "",
  ].join("\n");
}

/** The access matrix for spreadsheets: one row per admin and account. */
function renderCsv(r: PlanReport): string {
  const names = new Map(r.assignments.map((a) => [a.accountId, a.accountName ?? ""]));
  return csv(
    ["userName", "accountId", "accountName", "permissionSet", "group"],
    r.accessMatrix.map((m) => [
      m.userName,
      m.accountId,
      names.get(m.accountId) ?? "",
      m.permissionSet,
      r.group.displayName,
    ]),
  );
}

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

const USAGE =
  "usage: npm run plan -- --stack <name> [--format text|markdown|json|csv] [--output <file>] " +
  "[--against <git-ref or file>] [--org <file>] [--management-account <id>]";

/** The command, as a function of its arguments and directory, so that tests run it in process. */
export function runPlan(argv: string[], dir: string): CommandResult {
  const fail = (stderr: string, code = 1): CommandResult => ({ code, stdout: "", stderr: stderr + "\n" });
  let values: Record<string, string | undefined>;
  try {
    values = flags(argv, ["stack", "format", "output", "org", "management-account", "against"], USAGE, 2, [
      "stack",
    ]);
  } catch (err) {
    return fail((err as CommandError).message, 2);
  }
  const format = (values.format ?? "text") as Format;
  if (!FORMATS.includes(format))
    return fail(`--format "${values.format}" is not one of ${FORMATS.join(", ")}`, 2);

  try {
    const { stack, file, spec, region } = loadStack(dir, values.stack as string);
    const org = loadOrganization(values.org && path.resolve(dir, values.org), values["management-account"]);
    // Both sides are validated, resolved against the same organization and planned by the same code.
    const planOf = (s: AdminAccessSpec, label: string) => {
      const t = s.targets;
      if (!org.accounts && (t.organizationalUnits.length || needsAccountList(t))) {
        throw new CommandError(
          `${label} selects accounts by organizationalUnits, accountNames or allAccounts, which ` +
            'need the organization: pass --org <file> (see the README\'s "Offline organization file")',
        );
      }
      try {
        return planAdminAccess(COMPONENT_NAME, s, resolveTargets(t, org));
      } catch (err) {
        if (err instanceof AdminAccessConfigError) throw new CommandError(`${label}: ${err.message}`);
        throw err;
      }
    };
    const plan = planOf(spec, path.basename(file));
    const report = planReport(stack, region, plan, org.managementAccountId);
    if (values.against) {
      const [label, text] = readAgainst(dir, values.against, path.basename(file));
      let before: AdminAccessSpec;
      try {
        before = loadStack(dir, values.stack as string, text).spec;
      } catch (err) {
        throw err instanceof CommandError ? new CommandError(`${label}: ${err.message}`) : err;
      }
      report.diff = diffPlans(planOf(before, label), plan, values.against);
      report.warnings = diffWarnings(report.diff, plan);
    }
    return deliver(renderPlan(report, format), values.output && path.resolve(dir, values.output));
  } catch (err) {
    if (err instanceof CommandError) return fail(err.message, err.code);
    if (err instanceof AdminAccessConfigError)
      return fail(`Pulumi.${(values.stack as string).split("/").pop()}.yaml: ${err.message}`);
    throw err;
  }
}

/**
 * The other side of the diff: a file when the path exists, else the same stack file at a git ref
 * (`git show <ref>:./Pulumi.<stack>.yaml`, so `--against origin/main` works in CI).
 */
function readAgainst(dir: string, against: string, stackFile: string): [label: string, text: string] {
  const file = path.resolve(dir, against);
  if (existsSync(file) && statSync(file).isFile()) return [against, readFileSync(file, "utf8")];
  try {
    const text = execFileSync("git", ["show", `${against}:./${stackFile}`], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return [`${against}:${stackFile}`, text];
  } catch (err) {
    const why = String((err as { stderr?: unknown }).stderr ?? (err as Error).message).trim();
    throw new CommandError(`--against ${against}: neither a file nor a git ref with ${stackFile} (${why})`);
  }
}

if (require.main === module) runMain(runPlan);
