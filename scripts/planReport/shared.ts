// What the text and markdown plans share: labels, the matrix's layout threshold, guardrail lines and notes.
import { AccessChange, statementText } from "../../analysis/diff";
import { OWNED_LISTS_NOTE } from "../../components/families/permissionSet";
import { ORGANIZATIONS_PACE, rateFloorSeconds } from "../../components/pacing";
import { PlanReport } from "./report";

export const action = (existing: boolean) => (existing ? "existing, looked up" : "create");
/** Up to this many accounts, the matrix is a grid; beyond, it is grouped so that it reads in a terminal. */
export const GRID_ACCOUNTS = 12;

/** The admins who hold access, each with its expiry when it has one. */
export const adminsOf = (r: PlanReport) =>
  r.admins
    .filter((a) => !a.expired && !a.deferred)
    .map((a) => (a.expiresAt ? `${a.userName} (until ${a.expiresAt})` : a.userName))
    .sort();
export const expiredOf = (r: PlanReport) =>
  r.admins.filter((a) => a.expired).map((a) => `${a.userName} (expired ${a.expiresAt})`);

/**
 * What the plan knows of the existing admins' presence in the identity store: by the org file's record, the
 * deferred ones; without it, that the lookup happens at deploy. Undefined with no existing admin.
 */
export function deferralNote(r: PlanReport): string | undefined {
  if (r.deferredAdmins === null)
    return r.existingUsers.length === 0
      ? undefined
      : "Existing users are looked up at deploy: one the identity store does not hold yet is deferred (no " +
          "group membership until a run finds it). The plan cannot see the directory; `npm run org-snapshot " +
          "-- --stack <name>` records which it holds.";
  if (r.deferredAdmins.length === 0) return undefined;
  return (
    `Deferred, not in the identity store yet by the org file (${r.deferredAdmins.join(", ")}): no group ` +
    "membership and no access until the directory provisions them; the next run after that adds it."
  );
}

/** Said plainly wherever the plan is read: the group may hold more members than admins lists. */
export const EXISTING_GROUP_NOTE =
  "The group exists already: every member it has now also gets administrator access wherever it is " +
  "assigned, and those members are not listed here (the stack's unlistedMembers output names them).";

/** How the set's policies are held, and what a change to the set costs; none for an existing set. */
export function fanoutLines(ps: PlanReport["permissionSet"]): [string, string][] {
  if (!ps.fanout) return [];
  const { accounts, minutes, timeoutMinutes } = ps.fanout;
  return [
    ["policy lists", OWNED_LISTS_NOTE],
    [
      "fan-out",
      `a change reprovisions ${accounts} account(s), about ${minutes} min; waits up to ${timeoutMinutes} min`,
    ],
  ];
}

