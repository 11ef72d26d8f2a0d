// Target resolution, pure: the selectors of a validated spec against a plain view of the organization,
// answered by AWS lookups in the component and by a file or flags in the offline plan.
import { AdminAccessConfigError } from "./errors";
import { TargetSpec } from "./spec";
import { closest } from "./text";
import { byKey } from "./values";

export interface OrgAccount {
  id: string;
  name: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE; only ACTIVE accounts are expanded into. */
  state: string;
}

export interface OrganizationView {
  /** Undefined only offline when nobody said; the management-account rule then goes unchecked. */
  managementAccountId?: string;
  /** Every account of the organization; needed by accountNames and allAccounts. */
  accounts?: OrgAccount[];
  /** The accounts below each selected OU, nested OUs included. */
  organizationalUnits: Record<string, OrgAccount[]>;
}

export interface ResolvedTarget {
  accountId: string;
  name?: string;
  /** Which selectors brought the account in: "accounts", "organizationalUnits:ou-…", "accountNames:…", "allAccounts". */
  selectedBy: string[];
}

export interface SkippedAccount {
  accountId: string;
  reason: string;
}

export interface Resolution {
  /** Deduplicated and sorted by account ID. */
  targets: ResolvedTarget[];
  /** Accounts a selector reached but that were left out, and why. */
  skipped: SkippedAccount[];
  /** The organization's management account, which owns the Identity Center instance; unknown offline. */
  managementAccountId?: string;
}

const MANAGEMENT_ACCOUNT_RISK =
  "administrator access there needs extra IAM permissions, cannot be managed from a delegated-admin " +
  "account and widens the blast radius; set includeManagementAccount: true if you mean it";

/** Which lookups resolution needs, so the component makes only those. */
export function needsAccountList(targets: TargetSpec): boolean {
  return targets.allAccounts || targets.accountNames.length > 0;
}

/**
 * The provider's (or the live reader's) answers as a plain view, extra fields dropped. Called from an
 * account that may not list the organization's accounts, organizations.getOrganization answers an empty
 * list instead of failing
 * (hashicorp/terraform-provider-aws internal/service/organizations/organization_data_source.go ignores
 * ListAccounts' AccessDeniedException outside the management account); an organization always has its
 * management account, so an empty list means "not allowed", never "no accounts".
 */
export function organizationView(
  targets: TargetSpec,
  organization: { masterAccountId: string; accounts: OrgAccount[] },
  organizationalUnits: Record<string, OrgAccount[]>,
): OrganizationView {
  const view = (a: OrgAccount): OrgAccount => ({ id: a.id, name: a.name, state: a.state });
  const withList = needsAccountList(targets);
  if (withList && organization.accounts.length === 0) {
    const keys = [targets.accountNames.length > 0 && "accountNames", targets.allAccounts && "allAccounts"];
    throw new AdminAccessConfigError(
      keys
        .filter((k): k is string => typeof k === "string")
        .map(
          (key) =>
            `${key}: needs the organization's account list, but these credentials cannot list the ` +
            `organization's accounts (organizations:ListAccounts is denied, so the provider answered an empty ` +
            `list). Deploy from the management account or an Organizations delegated administrator allowed ` +
            `organizations:ListAccounts, or list the account IDs in accounts`,
        ),
    );
  }
  return {
    managementAccountId: organization.masterAccountId,
    accounts: withList ? organization.accounts.map(view) : undefined,
    organizationalUnits: Object.fromEntries(
      Object.entries(organizationalUnits).map(([ou, accounts]) => [ou, accounts.map(view)]),
    ),
  };
}

