// The audit's findings: their kinds, severities, order and the exit code they earn.
import { AttachmentDifference } from "../attachments";

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
  "account-outside-organization",
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
  // config would grant admin access on an account the organization does not hold (outside.ts)
  "account-outside-organization": "high",
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

/** A pass's findings so far, and how it adds one (at its kind's severity unless told). */
export class Findings {
  readonly list: Finding[] = [];
  add(f: Omit<Finding, "severity">, severity: Severity = SEVERITY[f.kind]): void {
    this.list.push({ ...f, severity });
  }
}

/** The findings by severity, then kind, then where and who, then detail. */
export function sortFindings(findings: Finding[]): Finding[] {
  const order = (f: Finding) =>
    `${SEVERITIES.indexOf(f.severity)}|${String(FINDING_KINDS.indexOf(f.kind)).padStart(2, "0")}|${f.accountId ?? ""}|${f.permissionSet ?? ""}|${f.principal ?? ""}|${f.userName ?? ""}|${f.detail}`;
  return findings.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** The exit code a report earns: 3 when any finding is critical or high, else 0. */
export function auditExitCode(report: { findings: Finding[] }): 0 | 3 {
  return report.findings.some((f) => f.severity === "critical" || f.severity === "high") ? 3 : 0;
}
