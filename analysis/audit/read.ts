// Pass 1, read: what the live organization's sets mean and which of them are the stack's.
import { AuditHolder, AuditLive, AuditPermissionSet, AuditPolicies } from "../views";
import { PolicySource, SetPolicies } from "../../components/iam/meaning";
import { AdminAccessPlan } from "../../components/plan";

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

/** How a set makes its holder an administrator on an account. */
export type Access = "admin" | "escalation" | "unverifiable";

/**
 * Identity Center's delegated administrator accounts as the live read found them: none when not asked,
 * undefined when Organizations would not say.
 */
export const delegatedAdminsOf = (
  live: Pick<AuditLive, "identityCenterDelegatedAdmins">,
): string[] | undefined => {
  const d = live.identityCenterDelegatedAdmins;
  return d === undefined ? [] : "accountIds" in d ? d.accountIds : undefined;
};

/** The set's paths that run from Identity Center's delegated administrator account. */
export const delegatedAdminPaths = (ps: AuditPermissionSet) =>
  ps.meaning.paths.filter((p) => p.where === "management" && p.delegatedAdmin);

/** Why a set is unverifiable on a member account when the delegated administrator could not be read. */
export const DELEGATED_ADMIN_UNKNOWN =
  "it can administer Identity Center (assignments or group membership), and whether this account is Identity Center's delegated administrator could not be read";

/**
 * How a set makes its holders administrators on an account, or undefined when it does not. On Identity
 * Center's delegated administrator account, the management rows that Identity Center administration takes
 * (assignments, group membership) apply as they do on the management account; when that account could not be
 * read (`delegatedAdmins` undefined), a set that takes them is unverifiable on every member account.
 */
export function accessOn(
  ps: AuditPermissionSet,
  accountId: string,
  managementAccountId: string,
  // No default: undefined means "could not be read", never "none".
  delegatedAdmins: readonly string[] | undefined,
): Access | undefined {
  const m = ps.meaning;
  const v =
    accountId === managementAccountId ? m.inManagementAccount : (m.byAccount?.[accountId] ?? m.verdict);
  if (v === "admin" || v === "escalation") return v;
  // Judged per account where the accounts were known: a statement may name the delegated administrator alone.
  const runsHere = m.delegatedAdminFrom
    ? m.delegatedAdminFrom.includes(accountId)
    : delegatedAdminPaths(ps).length > 0;
  if (accountId !== managementAccountId && runsHere) {
    if (delegatedAdmins === undefined) return "unverifiable";
    if (delegatedAdmins.includes(accountId)) return "escalation";
  }
  return ps.meaning.unreadable.length > 0 ? "unverifiable" : undefined;
}

/** Should the audit read this set's holders? Admin somewhere, or unverifiable. */
export function mayBeAdmin(ps: AuditPermissionSet): boolean {
  const m = ps.meaning;
  return (
    ["admin", "escalation"].includes(m.verdict) ||
    m.inManagementAccount === "escalation" ||
    delegatedAdminPaths(ps).length > 0 ||
    m.unreadable.length > 0
  );
}

/** The stack's sets and group as found live, which the later passes judge the organization against. */
export interface AuditContext {
  plan: AdminAccessPlan;
  live: AuditLive;
  byArn: Map<string, AuditPermissionSet>;
  stackSet?: AuditPermissionSet;
  /** The management account's own set: the group's set there, and the break-glass users'. */
  mgmtSet?: AuditPermissionSet;
  /** The accounts the stack assigns its group to. */
  targets: Set<string>;
  /** The stack's set on an account. */
  setOn: (accountId: string) => AuditPermissionSet | undefined;
  /** Is this the stack's group holding the stack's set? */
  ours: (h: AuditHolder) => boolean;
}

export function readContext(plan: AdminAccessPlan, live: AuditLive): AuditContext {
  const stackSet = live.permissionSets.find((p) => p.name === plan.spec.permissionSet.name);
  const mgmt = plan.management;
  const mgmtSet = mgmt && live.permissionSets.find((p) => p.name === plan.spec.managementPermissionSet.name);
  const setOn = (accountId: string) => (mgmt?.accountId === accountId ? mgmtSet : stackSet);
  const group = live.group;
  return {
    plan,
    live,
    byArn: new Map(live.permissionSets.map((p) => [p.arn, p])),
    stackSet,
    mgmtSet,
    targets: new Set(plan.assignments.map((a) => a.accountId)),
    setOn,
    ours: (h) =>
      !!group &&
      h.principalType === "GROUP" &&
      h.principalId === group.groupId &&
      h.permissionSetArn === setOn(h.accountId)?.arn,
  };
}