/** Resolves the selectors; throws one AdminAccessConfigError with every problem. */
export function resolveTargets(targets: TargetSpec, org: OrganizationView): Resolution {
  const problems: string[] = [];
  const selected = new Map<string, ResolvedTarget>();
  const skipped = new Map<string, string>();
  const byId = new Map((org.accounts ?? []).map((a) => [a.id, a]));
  const management = org.managementAccountId;
  const guardManagement = !targets.includeManagementAccount && management !== undefined;

  const add = (accountId: string, name: string | undefined, selector: string) => {
    const target = selected.get(accountId) ?? { accountId, name, selectedBy: [] };
    target.selectedBy.push(selector);
    selected.set(accountId, target);
  };
  /** An expansion (OU, allAccounts) reaches only ACTIVE accounts, and the management account only on request. */
  const expand = (account: OrgAccount, selector: string) => {
    if (account.state !== "ACTIVE") skipped.set(account.id, `not ACTIVE (${account.state})`);
    else if (guardManagement && account.id === management) {
      skipped.set(account.id, "the management account (set includeManagementAccount: true to include it)");
    } else add(account.id, account.name, selector);
  };
  const requireList = (at: string) => {
    if (!org.accounts) problems.push(`${at}: needs the organization's account list, which was not given`);
    return org.accounts ?? [];
  };

  targets.accounts.forEach((id, i) => {
    if (guardManagement && id === management) {
      problems.push(
        `accounts[${i}]: "${id}" is the organization's management account: ${MANAGEMENT_ACCOUNT_RISK}`,
      );
    } else if (org.accounts && !byId.has(id)) {
      problems.push(`accounts[${i}]: "${id}" is not an account of this organization`);
    } else if (byId.has(id) && byId.get(id)?.state !== "ACTIVE") {
      problems.push(`accounts[${i}]: "${id}" is ${byId.get(id)?.state}, not ACTIVE`);
    } else add(id, byId.get(id)?.name, "accounts");
  });

  targets.organizationalUnits.forEach((ou, i) => {
    const accounts = org.organizationalUnits[ou];
    if (!accounts) problems.push(`organizationalUnits[${i}]: "${ou}" was not found in the organization`);
    else for (const account of accounts) expand(account, `organizationalUnits:${ou}`);
  });

  if (targets.accountNames.length > 0) {
    const all = requireList("accountNames");
    const names = [...new Set(all.map((a) => a.name))];
    targets.accountNames.forEach((name, i) => {
      if (all.length === 0) return; // requireList has reported it
      const at = `accountNames[${i}]`;
      const matches = all.filter((a) => a.name === name);
      if (matches.length === 0) {
        const candidates = closest(name, names, 5);
        problems.push(
          `${at}: no account is named "${name}"; closest names: ${candidates.map((c) => `"${c}"`).join(", ")}`,
        );
      } else if (matches.length > 1) {
        const ids = matches.map((a) => a.id).join(", ");
        problems.push(
          `${at}: "${name}" names ${matches.length} accounts (${ids}); list the one you mean in accounts`,
        );
      } else if (guardManagement && matches[0].id === management) {
        problems.push(
          `${at}: "${name}" is the organization's management account: ${MANAGEMENT_ACCOUNT_RISK}`,
        );
      } else if (matches[0].state !== "ACTIVE") {
        problems.push(`${at}: "${name}" (${matches[0].id}) is ${matches[0].state}, not ACTIVE`);
      } else add(matches[0].id, name, `accountNames:${name}`);
    });
  }

  if (targets.allAccounts) for (const account of requireList("allAccounts")) expand(account, "allAccounts");

  // An exclusion that excludes nothing is a slip (a transposed digit) that leaves the meant account granted.
  targets.excludeAccounts.forEach((id, i) => {
    if (selected.delete(id)) skipped.set(id, "excludeAccounts");
    else if (org.accounts && !byId.has(id)) {
      problems.push(
        `excludeAccounts[${i}]: "${id}" is not an account of this organization, so it excludes nothing`,
      );
    } else if (!skipped.has(id)) {
      // One a selector reached but left out anyway (suspended, the management account) is a fair safeguard.
      problems.push(
        `excludeAccounts[${i}]: "${id}" is not among the selected targets, so it excludes nothing; check the ID`,
      );
    }
  });
  // No account left is a lockout, refused (unless allowed) by components/lockout.ts with its reason.
  if (problems.length > 0) throw new AdminAccessConfigError(problems);

  const byAccount = byKey((x: { accountId: string }) => x.accountId);
  return {
    targets: [...selected.values()].sort(byAccount),
    skipped: [...skipped]
      .filter(([id]) => !selected.has(id))
      .map(([accountId, reason]) => ({ accountId, reason }))
      .sort(byAccount),
    managementAccountId: management,
  };
}
