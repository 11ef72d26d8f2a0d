// Pass 2, judge sets: what each live permission set means, and the stack's own sets against config.
import { attachmentDrift, managementSetPolicies, memberSetPolicies, PolicyLists } from "../attachments";
import { AuditPermissionSet } from "../views";
import { EscalationPath } from "../../components/iam/escalation";
import { Verdict } from "../../components/iam/meaning";
import { ATTACHMENT_SEVERITY, Findings } from "./findings";
import { AuditContext, mayBeAdmin } from "./read";

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

const pathsOf = (paths: EscalationPath[]) => paths.map((p) => ({ id: p.id, source: p.source }));

/** One set's findings: what could not be read or judged, near-admin, and accounts on an older version. */
function judgeSet(ps: AuditPermissionSet, findings: Findings): void {
  const m = ps.meaning;
  const admin = mayBeAdmin(ps);
  const unverifiable = m.unreadable.filter((u) => !ps.readFailures.includes(u));
  if (unverifiable.length > 0 && m.verdict !== "admin") {
    findings.add({
      kind: "unverifiable-permission-set",
      permissionSet: ps.name,
      detail: unverifiable.join("; "),
    });
  }
  if (ps.readFailures.length > 0) {
    findings.add({ kind: "unreadable", permissionSet: ps.name, detail: ps.readFailures.join("; ") });
  }
  if (m.problems.length > 0) {
    findings.add({ kind: "unreadable", permissionSet: ps.name, detail: m.problems.join("; ") });
  }
  if (m.verdict === "near-admin") {
    findings.add({ kind: "near-admin-permission-set", permissionSet: ps.name, detail: m.reasons.join("; ") });
  }
  for (const accountId of ps.outdatedAccounts) {
    findings.add({
      kind: "provisioning-drift",
      accountId,
      permissionSet: ps.name,
      detail:
        `the account runs an older version of the set${admin ? ", one that may grant administrator access" : ""}: ` +
        "re-provision it (Identity Center console: Permission sets → Update in all accounts, or `aws sso-admin provision-permission-set --target-type ALL_PROVISIONED_ACCOUNTS`)",
    });
  }
}

/** The stack's own sets' policy lists against config; a set with existing: true is not the stack's to hold. */
function judgeOwnSets(ctx: AuditContext, findings: Findings): void {
  const { plan, live } = ctx;
  const ownSets: { ps?: AuditPermissionSet; declared: PolicyLists; ownsCustomer: boolean }[] = [];
  if (!plan.spec.permissionSet.existing)
    ownSets.push({
      ps: ctx.stackSet,
      declared: memberSetPolicies(plan.spec.permissionSet, live.partition),
      ownsCustomer: true,
    });
  // The management set's customer-managed list is held by no exclusive resource: config declares none there.
  if (plan.management)
    ownSets.push({ ps: ctx.mgmtSet, declared: managementSetPolicies(live.partition), ownsCustomer: false });
  for (const { ps, declared, ownsCustomer } of ownSets) {
    if (!ps?.attached) continue;
    for (const d of attachmentDrift(declared, ps.attached, { managed: true, customer: ownsCustomer }))
      findings.add(
        { kind: "attachment-drift", permissionSet: ps.name, detail: d.detail },
        ATTACHMENT_SEVERITY(d),
      );
  }
}

/** Every set's findings, the reads that failed outside any set, and the stack's sets' attachment drift. */
export function judgeSets(ctx: AuditContext, findings: Findings): void {
  for (const ps of ctx.live.permissionSets) judgeSet(ps, findings);
  for (const what of ctx.live.unreadable) findings.add({ kind: "unreadable", detail: what });
  judgeOwnSets(ctx, findings);
}

/** The report's list of sets that are not plainly harmless, by name. */
export function setVerdicts(sets: AuditPermissionSet[]): SetVerdict[] {
  return sets
    .filter(
      (p) =>
        p.meaning.verdict !== "none" ||
        p.meaning.inManagementAccount !== "none" ||
        p.meaning.paths.length > 0 ||
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
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
