// The audit, pure: who really holds administrator access in the live organization, against the stack's plan.
// A permission set is admin-equivalent by what its policies mean (iam/meaning.ts): every action on every
// resource, or a privilege-escalation path (escalation.ts), in any account or, for paths that run from
// there, in the management account. What could not be read is listed, never taken as clean.
import {
  attachmentDrift,
  AttachmentDifference,
  managementSetPolicies,
  memberSetPolicies,
  PolicyLists,
} from "../drift";
import { EscalationPath } from "../../components/iam/escalation";
import { Meaning, PolicySource, SetPolicies, Verdict } from "../../components/iam/meaning";
import { AdminAccessPlan } from "../../components/plan";

/** Every kind of finding, most severe first; the report lists findings by severity, then in this order. */
export const FINDING_KINDS = [
  "expired-member",
  "expired-assignment",
  "unmanaged-grant",
  "direct-user-grant",
  "unmanaged-member",
  "unreadable",
  "unverifiable-permission-set",
  "provisioning-drift",
  "attachment-drift",
  "missing-grant",
  "missing-member",
  "near-admin-permission-set",
  "expiring-soon",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Each kind's severity; attachment-drift's is its worst, each finding's by ATTACHMENT_SEVERITY. */
export const SEVERITY: Record<FindingKind, Severity> = {
  "expired-member": "critical",
  "expired-assignment": "critical",
  "unmanaged-grant": "high",
  "direct-user-grant": "high",
  "unmanaged-member": "high",
  "unverifiable-permission-set": "medium",
  unreadable: "high",
  "provisioning-drift": "medium",
  "attachment-drift": "high",
  "missing-grant": "low",
  "missing-member": "low",
  "near-admin-permission-set": "low",
  "expiring-soon": "info",
};

/**
 * An attachment-drift finding's severity, by what the difference does to access on the stack's sets, which
 * config gives AdministratorAccess. A policy attached out of band adds nothing: identity policies add up, and
 * AdministratorAccess already allows every action on every resource; a boundary caps the sum whatever it
 * holds (IAM User Guide, "Permissions boundaries for IAM entities": effective permissions are the identity
 * policies ∩ the boundary). So the extra can only narrow, but narrowing goes down to a lockout (AWS managed
 * AWSDenyAll is a Deny of every action; a customer-managed policy can hold one too), or stop provisioning in an
 * account that lacks that customer-managed policy (CloudFormation AWS::SSO::PermissionSet
 * CustomerManagedPolicyReference: it must exist in each account the set is deployed to): medium, like
 * AdministratorAccess detached, which takes the admins' access away (break-glass included, on the management
 * set). A declared customer-managed policy detached is a guardrail gone (on an AdministratorAccess set it can
 * only restrict, e.g. a Deny on the security baseline): the set may grant more than the reviewed config, high,
 * which fails the audit's exit code.
 */
export const ATTACHMENT_SEVERITY = (d: Pick<AttachmentDifference, "change" | "list">): Severity =>
  d.change === "missing" && d.list === "customer" ? "high" : "medium";

/** An admin whose access ends within this many days is reported. */
export const EXPIRY_NOTICE_DAYS = 7;

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  accountId?: string;
  /** The permission set's name. */
  permissionSet?: string;
  principalType?: "USER" | "GROUP";
  /** The userName or the group's display name. */
  principal?: string;
  userName?: string;
  detail: string;
}

export interface EffectiveAdmin {
  userName: string;
  accountId: string;
  permissionSet: string;
  /** `GROUP:<display name>` or `USER`. */
  via: string;
  /** How the set makes its holder an administrator there. */
  access: "admin" | "escalation" | "unverifiable";
}

/** A permission set that is not plainly harmless, and why. */
export interface SetVerdict {
  name: string;
  verdict: Verdict;
  inManagementAccount: Verdict;
  reasons: string[];
  paths: { id: string; source: string }[];
  limitedBy: string[];
  unreadable: string[];
}

