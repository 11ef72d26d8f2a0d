// Drift of the management account's own set, pure: its settings, its attachments (the owned AWS-managed
// list, the session-cutting inline policy, anything config does not declare), its holders (the group where
// the management account is targeted, each break-glass user directly, nobody else) and its provisioning.
import { forcesNew } from "../components/families";
import { withSessionCuts } from "../components/families/expiry";
import { settingsText, SETTINGS } from "../components/families/permissionSet";
import { TYPES } from "../components/families/types";
import { AdminAccessPlan } from "../components/plan";
import { comparablePolicy } from "../components/policy";
import { attachmentDrift, managementSetPolicies } from "./attachments";
import type { DriftKind } from "./drift";
import { DriftLive, LiveManagementSet } from "./views";

type Add = (kind: DriftKind, subject: string, detail: string) => void;

/** The management set against the plan; nothing when the stack makes no management set. */
export function managementDrift(plan: AdminAccessPlan, live: DriftLive, resolved: boolean, add: Add): void {
  const m = plan.management;
  if (!m) return;
  const wanted = plan.spec.managementPermissionSet;
  const ms = live.managementSet;
  if (!ms) {
    add(
      "missing-resource",
      `permission set ${m.permissionSetResource}`,
      `the management account's set ${wanted.name} does not exist: pulumi up --refresh creates it`,
    );
    return;
  }
  const config = settingsText({ ...wanted, relayState: undefined });
  const actual = settingsText(ms);
  for (const field of SETTINGS.filter((f) => (config[f] ?? null) !== (actual[f] ?? null)))
    add(
      "edited",
      `permission set ${m.permissionSetResource}`,
      `${field} is ${actual[field] ?? "(none)"} in AWS, ${config[field] ?? "(none)"} in config` +
        (forcesNew(TYPES.permissionSet, field) ? "; pulumi up --refresh replaces it" : ""),
    );
  managementPolicies(plan, live, ms, add);
  if (resolved) managementHolders(plan, live, ms, add);
  for (const accountId of ms.outdatedAccounts)
    add(
      "outdated-provisioning",
      accountId,
      `runs an older version of ${wanted.name}: re-provision it (console: Permission sets → Update in all ` +
        "accounts, or `aws sso-admin provision-permission-set --target-type ALL_PROVISIONED_ACCOUNTS`)",
    );
}

/** Its two lists, its inline policy (the session cuts, or none) and its boundary (none). */
function managementPolicies(plan: AdminAccessPlan, live: DriftLive, ms: LiveManagementSet, add: Add): void {
  const m = plan.management!;
  const subject = `permission set ${plan.spec.managementPermissionSet.name}`;
  const owns = { managed: true, customer: false };
  for (const d of attachmentDrift(managementSetPolicies(live.partition), ms, owns))
    add(d.list === "managed" ? "attachment-drift" : "extra-attachment", subject, d.detail);
  const livePolicy = ms.inlinePolicy ? comparablePolicy(JSON.parse(ms.inlinePolicy)) : undefined;
  if (!m.inlinePolicyResource) {
    // Config declares no inline policy here: one added (an inline `Deny *`, an Allow) is nobody's.
    if (livePolicy) add("extra-attachment", subject, "an inline policy is attached, not in config");
  } else {
    const ids = (users: string[]) => users.map((u) => live.users[u]?.userId ?? `(no user ${u})`);
    const planned = comparablePolicy(
      withSessionCuts(
        undefined,
        m.sessionCuts.map((c) => ({ instant: c.instant, userIds: ids(c.userNames) })),
      ),
    );
    const what = `inline policy ${m.inlinePolicyResource}`;
    if (!livePolicy) add("missing-resource", what, "does not exist: pulumi up --refresh creates it");
    else if (livePolicy !== planned)
      add("edited", what, `inlinePolicy is ${livePolicy} in AWS, ${planned} in config`);
  }
  if (ms.boundary)
    add("extra-attachment", subject, `permissions boundary ${ms.boundary} is set, not in config`);
}

/** The group where the management account is targeted, each break-glass user directly, and nobody else. */
function managementHolders(plan: AdminAccessPlan, live: DriftLive, ms: LiveManagementSet, add: Add): void {
  const m = plan.management!;
  const name = plan.spec.managementPermissionSet.name;
  const targeted = plan.assignments.some((a) => a.accountId === m.accountId);
  const here = ms.holders.filter((h) => h.accountId === m.accountId);
  const isGroup = (h: LiveManagementSet["holders"][number]) =>
    h.principalType === "GROUP" && h.principalId === live.group?.groupId;
  if (targeted && live.group && !here.some(isGroup))
    add(
      "missing-grant",
      m.accountId,
      `a target of the stack with no grant of ${name} to ${plan.spec.group.displayName}`,
    );
  // Identity Store userNames are unique without regard to case.
  const glass = new Set(m.breakGlass.map((b) => b.userName.toLowerCase()));
  const direct = (h: LiveManagementSet["holders"][number]) =>
    h.principalType === "USER" && glass.has(h.principal.toLowerCase());
  for (const b of m.breakGlass)
    if (!here.some((h) => direct(h) && h.principal.toLowerCase() === b.userName.toLowerCase()))
      add(
        "missing-grant",
        m.accountId,
        `break-glass user ${b.userName} has no direct assignment of ${name} (removed by hand?): the way back ` +
          "in is gone",
      );
  for (const h of ms.holders) {
    const mine = h.accountId === m.accountId && ((targeted && isGroup(h)) || direct(h));
    if (!mine)
      add("other-holder", h.accountId, `${h.principalType} ${h.principal} holds ${name}, outside the stack`);
  }
}