/** The set's guardrails as label and value, for the text and markdown plans. */
export function guardrailLines(ps: PlanReport["permissionSet"]): [string, string][] {
  const lines: [string, string][] = [];
  if (ps.guardrails > 0) lines.push(["guardrails", String(ps.guardrails)]);
  if (ps.inlinePolicy) {
    // By meaning, never by Sid alone: a Sid "DenyCloudTrailTampering" on an Allow must not read as a deny.
    const statements = ([] as unknown[]).concat(ps.inlinePolicy.Statement) as Record<string, unknown>[];
    lines.push(["inline policy", `${statements.length} statement(s)`]);
    statements.forEach((st, i) =>
      lines.push([
        `  statement ${i + 1}`,
        statementText(st) + (typeof st.Sid === "string" ? ` (Sid ${JSON.stringify(st.Sid)})` : ""),
      ]),
    );
  }
  for (const cut of ps.sessionCuts) {
    lines.push(["session cut", `deny all at ${cut.instant} (inline policy): ${cut.userNames.join(", ")}`]);
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

export const grantText = (g: { userName: string; accountId: string }) => `${g.userName} in ${g.accountId}`;

/** A change as one line of text: what, from what to what, and why. */
export const changeText = (c: AccessChange) =>
  `${c.path}: ${c.old === null ? "(none)" : JSON.stringify(c.old)} -> ${c.new === null ? "(none)" : JSON.stringify(c.new)} (${c.why})`;

/** How many changes of each severity, e.g. "2 critical, 1 high, 0 info". */
export const severityCounts = (changes: AccessChange[]) =>
  (["critical", "high", "info"] as const)
    .map((s) => `${changes.filter((c) => c.severity === s).length} ${s}`)
    .join(", ");
/** The management account's set and break-glass users, apart from the member set, as label and value. */
export function managementLines(r: PlanReport): [string, string][] {
  const m = r.management;
  if (!m) return [];
  return [
    ["Management account", `${m.accountId}: its own set ${m.permissionSet.name}, not the member set`],
    ["Management set session", m.permissionSet.sessionDuration],
    // resources/management.ts attaches AdministratorAccess and the session cuts only: say so, so nobody
    // reads the member set's guardrails into it.
    [
      "Management set policies",
      "AdministratorAccess, and the session cuts below: the member set's inline policy, customer-managed policies and boundary are not on it",
    ],
    ...m.sessionCuts.map((cut): [string, string] => [
      "Management set session cut",
      `deny all at ${cut.instant} (inline policy): ${cut.userNames.join(", ")}`,
    ]),
    ["Break-glass (USER, direct)", m.breakGlass.join(", ") || "none"],
  ];
}

export const protectText = (r: PlanReport) =>
  r.protect ? "on: sets, group, users and break-glass are protected from deletion" : "off";

/** What an `A` in the access matrix means: not administrator access where a set's guardrails take it away. */
export const matrixLegend = (r: PlanReport): string =>
  r.adminAccess.some((a) => a.administrator === false)
    ? "A = assigned, but a set grants no administrator access after its guardrails: see the warnings"
    : "A = administrator access";

type Diff = NonNullable<PlanReport["diff"]>;

/** Which organization each side of the diff was resolved against, in words; empty without --org. */
export function organizationsText(d: Diff): string[] {
  const o = d.organizations;
  if (!o) return [];
  return o.same
    ? [
        `Both sides were resolved against one organization (${o.after}): a name or tag that changed in the ` +
          "organization since shows only against the organization of that time (--against-org <file>, or the " +
          "--org file committed at the --against ref)",
      ]
    : [`The before side was resolved against ${o.before}, this side against ${o.after}`];
}

/** Each accountNames entry with the account it names, before -> after when that differs. */
export const namePinText = (p: { name: string; before: string | null; after: string | null }): string => {
  const [was, now] = [p.before ?? "(not listed)", p.after ?? "(not listed)"];
  const moved = p.before !== null && p.after !== null && p.before !== p.after;
  return `${JSON.stringify(p.name)}: ${was === now ? now : `${was} -> ${now}`}${moved ? " (names another account now: critical)" : ""}`;
};

/**
 * What accountTags costs each run of the program: the component's getResourceTags lookups, one per ACTIVE
 * account, paced; none without accountTags. `pulumi up` runs the program twice (its preview, then the update)
 * unless --skip-preview; the Automation API's up, which pulumi/actions calls (its src/main.ts, stack.up),
 * passes it (@pulumi/pulumi automation/stack.js, `up --yes --skip-preview`).
 */
export function tagLookupLines(r: PlanReport): [string, string][] {
  if (r.tagLookups === 0) return [];
  const seconds = Math.ceil(rateFloorSeconds(r.tagLookups));
  return [
    [
      "Tag lookups",
      `${r.tagLookups} organizations.getResourceTags calls each time the program runs, one per ACTIVE account, ` +
        `at most ${ORGANIZATIONS_PACE.perSecond} a second: about ${seconds} s a run; pulumi up runs it twice ` +
        `(preview, then update: about ${2 * seconds} s) unless --skip-preview`,
    ],
  ];
}
