// Pass 4, members: the admin group's members against config's admins and their expiry dates.
import { Findings } from "./findings";
import { EffectiveAdmin } from "./holders";
import { AuditContext } from "./read";

/** An admin whose access ends within this many days is reported. */
export const EXPIRY_NOTICE_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

/** Members of the group who are not admins. */
function unmanagedMembers(ctx: AuditContext, members: Set<string>, admins: Set<string>, findings: Findings) {
  for (const userName of [...members].filter((m) => !admins.has(m)).sort()) {
    findings.add({
      kind: "unmanaged-member",
      principalType: "GROUP",
      principal: ctx.plan.spec.group.displayName,
      userName,
      detail: "a member of the admin group who is not in admins",
    });
  }
}

/** An expired admin who still holds access: the membership, and every set the user still holds. */
function expiredAccess(
  ctx: AuditContext,
  userName: string,
  expiresAt: string | undefined,
  member: boolean,
  effectiveAdmins: EffectiveAdmin[],
  findings: Findings,
): void {
  if (member) {
    findings.add({
      kind: "expired-member",
      principalType: "GROUP",
      principal: ctx.plan.spec.group.displayName,
      userName,
      detail: `access expired at ${expiresAt} but the user is still a member of the admin group: remove the membership (pulumi up, or the console)`,
    });
  }
  for (const e of effectiveAdmins.filter((x) => x.userName === userName)) {
    findings.add({
      kind: "expired-assignment",
      accountId: e.accountId,
      permissionSet: e.permissionSet,
      principalType: e.via === "USER" ? "USER" : "GROUP",
      principal: e.via === "USER" ? userName : e.via.slice("GROUP:".length),
      userName,
      detail: `access expired at ${expiresAt} but the user still holds ${e.permissionSet} here`,
    });
  }
}

/** Each admin of config: missing from the group, expired but holding access, or expiring soon. */
export function judgeMembers(
  ctx: AuditContext,
  effectiveAdmins: EffectiveAdmin[],
  now: Date,
  findings: Findings,
): void {
  const members = new Set(ctx.live.group?.members ?? []);
  const admins = new Map(ctx.plan.admins.map((a) => [a.userName, a]));
  unmanagedMembers(ctx, members, new Set(admins.keys()), findings);
  for (const [userName, admin] of admins) {
    const ends = admin.expiresAt ? new Date(admin.expiresAt).getTime() : undefined;
    const expired = ends !== undefined && ends <= now.getTime();
    if (!expired && !members.has(userName)) {
      findings.add({
        kind: "missing-member",
        principalType: "GROUP",
        principal: ctx.plan.spec.group.displayName,
        userName,
        detail: "an admin who is not in the group",
      });
    }
    if (expired)
      expiredAccess(ctx, userName, admin.expiresAt, members.has(userName), effectiveAdmins, findings);
    if (!expired && ends !== undefined && ends - now.getTime() <= EXPIRY_NOTICE_DAYS * DAY) {
      findings.add({
        kind: "expiring-soon",
        userName,
        detail: `access ends at ${admin.expiresAt}, in ${Math.max(1, Math.ceil((ends - now.getTime()) / DAY))} day(s)`,
      });
    }
  }
}