export interface AuditReport {
  version: 1;
  instanceArn: string;
  partition: string;
  checked: {
    permissionSets: number;
    assignments: number;
    accounts: number;
    notChecked: string[];
  };
  permissionSets: SetVerdict[];
  findings: Finding[];
  effectiveAdmins: EffectiveAdmin[];
  /** The stack's break-glass users holding the management set on the management account: listed, not findings. */
  breakGlass: { userName: string; accountId: string; permissionSet: string }[];
}

/** A permission set's policies as read: names and documents, or why they could not be read. */
export interface AuditPolicies {
  managedPolicies: string[];
  inlinePolicy?: string;
  /** Customer-managed policies, as `path/name`: they live in each account, not here. */
  customerManagedPolicies: string[];
  /** A permissions boundary, as an ARN or `path/name`. */
  boundary?: string;
  /** Reads that failed, each naming what could not be read and why. */
  unreadable: string[];
}

/** A permission set as the audit judges it. */
export interface AuditPermissionSet {
  arn: string;
  name: string;
  meaning: Meaning;
  /** Accounts where its latest version is not provisioned (LATEST_PERMISSION_SET_NOT_PROVISIONED). */
  outdatedAccounts: string[];
  /** Reads of the set that failed (also in its meaning's unreadable, so that its holders are read). */
  readFailures: string[];
  /** Its policy lists as read, for the stack's own sets' attachment-drift; a list whose read failed is absent. */
  attached?: Partial<PolicyLists>;
}

export interface AuditHolder {
  accountId: string;
  permissionSetArn: string;
  principalType: "USER" | "GROUP";
  principalId: string;
  /** The userName or display name. */
  principal: string;
  /** For a group: its members' userNames. */
  members: string[];
}

export interface AuditLive {
  instanceArn: string;
  partition: string;
  managementAccountId: string;
  permissionSets: AuditPermissionSet[];
  /** Every assignment of every set that may make its holder an administrator, where it may. */
  holders: AuditHolder[];
  /** Accounts whose assignments were read. */
  accountsRead: number;
  /** The stack's group, when it exists, and its members' userNames. */
  group?: { groupId: string; displayName: string; members: string[] };
  /** Reads that failed outside any one permission set. */
  unreadable: string[];
}

/** What the audit never sees, whatever the organization: said in every report. */
export const NOT_CHECKED = [
  "IAM users, roles and policies created inside the accounts (outside Identity Center)",
  "service control policies and resource control policies, which may deny what a set allows",
  "resource-based policies (S3 buckets, KMS keys, roles' trust policies)",
];

/** The partition of an ARN (`arn:aws-us-gov:sso:::instance/…` → aws-us-gov), else undefined. */
export function partitionOfArn(arn: string): string | undefined {
  return /^arn:(aws[a-z-]*):/.exec(arn)?.[1];
}

/**
 * The policies a set's meaning is judged from: the inline policy and the documents of its AWS managed
 * policies (`managed` answers one by ARN, undefined when it does not know it); customer-managed policies and
 * anything unknown or unread listed as unreadable.
 */
export function setPolicies(p: AuditPolicies, managed: (arn: string) => unknown): SetPolicies {
  const policies: PolicySource[] = [];
  const unreadable = [...p.unreadable];
  if (p.inlinePolicy) policies.push({ name: "inline policy", document: p.inlinePolicy });
  for (const arn of p.managedPolicies) {
    const document = managed(arn);
    if (document === undefined)
      unreadable.push(`AWS managed policy ${arn}, which the policy data does not know`);
    else policies.push({ name: `AWS managed ${arn.split("/").pop()}`, document });
  }
  for (const ref of p.customerManagedPolicies) {
    unreadable.push(`customer-managed policy ${ref}, which lives in each account and cannot be read here`);
  }
  const boundary = p.boundary && {
    name: p.boundary,
    document: p.boundary.startsWith("arn:") ? managed(p.boundary) : undefined,
  };
  return { policies, unreadable, ...(boundary ? { boundary } : {}) };
}

