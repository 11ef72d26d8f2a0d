// The access changes between two plans of one stack, field by field and ranked, pure: every change to who can
// do what, where, until when, or who receives credentials, so that a reviewer sees each one (issue #22).
// `critical` widens access or hands it to someone else; `high` changes it in a way to read closely; `info`
// narrows it or changes only how it reads. Other checks (lockout, fan-out) append their lines with addChange.
import { AdminAccessPlan } from "../../components/plan";
import { AdminSpec, BoundarySpec, PolicyReference } from "../../components/spec";
import { durationSeconds } from "../../components/validation/formats";
import { ownValue } from "../../components/values";

export type Severity = "critical" | "high" | "info";

export interface AccessChange {
  severity: Severity;
  /** The config field, e.g. `admins[alice].email` or `permissionSet.inlinePolicy.Statement[DenyTrail]`. */
  path: string;
  /** The value before and after, as text; null when absent on that side. */
  old: string | null;
  new: string | null;
  why: string;
}

const RANK: Record<Severity, number> = { critical: 0, high: 1, info: 2 };

/** Appends a change, keeping the list critical first (stable within a severity). */
export function addChange(changes: AccessChange[], change: AccessChange): void {
  changes.push(change);
  changes.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const json = (v: unknown) => JSON.stringify(v);

/** A policy statement by meaning: effect, actions, resources and condition, never its Sid alone. */
export function statementText(st: Record<string, unknown>): string {
  const actions =
    st.NotAction !== undefined
      ? `every action except ${list(st.NotAction).join(", ")}`
      : list(st.Action).join(", ");
  const resources =
    st.NotResource !== undefined
      ? `every resource except ${list(st.NotResource).join(", ")}`
      : list(st.Resource).join(", ");
  const principal = st.Principal !== undefined ? ` for ${json(st.Principal)}` : "";
  const condition = st.Condition !== undefined ? ` when ${json(st.Condition)}` : "";
  return `${String(st.Effect)} ${actions} on ${resources}${principal}${condition}`;
}

const statementsOf = (policy: Record<string, unknown> | undefined) =>
  list(policy?.Statement).map((st, i) => {
    const s = st as Record<string, unknown>;
    return { key: typeof s.Sid === "string" && s.Sid ? s.Sid : `#${i}`, st: s };
  });

/** Inline policy statements, matched by Sid (by position when they have none). */
function statementChanges(before?: Record<string, unknown>, after?: Record<string, unknown>): AccessChange[] {
  const out: AccessChange[] = [];
  const was = new Map(statementsOf(before).map((x) => [x.key, x.st]));
  const now = new Map(statementsOf(after).map((x) => [x.key, x.st]));
  const at = (key: string) => `permissionSet.inlinePolicy.Statement[${key}]`;
  for (const [key, st] of was) {
    const next = now.get(key);
    if (!next) {
      out.push({
        severity: st.Effect === "Deny" ? "critical" : "info",
        path: at(key),
        old: statementText(st),
        new: null,
        why: st.Effect === "Deny" ? "a guardrail (a Deny) is removed" : "an Allow statement is removed",
      });
      continue;
    }
    if (json(st) === json(next)) continue;
    const parts = [
      "Effect",
      "Action",
      "NotAction",
      "Resource",
      "NotResource",
      "Principal",
      "Condition",
    ].filter((k) => json(st[k]) !== json(next[k]));
    const flipped = st.Effect === "Deny" && next.Effect !== "Deny";
    const denyNarrowed =
      st.Effect === "Deny" &&
      parts.some((k) => k !== "Action" || list(st.Action).some((a) => !list(next.Action).includes(a)));
    out.push({
      severity: flipped || denyNarrowed ? "critical" : next.Effect === "Allow" ? "high" : "info",
      path: at(key),
      old: statementText(st),
      new: statementText(next),
      why: flipped
        ? `a guardrail flips from Deny to ${String(next.Effect)}: what it denied is allowed`
        : `${parts.join(", ") || "Sid"} changed` +
          (denyNarrowed
            ? ": the guardrail may deny less (fewer actions, other resources or conditions)"
            : ""),
    });
  }
  for (const [key, st] of now) {
    if (was.has(key)) continue;
    out.push({
      severity: st.Effect === "Deny" ? "info" : "high",
      path: at(key),
      old: null,
      new: statementText(st),
      why: st.Effect === "Deny" ? "a guardrail (a Deny) is added" : "an Allow statement is added",
    });
  }
  return out;
}

const refText = (r: PolicyReference) => `${r.path}${r.name}`;
const boundaryText = (b?: BoundarySpec) =>
  !b
    ? null
    : "managedPolicyArn" in b
      ? b.managedPolicyArn
      : `customer-managed ${refText(b.customerManagedPolicy)}`;

/** A field compared as text: no entry when equal. */
function field(
  out: AccessChange[],
  path: string,
  old: string | undefined | null,
  now: string | undefined | null,
  severity: Severity,
  why: string,
) {
  if ((old ?? null) !== (now ?? null)) out.push({ severity, path, old: old ?? null, new: now ?? null, why });
}

/** Set members gained or lost, each a line: gaining is `gain`, losing `lose`. */
function members(
  out: AccessChange[],
  path: string,
  before: string[],
  after: string[],
  gain: [Severity, string],
  lose: [Severity, string],
) {
  for (const x of after.filter((v) => !before.includes(v)))
    out.push({ severity: gain[0], path, old: null, new: x, why: gain[1] });
  for (const x of before.filter((v) => !after.includes(v)))
    out.push({ severity: lose[0], path, old: x, new: null, why: lose[1] });
}

/** A session duration changed: longer is `high`, shorter `info`. */
function sessionLength(out: AccessChange[], path: string, old: string, now: string, what: string) {
  const seconds = (d: string) => durationSeconds(d) ?? 0;
  const longer = seconds(now) > seconds(old);
  field(out, path, old, now, longer ? "high" : "info", `${what} ${longer ? "last longer" : "end sooner"}`);
}

const later = (a?: string, b?: string) => (a === undefined ? false : b === undefined ? true : b > a);

function adminChanges(out: AccessChange[], before: AdminSpec[], after: AdminSpec[]) {
  const was = new Map(before.map((a) => [a.userName, a]));
  const now = new Set(after.map((a) => a.userName));
  for (const a of after) {
    const at = `admins[${a.userName}]`;
    const b = was.get(a.userName);
    if (!b) {
      out.push({
        severity: "critical",
        path: at,
        old: null,
        new: a.existing ? "existing user" : `new user <${a.email}>`,
        why: `${a.userName} becomes an administrator${a.expiresAt ? ` until ${a.expiresAt}` : ", with no end"}`,
      });
      continue;
    }
    if (later(b.expiresAt, a.expiresAt) || (b.expiresAt !== undefined && a.expiresAt === undefined)) {
      field(
        out,
        `${at}.expiresAt`,
        b.expiresAt,
        a.expiresAt,
        "critical",
        a.expiresAt ? "the admin's access is extended" : "the admin's access no longer ends",
      );
    } else {
      field(out, `${at}.expiresAt`, b.expiresAt, a.expiresAt, "info", "the admin's access ends sooner");
    }
    if (b.existing !== a.existing) {
      out.push({
        severity: a.existing ? "critical" : "high",
        path: `${at}.existing`,
        old: String(b.existing),
        new: String(a.existing),
        why: a.existing
          ? "whoever already holds this user name in the identity store gets administrator access; the user created here is deleted"
          : "a user is created under a name that was looked up",
      });
    }
    if (b.existing && !a.existing) {
      field(
        out,
        `${at}.email`,
        null,
        a.email,
        "critical",
        "a user is created with this address: its sign-in and password-reset mail go there",
      );
    }
    if (!a.existing && !b.existing) {
      field(
        out,
        `${at}.email`,
        b.email,
        a.email,
        "critical",
        "the sign-in and password-reset mail goes to another address: whoever reads it can take the account",
      );
      for (const k of ["displayName", "givenName", "familyName", "nickname", "title"] as const)
        field(
          out,
          `${at}.${k}`,
          b[k],
          a[k],
          k === "displayName" ? "high" : "info",
          "how the admin is shown changes",
        );
    }
  }
  for (const b of before.filter((x) => !now.has(x.userName)))
    out.push({
      severity: "info",
      path: `admins[${b.userName}]`,
      old: b.existing ? "existing user" : `user <${b.email}>`,
      new: null,
      why: `${b.userName} is no longer an administrator`,
    });
}

export interface ChangeContext {
  /** Whether the selectors were resolved against an organization file (--org). */
  orgKnown: boolean;
}

/** Every access-relevant change from `before` to `after`, critical first. */
export function accessChanges(
  before: AdminAccessPlan,
  after: AdminAccessPlan,
  ctx: ChangeContext,
): AccessChange[] {
  const out: AccessChange[] = [];
  const [b, a] = [before.spec, after.spec];
  field(
    out,
    "instanceArn",
    b.instanceArn,
    a.instanceArn,
    "critical",
    "another Identity Center instance: access is granted in whatever organization it belongs to",
  );
  field(
    out,
    "identityStoreId",
    b.identityStoreId,
    a.identityStoreId,
    "critical",
    "another identity store: the admins are looked up and created among other people",
  );
  field(
    out,
    "accessPortalUrl",
    b.accessPortalUrl,
    a.accessPortalUrl,
    "critical",
    "the sign-in link admins are sent: a link elsewhere is a phishing link",
  );

  const [bp, ap] = [b.permissionSet, a.permissionSet];
  field(
    out,
    "permissionSet.existing",
    String(bp.existing),
    String(ap.existing),
    ap.existing ? "critical" : "high",
    ap.existing
      ? "the set is looked up: its policies and guardrails are whatever it holds, unreviewed here"
      : "the set is created and managed here",
  );
  field(out, "permissionSet.name", bp.name, ap.name, "high", "another permission set is assigned");
  field(
    out,
    "permissionSet.relayState",
    bp.relayState,
    ap.relayState,
    "critical",
    "where the console sends admins after sign-in: a URL elsewhere is a phishing link",
  );
  if (!bp.existing || !ap.existing) {
    sessionLength(out, "permissionSet.sessionDuration", bp.sessionDuration, ap.sessionDuration, "sessions");
  }
  field(out, "permissionSet.description", bp.description, ap.description, "info", "the set's description");
  for (const k of new Set([...Object.keys(bp.tags), ...Object.keys(ap.tags)]))
    field(
      out,
      `permissionSet.tags[${k}]`,
      ownValue(bp.tags, k),
      ownValue(ap.tags, k),
      "info",
      "a tag of the set",
    );
  out.push(...statementChanges(bp.inlinePolicy, ap.inlinePolicy));
  members(
    out,
    "permissionSet.customerManagedPolicies",
    bp.customerManagedPolicies.map(refText),
    ap.customerManagedPolicies.map(refText),
    ["high", "a customer-managed policy is attached: what it allows is defined in each account, not here"],
    ["critical", "a customer-managed policy is detached: a guardrail it held is removed"],
  );
  field(
    out,
    "permissionSet.permissionsBoundary",
    boundaryText(bp.permissionsBoundary),
    boundaryText(ap.permissionsBoundary),
    ap.permissionsBoundary ? (bp.permissionsBoundary ? "critical" : "info") : "critical",
    ap.permissionsBoundary
      ? bp.permissionsBoundary
        ? "the boundary is replaced: it may allow more"
        : "a boundary is added"
      : "the boundary is removed: nothing caps what the set allows",
  );

  members(
    out,
    "breakGlass.users",
    b.breakGlass,
    a.breakGlass,
    ["critical", "gets AdministratorAccess directly on the management account (a USER assignment)"],
    ["info", "loses the break-glass assignment on the management account"],
  );
  const [bm, am] = [b.managementPermissionSet, a.managementPermissionSet];
  field(
    out,
    "managementPermissionSet.name",
    bm.name,
    am.name,
    "high",
    "another set on the management account",
  );
  sessionLength(
    out,
    "managementPermissionSet.sessionDuration",
    bm.sessionDuration,
    am.sessionDuration,
    "management-account sessions",
  );
  field(
    out,
    "managementPermissionSet.description",
    bm.description,
    am.description,
    "info",
    "the set's description",
  );
  for (const k of new Set([...Object.keys(bm.tags), ...Object.keys(am.tags)]))
    field(
      out,
      `managementPermissionSet.tags[${k}]`,
      ownValue(bm.tags, k),
      ownValue(am.tags, k),
      "info",
      "a tag of the set",
    );

  field(
    out,
    "group.existing",
    String(b.group.existing),
    String(a.group.existing),
    a.group.existing ? "critical" : "high",
    a.group.existing
      ? "the group is looked up: every member it has now gets administrator access, unlisted here"
      : "the group is created here",
  );
  field(
    out,
    "group.displayName",
    b.group.displayName,
    a.group.displayName,
    b.group.existing || a.group.existing ? "critical" : "high",
    b.group.existing || a.group.existing
      ? "another existing group, whose members get administrator access"
      : "the admins' group is renamed",
  );
  field(
    out,
    "group.description",
    b.group.description,
    a.group.description,
    "info",
    "the group's description",
  );

  adminChanges(out, b.admins, a.admins);

  const [bt, at] = [b.targets, a.targets];
  const org = ctx.orgKnown
    ? "; the accounts it reaches are resolved from the --org file and listed as assignments below"
    : "; its effect on accounts shows only with --org <organization file>";
  members(
    out,
    "accounts",
    bt.accounts,
    at.accounts,
    ["critical", "an account is selected"],
    ["info", "an account is no longer selected"],
  );
  members(
    out,
    "organizationalUnits",
    bt.organizationalUnits,
    at.organizationalUnits,
    ["critical", `every account in this OU is selected${org}`],
    ["info", `the OU's accounts are no longer selected${org}`],
  );
  members(
    out,
    "accountNames",
    bt.accountNames,
    at.accountNames,
    ["critical", `the account of this name is selected${org}`],
    ["info", `the account of this name is no longer selected${org}`],
  );
  members(
    out,
    "excludeAccounts",
    bt.excludeAccounts,
    at.excludeAccounts,
    ["info", `an account is excluded${org}`],
    ["critical", `an exclusion is removed: the account is granted again if a selector reaches it${org}`],
  );
  field(
    out,
    "allAccounts",
    String(bt.allAccounts),
    String(at.allAccounts),
    at.allAccounts ? "critical" : "info",
    at.allAccounts
      ? `every account of the organization is selected${org}`
      : `not every account is selected any more${org}`,
  );
  field(
    out,
    "includeManagementAccount",
    String(bt.includeManagementAccount),
    String(at.includeManagementAccount),
    at.includeManagementAccount ? "critical" : "info",
    at.includeManagementAccount
      ? "the management account, which controls the whole organization, may be granted"
      : "the management account is left out",
  );
  const names = new Map(after.assignments.map((x) => [x.accountId, x.name]));
  members(
    out,
    "assignments",
    before.assignments.map((x) => x.accountId),
    after.assignments.map((x) => x.accountId),
    ["critical", "the admins get administrator access in this account"],
    ["info", "the admins lose administrator access in this account"],
  );
  for (const c of out)
    if (c.path === "assignments" && c.new && names.get(c.new)) c.new = `${c.new} (${names.get(c.new)})`;

  field(
    out,
    "secretSettings",
    b.secretSettings.join(", "),
    a.secretSettings.join(", "),
    b.secretSettings.some((s) => !a.secretSettings.includes(s)) ? "high" : "info",
    "which settings reach AWS and the state only as secrets",
  );
  field(
    out,
    "assignmentConcurrency",
    b.assignmentConcurrency?.toString(),
    a.assignmentConcurrency?.toString(),
    "info",
    "how many assignments are created at once",
  );
  field(
    out,
    "retainUsersOnDelete",
    String(b.retainUsersOnDelete),
    String(a.retainUsersOnDelete),
    "info",
    "whether users outlive the stack",
  );

  const sorted: AccessChange[] = [];
  for (const c of out) addChange(sorted, c);
  return sorted;
}
