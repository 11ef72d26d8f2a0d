// Pass 3, expand holders: every assignment of a set that may make its holder an administrator, down to the
// users who hold it, and the grants that are not the stack's.
import { AuditHolder, AuditPermissionSet } from "../views";
import { Findings } from "./findings";
import {
  Access,
  accessOn,
  AuditContext,
  DELEGATED_ADMIN_UNKNOWN,
  delegatedAdminPaths,
  delegatedAdminsOf,
} from "./read";

export interface EffectiveAdmin {
  userName: string;
  accountId: string;
  permissionSet: string;
  /** `GROUP:<display name>` or `USER`. */
  via: string;
  /** How the set makes its holder an administrator there. */
  access: Access;
}

export type BreakGlassHolder = { userName: string; accountId: string; permissionSet: string };

export interface Holders {
  effectiveAdmins: EffectiveAdmin[];
  breakGlass: BreakGlassHolder[];
}

/**
 * The reason to name for an escalation on an account: on a delegated administrator, a path that runs there;
 * on the management account, when only management paths escalate, one of those (the first reason may be a
 * path that takes over named roles only, which is no escalation anywhere).
 */
function escalationReason(ctx: AuditContext, ps: AuditPermissionSet, accountId: string): string {
  const m = ps.meaning;
  const inManagement = accountId === ctx.live.managementAccountId;
  const plain = inManagement ? m.inManagementAccount : (m.byAccount?.[accountId] ?? m.verdict);
  const delegated = plain !== "escalation" ? delegatedAdminPaths(ps)[0] : undefined;
  const management =
    inManagement && (m.byAccount?.[accountId] ?? m.verdict) !== "escalation"
      ? m.paths.find((p) => p.where === "management")
      : undefined;
  const path = delegated ?? management;
  return (path && m.reasons.find((r) => r.startsWith(`can ${path.title}`))) ?? m.reasons[0];
}

/** Why a holder is an administrator, when not plainly: the path or what could not be read, and the limits. */
function whyAdmin(ctx: AuditContext, h: AuditHolder, ps: AuditPermissionSet, access: Access): string {
  const limited = ps.meaning.limitedBy.length > 0 ? `; limited by ${ps.meaning.limitedBy.join("; ")}` : "";
  const how =
    access === "escalation"
      ? ` (by escalation: ${escalationReason(ctx, ps, h.accountId)})`
      : access === "unverifiable"
        ? ` (unverifiable: ${ps.meaning.unreadable[0] ?? DELEGATED_ADMIN_UNKNOWN})`
        : "";
  return how + limited;
}

/** Is the holder one of the stack's break-glass users holding the management set on the management account? */
function isBreakGlass(ctx: AuditContext, h: AuditHolder): boolean {
  const mgmt = ctx.plan.management;
  return (
    h.principalType === "USER" &&
    h.accountId === mgmt?.accountId &&
    h.permissionSetArn === ctx.mgmtSet?.arn &&
    mgmt.breakGlass.some((b) => b.userName === h.principal)
  );
}

/** A user holding the set directly: an effective admin, and a finding unless break-glass. */
function expandUser(
  ctx: AuditContext,
  h: AuditHolder,
  ps: AuditPermissionSet,
  access: Access,
  out: Holders,
  findings: Findings,
): void {
  const permissionSet = ps.name;
  out.effectiveAdmins.push({
    userName: h.principal,
    accountId: h.accountId,
    permissionSet,
    via: "USER",
    access,
  });
  if (isBreakGlass(ctx, h)) {
    out.breakGlass.push({ userName: h.principal, accountId: h.accountId, permissionSet });
    return;
  }
  findings.add({
    kind: "direct-user-grant",
    accountId: h.accountId,
    permissionSet,
    principalType: "USER",
    principal: h.principal,
    userName: h.principal,
    detail: `${permissionSet} is assigned to the user directly, not through a group${whyAdmin(ctx, h, ps, access)}`,
  });
}

/** A group holding the set: each member an effective admin, and a finding unless it is the stack's grant. */
function expandGroup(
  ctx: AuditContext,
  h: AuditHolder,
  ps: AuditPermissionSet,
  access: Access,
  out: Holders,
  findings: Findings,
): void {
  const permissionSet = ps.name;
  for (const userName of h.members) {
    out.effectiveAdmins.push({
      userName,
      accountId: h.accountId,
      permissionSet,
      via: `GROUP:${h.principal}`,
      access,
    });
  }
  const ours = ctx.ours(h);
  if (ours && ctx.targets.has(h.accountId)) return;
  findings.add({
    kind: "unmanaged-grant",
    accountId: h.accountId,
    permissionSet,
    principalType: "GROUP",
    principal: h.principal,
    detail: ours
      ? "this stack's group holds this stack's set on an account the stack does not target"
      : `group "${h.principal}" holds ${permissionSet} outside this stack (${h.members.length} member(s))${whyAdmin(ctx, h, ps, access)}`,
  });
}

/** Every holder of a set that makes it an administrator where it holds it, expanded to users. */
export function expandHolders(ctx: AuditContext, findings: Findings): Holders {
  const out: Holders = { effectiveAdmins: [], breakGlass: [] };
  const delegated = delegatedAdminsOf(ctx.live);
  for (const h of ctx.live.holders) {
    const ps = ctx.byArn.get(h.permissionSetArn);
    const access = ps && accessOn(ps, h.accountId, ctx.live.managementAccountId, delegated);
    if (!ps || !access) continue;
    if (h.principalType === "USER") expandUser(ctx, h, ps, access, out, findings);
    else expandGroup(ctx, h, ps, access, out, findings);
  }
  return out;
}

/** The planned assignments the stack's group does not hold. */
export function missingGrants(ctx: AuditContext, findings: Findings): void {
  const { plan, live } = ctx;
  const held = new Set(live.holders.filter(ctx.ours).map((h) => h.accountId));
  for (const a of plan.assignments) {
    if (held.has(a.accountId)) continue;
    findings.add({
      kind: "missing-grant",
      accountId: a.accountId,
      permissionSet:
        plan.management?.accountId === a.accountId
          ? plan.spec.managementPermissionSet.name
          : plan.spec.permissionSet.name,
      principalType: "GROUP",
      principal: plan.spec.group.displayName,
      detail: live.group ? "the planned assignment does not exist" : "the stack's group does not exist",
    });
  }
}
