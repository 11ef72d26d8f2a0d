// The account IDs a stack lists in `accounts` that are not accounts of the organization: a transposed
// digit, or an account that left. `pulumi up` would try to grant administrator access there (Identity Center
// assigns only the organization's accounts, so it fails, and the account meant gets nothing); the audit
// reports each as a high finding, kept apart from audit() so that its engine does not change for it.
import { Finding, FINDING_KINDS, SEVERITIES, SEVERITY } from "./findings";
import type { AuditReport } from "./index";

/** The listed IDs outside the organization, with their index in `accounts`. */
export function accountsOutside(
  accounts: readonly string[],
  organization: readonly string[],
): { index: number; accountId: string }[] {
  const known = new Set(organization);
  return accounts.flatMap((accountId, index) => (known.has(accountId) ? [] : [{ index, accountId }]));
}

/** The report with a finding for each listed account outside the organization, in the report's order. */
export function withAccountsOutside(
  report: AuditReport,
  outside: readonly { index: number; accountId: string }[],
): AuditReport {
  const kind = "account-outside-organization";
  const added: Finding[] = outside.map(({ index, accountId }) => ({
    kind,
    severity: SEVERITY[kind],
    accountId,
    detail: `accounts[${index}]: "${accountId}" is not an account of this organization; pulumi up would try to grant administrator access there`,
  }));
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity) * 100 + FINDING_KINDS.indexOf(f.kind);
  // A stable sort: the report's own order within a rank is kept.
  const findings = [...report.findings, ...added].sort((a, b) => rank(a) - rank(b));
  return { ...report, findings };
}
