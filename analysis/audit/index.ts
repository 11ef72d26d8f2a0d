// The audit, pure: who really holds administrator access in the live organization, against the stack's plan.
// A permission set is admin-equivalent by what its policies mean (components/iam/meaning.ts): every action on
// every resource, or a privilege-escalation path (components/iam/escalation.ts), in any account or, for paths
// that run from there, in the management account. What could not be read is listed, never taken as clean.
// A scan in named passes, as Cloudsplaining's scan and Parliament's auditors are: read (read.ts), judge sets
// (sets.ts), expand holders (holders.ts), members (members.ts); this file composes them into the report.
import { AuditLive } from "../views";
import { AdminAccessPlan } from "../../components/plan";
import { Finding, Findings, sortFindings } from "./findings";
import { BreakGlassHolder, EffectiveAdmin, expandHolders, missingGrants } from "./holders";
import { judgeMembers } from "./members";
import { readContext } from "./read";
import { judgeSets, SetVerdict, setVerdicts } from "./sets";

export {
  ATTACHMENT_SEVERITY,
  auditExitCode,
  Finding,
  FINDING_KINDS,
  FindingKind,
  SEVERITIES,
  SEVERITY,
  Severity,
} from "./findings";
export { EffectiveAdmin } from "./holders";
export { EXPIRY_NOTICE_DAYS } from "./members";
export {
  accessOn,
  delegatedAdminPaths,
  delegatedAdminsOf,
  mayBeAdmin,
  partitionOfArn,
  setPolicies,
} from "./read";
export { SetVerdict } from "./sets";

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
  breakGlass: BreakGlassHolder[];
}

/** What the audit never sees, whatever the organization: said in every report. */
export const NOT_CHECKED = [
  "IAM users, roles and policies created inside the accounts (outside Identity Center)",
  "service control policies and resource control policies, which may deny what a set allows",
  "resource-based policies (S3 buckets, KMS keys, roles' trust policies)",
  // IAM's account access manager (2026, API account-access 2018-05-10): entitlements let Identity Center users
  // and groups assume existing IAM roles, beside permission sets. Its JavaScript client
  // (@aws-sdk/client-account-access, aws-sdk-js-v3 since 3.1108.0) could not be installed from the npm
  // registry when this was written, so nothing reads them: said rather than guessed.
  "IAM account access manager entitlements (Identity Center users and groups assuming existing IAM roles, outside permission sets): not read; list them with `aws account-access list-applications` and `aws account-access list-entitlements`",
];

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** The report's "not checked" line: what this organization's read left out, then what the audit never sees. */
function notChecked(live: AuditLive): string[] {
  const unreadable = live.permissionSets.some(
    (p) => p.meaning.unreadable.length > 0 || p.meaning.problems.length > 0,
  );
  const delegated = live.identityCenterDelegatedAdmins;
  return [
    ...(unreadable || live.unreadable.length > 0
      ? ["what the findings list as unreadable or unverifiable"]
      : []),
    // Without it, Identity Center administration from that account (assignments, group membership) is judged
    // on the management account only: said, never taken as none.
    ...(delegated && "unreadable" in delegated
      ? [
          `IAM Identity Center's delegated administrator account, which could not be read (${delegated.unreadable}): sets that can assign access or edit groups there (sso:CreateAccountAssignment, identitystore:CreateGroupMembership) are unverifiable wherever they are held`,
        ]
      : []),
    ...NOT_CHECKED,
  ];
}

/** The findings and the effective admins of the live organization against the stack's plan, at `now`. */
export function audit(plan: AdminAccessPlan, live: AuditLive, now: Date = new Date()): AuditReport {
  const findings = new Findings();
  const ctx = readContext(plan, live);
  judgeSets(ctx, findings);
  const { effectiveAdmins, breakGlass } = expandHolders(ctx, findings);
  missingGrants(ctx, findings);
  judgeMembers(ctx, effectiveAdmins, now, findings);

  const key = (e: EffectiveAdmin) => `${e.userName}|${e.accountId}|${e.permissionSet}|${e.via}`;
  return {
    version: 1,
    instanceArn: live.instanceArn,
    partition: live.partition,
    checked: {
      permissionSets: live.permissionSets.length,
      assignments: live.holders.length,
      accounts: live.accountsRead,
      notChecked: notChecked(live),
    },
    permissionSets: setVerdicts(live.permissionSets),
    findings: sortFindings(findings.list),
    effectiveAdmins: [...new Map(effectiveAdmins.map((e) => [key(e), e])).values()].sort(byKey(key)),
    breakGlass: breakGlass.sort(byKey((b) => b.userName)),
  };
}