/** How a set makes its holders administrators on an account, or undefined when it does not. */
export function accessOn(
  ps: AuditPermissionSet,
  accountId: string,
  managementAccountId: string,
): EffectiveAdmin["access"] | undefined {
  const m = ps.meaning;
  const v =
    accountId === managementAccountId ? m.inManagementAccount : (m.byAccount?.[accountId] ?? m.verdict);
  if (v === "admin" || v === "escalation") return v;
  return ps.meaning.unreadable.length > 0 ? "unverifiable" : undefined;
}

/** Should the audit read this set's holders? Admin somewhere, or unverifiable. */
export function mayBeAdmin(ps: AuditPermissionSet): boolean {
  const m = ps.meaning;
  return (
    ["admin", "escalation"].includes(m.verdict) ||
    m.inManagementAccount === "escalation" ||
    m.unreadable.length > 0
  );
}

const pathsOf = (paths: EscalationPath[]) => paths.map((p) => ({ id: p.id, source: p.source }));
const DAY = 24 * 60 * 60 * 1000;

/** The findings and the effective admins of the live organization against the stack's plan, at `now`. */
export function audit(plan: AdminAccessPlan, live: AuditLive, now: Date = new Date()): AuditReport {
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, "severity">, severity = SEVERITY[f.kind]) =>
    findings.push({ ...f, severity });
  const byArn = new Map(live.permissionSets.map((p) => [p.arn, p]));
  const stackSet = live.permissionSets.find((p) => p.name === plan.spec.permissionSet.name);
  const group = live.group;
  const targets = new Set(plan.assignments.map((a) => a.accountId));
  // The management account's own set, apart: the group's set there, and the break-glass users'.
  const mgmt = plan.management;
  const mgmtSet = mgmt && live.permissionSets.find((p) => p.name === plan.spec.managementPermissionSet.name);
  const setOn = (accountId: string) => (mgmt?.accountId === accountId ? mgmtSet : stackSet);
  const breakGlass: AuditReport["breakGlass"] = [];

  for (const ps of live.permissionSets) {
    const m = ps.meaning;
    const admin = mayBeAdmin(ps);
    const unverifiable = m.unreadable.filter((u) => !ps.readFailures.includes(u));
    if (unverifiable.length > 0 && m.verdict !== "admin") {
      add({ kind: "unverifiable-permission-set", permissionSet: ps.name, detail: unverifiable.join("; ") });
    }
    if (ps.readFailures.length > 0) {
      add({ kind: "unreadable", permissionSet: ps.name, detail: ps.readFailures.join("; ") });
    }
    if (m.problems.length > 0) {
      add({ kind: "unreadable", permissionSet: ps.name, detail: m.problems.join("; ") });
    }
    if (m.verdict === "near-admin") {
      add({
        kind: "near-admin-permission-set",
        permissionSet: ps.name,
        detail: m.reasons.join("; "),
      });
    }
    for (const accountId of ps.outdatedAccounts) {
      add({
        kind: "provisioning-drift",
        accountId,
        permissionSet: ps.name,
        detail:
          `the account runs an older version of the set${admin ? ", one that may grant administrator access" : ""}: ` +
          "re-provision it (Identity Center console: Permission sets → Update in all accounts, or `aws sso-admin provision-permission-set --target-type ALL_PROVISIONED_ACCOUNTS`)",
      });
    }
  }
  for (const what of live.unreadable) add({ kind: "unreadable", detail: what });
  // The stack's own sets against config; a set with existing: true is not the stack's to hold.
  const ownSets: { ps?: AuditPermissionSet; declared: PolicyLists; ownsCustomer: boolean }[] = [];
  if (!plan.spec.permissionSet.existing)
    ownSets.push({
      ps: stackSet,
      declared: memberSetPolicies(plan.spec.permissionSet, live.partition),
      ownsCustomer: true,
    });
  // The management set's customer-managed list is held by no exclusive resource: config declares none there.
  if (mgmt)
    ownSets.push({ ps: mgmtSet, declared: managementSetPolicies(live.partition), ownsCustomer: false });
  for (const { ps, declared, ownsCustomer } of ownSets) {
    if (!ps?.attached) continue;
    for (const d of attachmentDrift(declared, ps.attached, { managed: true, customer: ownsCustomer }))
      add({ kind: "attachment-drift", permissionSet: ps.name, detail: d.detail }, ATTACHMENT_SEVERITY(d));
  }

  const effectiveAdmins: EffectiveAdmin[] = [];
  for (const h of live.holders) {
    const ps = byArn.get(h.permissionSetArn);
    const access = ps && accessOn(ps, h.accountId, live.managementAccountId);
    const ours =
      group &&
      h.principalType === "GROUP" &&
      h.principalId === group.groupId &&
      h.permissionSetArn === setOn(h.accountId)?.arn;
    if (!ps || !access) continue;
    const permissionSet = ps.name;
    const limited = ps.meaning.limitedBy.length > 0 ? `; limited by ${ps.meaning.limitedBy.join("; ")}` : "";
    const how =
      access === "escalation"
        ? ` (by escalation: ${ps.meaning.reasons[0]})`
        : access === "unverifiable"
          ? ` (unverifiable: ${ps.meaning.unreadable[0]})`
          : "";
    const why = how + limited;
    const isBreakGlass =
      h.principalType === "USER" &&
      h.accountId === mgmt?.accountId &&
      h.permissionSetArn === mgmtSet?.arn &&
      mgmt.breakGlass.some((b) => b.userName === h.principal);
    if (isBreakGlass) breakGlass.push({ userName: h.principal, accountId: h.accountId, permissionSet });
    if (h.principalType === "USER") {
      effectiveAdmins.push({
        userName: h.principal,
        accountId: h.accountId,
        permissionSet,
        via: "USER",
        access,
      });
      if (isBreakGlass) continue;
      add({
        kind: "direct-user-grant",
        accountId: h.accountId,
        permissionSet,
        principalType: "USER",
        principal: h.principal,
        userName: h.principal,
        detail: `${permissionSet} is assigned to the user directly, not through a group${why}`,
      });
      continue;
    }
    for (const userName of h.members) {
      effectiveAdmins.push({
        userName,
        accountId: h.accountId,
        permissionSet,
        via: `GROUP:${h.principal}`,
        access,
      });
    }
    if (!ours || !targets.has(h.accountId)) {
      add({
        kind: "unmanaged-grant",
        accountId: h.accountId,
        permissionSet,
        principalType: "GROUP",
        principal: h.principal,
        detail: ours
          ? "this stack's group holds this stack's set on an account the stack does not target"
          : `group "${h.principal}" holds ${permissionSet} outside this stack (${h.members.length} member(s))${why}`,
      });
    }
  }

  const held = new Set(
    live.holders
      .filter(
        (h) =>
          group &&
          h.principalType === "GROUP" &&
          h.principalId === group.groupId &&
          h.permissionSetArn === setOn(h.accountId)?.arn,
      )
      .map((h) => h.accountId),
  );
  for (const a of plan.assignments) {
    if (!held.has(a.accountId)) {
      add({
        kind: "missing-grant",
        accountId: a.accountId,
        permissionSet:
          mgmt?.accountId === a.accountId
            ? plan.spec.managementPermissionSet.name
            : plan.spec.permissionSet.name,
        principalType: "GROUP",
        principal: plan.spec.group.displayName,
        detail: group ? "the planned assignment does not exist" : "the stack's group does not exist",
      });
    }
  }

  const members = new Set(group?.members ?? []);
  const admins = new Map(plan.admins.map((a) => [a.userName, a]));
  for (const userName of [...members].filter((m) => !admins.has(m)).sort()) {
    add({
      kind: "unmanaged-member",
      principalType: "GROUP",
      principal: plan.spec.group.displayName,
      userName,
      detail: "a member of the admin group who is not in admins",
    });
  }
  for (const [userName, admin] of admins) {
    const ends = admin.expiresAt ? new Date(admin.expiresAt).getTime() : undefined;
    const expired = ends !== undefined && ends <= now.getTime();
    if (!expired && !members.has(userName)) {
      add({
        kind: "missing-member",
        principalType: "GROUP",
        principal: plan.spec.group.displayName,
        userName,
        detail: "an admin who is not in the group",
      });
    }
    if (expired && members.has(userName)) {
      add({
        kind: "expired-member",
        principalType: "GROUP",
        principal: plan.spec.group.displayName,
        userName,
        detail: `access expired at ${admin.expiresAt} but the user is still a member of the admin group: remove the membership (pulumi up, or the console)`,
      });
    }
    if (expired) {
      for (const e of effectiveAdmins.filter((x) => x.userName === userName)) {
        add({
          kind: "expired-assignment",
          accountId: e.accountId,
          permissionSet: e.permissionSet,
          principalType: e.via === "USER" ? "USER" : "GROUP",
          principal: e.via === "USER" ? userName : e.via.slice("GROUP:".length),
          userName,
          detail: `access expired at ${admin.expiresAt} but the user still holds ${e.permissionSet} here`,
        });
      }
    }
    if (!expired && ends !== undefined && ends - now.getTime() <= EXPIRY_NOTICE_DAYS * DAY) {
      add({
        kind: "expiring-soon",
        userName,
        detail: `access ends at ${admin.expiresAt}, in ${Math.max(1, Math.ceil((ends - now.getTime()) / DAY))} day(s)`,
      });
    }
  }

  const order = (f: Finding) =>
    `${SEVERITIES.indexOf(f.severity)}|${String(FINDING_KINDS.indexOf(f.kind)).padStart(2, "0")}|${f.accountId ?? ""}|${f.permissionSet ?? ""}|${f.principal ?? ""}|${f.userName ?? ""}|${f.detail}`;
  findings.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const key = (e: EffectiveAdmin) => `${e.userName}|${e.accountId}|${e.permissionSet}|${e.via}`;
  const unique = [...new Map(effectiveAdmins.map((e) => [key(e), e])).values()];
  unique.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const unreadable = live.permissionSets.some(
    (p) => p.meaning.unreadable.length > 0 || p.meaning.problems.length > 0,
  );
  return {
    version: 1,
    instanceArn: live.instanceArn,
    partition: live.partition,
    checked: {
      permissionSets: live.permissionSets.length,
      assignments: live.holders.length,
      accounts: live.accountsRead,
      notChecked: [
        ...(unreadable || live.unreadable.length > 0
          ? ["what the findings list as unreadable or unverifiable"]
          : []),
        ...NOT_CHECKED,
      ],
    },
    permissionSets: live.permissionSets
      .filter(
        (p) =>
          p.meaning.verdict !== "none" ||
          p.meaning.inManagementAccount !== "none" ||
          p.meaning.unreadable.length > 0,
      )
      .map((p) => ({
        name: p.name,
        verdict: p.meaning.verdict,
        inManagementAccount: p.meaning.inManagementAccount,
        reasons: p.meaning.reasons,
        paths: pathsOf(p.meaning.paths),
        limitedBy: p.meaning.limitedBy,
        unreadable: p.meaning.unreadable,
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    findings,
    effectiveAdmins: unique,
    breakGlass: breakGlass.sort((a, b) => (a.userName < b.userName ? -1 : a.userName > b.userName ? 1 : 0)),
  };
}

/** The exit code a report earns: 3 when any finding is critical or high, else 0. */
export function auditExitCode(report: AuditReport): 0 | 3 {
  return report.findings.some((f) => f.severity === "critical" || f.severity === "high") ? 3 : 0;
}
