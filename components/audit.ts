// The audit, pure: who really holds administrator access in the live organization, against the stack's plan.
// A permission set is admin-equivalent when it attaches the AWS managed AdministratorAccess policy or an
// inline policy allows every action on every resource; one whose customer-managed policies or permissions
// boundary cannot be read from the management account is unverifiable, never silently clean.
import { administratorPolicyArn, AdminAccessPlan } from "./plan";

export const FINDING_KINDS = [
  "missing-grant",
  "unmanaged-grant",
  "direct-user-grant",
  "unmanaged-member",
  "missing-member",
  "unverifiable-permission-set",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
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
}

export interface AuditReport {
  version: 1;
  instanceArn: string;
  findings: Finding[];
  effectiveAdmins: EffectiveAdmin[];
}

/** A permission set as the audit reads it. */
export interface AuditPermissionSet {
  arn: string;
  name: string;
  managedPolicies: string[];
  inlinePolicy?: string;
  customerManagedPolicies: string[];
  /** A permissions boundary, as an ARN or `path/name`. */
  boundary?: string;
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
  permissionSets: AuditPermissionSet[];
  /** Every assignment of every admin-equivalent or unverifiable set, on every account it is provisioned to. */
  holders: AuditHolder[];
  /** The stack's group, when it exists, and its members' userNames. */
  group?: { groupId: string; displayName: string; members: string[] };
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** Does an inline policy Allow every action ("*" or "*:*") on every resource ("*"), conditions or not? */
export function allowsEverything(policy: string | undefined): boolean {
  if (!policy) return false;
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return false;
  }
  const statements = asList((doc as { Statement?: unknown })?.Statement);
  return statements.some((s) => {
    const st = s as { Effect?: unknown; Action?: unknown; Resource?: unknown };
    return (
      st.Effect === "Allow" &&
      asList(st.Action).some((a) => a === "*" || a === "*:*") &&
      asList(st.Resource).some((r) => r === "*")
    );
  });
}

/** Why a set grants administrator access, or why that cannot be told; undefined when it does not. */
export function classify(
  ps: AuditPermissionSet,
  partition: string,
): { admin?: string; unverifiable?: string } {
  const admin = ps.managedPolicies.includes(administratorPolicyArn(partition))
    ? "AdministratorAccess attached"
    : allowsEverything(ps.inlinePolicy)
      ? "an inline policy allows every action on every resource"
      : undefined;
  const unreadable = [
    ...(ps.customerManagedPolicies.length > 0 && !admin
      ? [
          `customer-managed policies (${ps.customerManagedPolicies.join(", ")}) cannot be read from the management account`,
        ]
      : []),
    ...(ps.boundary
      ? [`its permissions boundary (${ps.boundary}) may limit it, and cannot be read here`]
      : []),
  ];
  return { admin, unverifiable: unreadable.length > 0 ? unreadable.join("; ") : undefined };
}

/** The findings and the effective admins of the live organization against the stack's plan. */
export function audit(plan: AdminAccessPlan, live: AuditLive): AuditReport {
  const findings: Finding[] = [];
  const names = new Map(live.permissionSets.map((p) => [p.arn, p.name]));
  const stackSet = live.permissionSets.find((p) => p.name === plan.spec.permissionSet.name);
  const group = live.group;
  const targets = new Set(plan.assignments.map((a) => a.accountId));

  for (const ps of live.permissionSets) {
    const { unverifiable } = classify(ps, live.partition);
    if (unverifiable) {
      findings.push({ kind: "unverifiable-permission-set", permissionSet: ps.name, detail: unverifiable });
    }
  }

  const effectiveAdmins: EffectiveAdmin[] = [];
  for (const h of live.holders) {
    const permissionSet = names.get(h.permissionSetArn) ?? h.permissionSetArn;
    const ours =
      group &&
      h.principalType === "GROUP" &&
      h.principalId === group.groupId &&
      h.permissionSetArn === stackSet?.arn;
    if (h.principalType === "USER") {
      effectiveAdmins.push({ userName: h.principal, accountId: h.accountId, permissionSet, via: "USER" });
      findings.push({
        kind: "direct-user-grant",
        accountId: h.accountId,
        permissionSet,
        principalType: "USER",
        principal: h.principal,
        userName: h.principal,
        detail: `${permissionSet} is assigned to the user directly, not through a group`,
      });
      continue;
    }
    for (const userName of h.members) {
      effectiveAdmins.push({ userName, accountId: h.accountId, permissionSet, via: `GROUP:${h.principal}` });
    }
    if (!ours || !targets.has(h.accountId)) {
      findings.push({
        kind: "unmanaged-grant",
        accountId: h.accountId,
        permissionSet,
        principalType: "GROUP",
        principal: h.principal,
        detail: ours
          ? "this stack's group holds this stack's set on an account the stack does not target"
          : `group "${h.principal}" holds ${permissionSet} outside this stack (${h.members.length} member(s))`,
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
          h.permissionSetArn === stackSet?.arn,
      )
      .map((h) => h.accountId),
  );
  for (const a of plan.assignments) {
    if (!held.has(a.accountId)) {
      findings.push({
        kind: "missing-grant",
        accountId: a.accountId,
        permissionSet: plan.spec.permissionSet.name,
        principalType: "GROUP",
        principal: plan.spec.group.displayName,
        detail: group ? "the planned assignment does not exist" : "the stack's group does not exist",
      });
    }
  }

  const members = new Set(group?.members ?? []);
  const admins = new Set(plan.admins.map((a) => a.userName));
  for (const userName of [...members].filter((m) => !admins.has(m)).sort()) {
    findings.push({
      kind: "unmanaged-member",
      principalType: "GROUP",
      principal: plan.spec.group.displayName,
      userName,
      detail: `a member of the admin group who is not in admins`,
    });
  }
  for (const userName of [...admins].filter((a) => !members.has(a)).sort()) {
    findings.push({
      kind: "missing-member",
      principalType: "GROUP",
      principal: plan.spec.group.displayName,
      userName,
      detail: "an admin who is not in the group",
    });
  }

  const order = (f: Finding) =>
    `${FINDING_KINDS.indexOf(f.kind)}|${f.accountId ?? ""}|${f.permissionSet ?? ""}|${f.principal ?? ""}|${f.userName ?? ""}`;
  findings.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const key = (e: EffectiveAdmin) => `${e.userName}|${e.accountId}|${e.permissionSet}|${e.via}`;
  const unique = [...new Map(effectiveAdmins.map((e) => [key(e), e])).values()];
  unique.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { version: 1, instanceArn: live.instanceArn, findings, effectiveAdmins: unique };
}
