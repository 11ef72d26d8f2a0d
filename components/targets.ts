// Target resolution, pure: the selectors of a validated spec against a plain view of the organization,
// answered by AWS lookups in the component and by a file or flags in the offline plan.
import { AdminAccessConfigError } from "./errors";
import { TargetSpec } from "./spec";
import { closest } from "./text";
import { byKey, ownValue, show } from "./values";

export interface OrgAccount {
  id: string;
  name: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE; only ACTIVE accounts are expanded into. */
  state: string;
  /** The account's tags, once read (organizations.getResourceTags, or the org file); accountTags needs them. */
  tags?: Record<string, string>;
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
  /**
   * Which selectors brought the account in: "accounts", "organizationalUnits:ou-…", "accountNames:…",
   * "accountTags", "allAccounts".
   */
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
  /** What a reviewer should know but that stops nothing: a tag selector that matches no account, an exclusion gone stale. */
  notes: string[];
}

const MANAGEMENT_ACCOUNT_RISK =
  "administrator access there needs extra IAM permissions, cannot be managed from a delegated-admin " +
  "account and widens the blast radius; set includeManagementAccount: true if you mean it";

/** Which lookups resolution needs, so the component makes only those. */
export function needsAccountList(targets: TargetSpec): boolean {
  return targets.allAccounts || targets.accountNames.length > 0 || hasTagSelector(targets);
}

export const hasTagSelector = (targets: TargetSpec): boolean => Object.keys(targets.accountTags).length > 0;

/** Selectors whose accounts change with the organization, not with this config. */
const followsOrganization = (targets: TargetSpec): boolean =>
  hasTagSelector(targets) || targets.organizationalUnits.length > 0 || targets.allAccounts;

/**
 * The accounts whose tags accountTags needs: every ACTIVE account (the selector never reaches another), the
 * management account included, so that a match there is reported as left out rather than unseen.
 */
export function tagCandidates(targets: TargetSpec, accounts: readonly OrgAccount[]): OrgAccount[] {
  return hasTagSelector(targets) ? accounts.filter((a) => a.state === "ACTIVE") : [];
}

/** The accounts with the tags read for them, by account ID; an account not read keeps no `tags` (not read). */
export function withTagsRead(
  accounts: readonly OrgAccount[],
  tags: Readonly<Record<string, Record<string, string>>>,
): OrgAccount[] {
  return accounts.map((a) => {
    const read = ownValue(tags, a.id);
    return read ? { ...a, tags: read } : a;
  });
}

/** Whether tags carry every key of the selector, each with one of its values (keys and values case-sensitive). */
export function matchesTags(
  tags: Readonly<Record<string, string>>,
  wanted: TargetSpec["accountTags"],
): boolean {
  return Object.entries(wanted).every(
    ([key, values]) => Object.prototype.hasOwnProperty.call(tags, key) && values.includes(tags[key]),
  );
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
  const view = (a: OrgAccount): OrgAccount =>
    a.tags === undefined
      ? { id: a.id, name: a.name, state: a.state }
      : { id: a.id, name: a.name, state: a.state, tags: a.tags };
  const withList = needsAccountList(targets);
  if (withList && organization.accounts.length === 0) {
    const keys = [
      targets.accountNames.length > 0 && "accountNames",
      hasTagSelector(targets) && "accountTags",
      targets.allAccounts && "allAccounts",
    ];
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

/** What the selector steps share: the organization, what they selected, left out, and found wrong. */
interface Selection {
  targets: TargetSpec;
  org: OrganizationView;
  byId: Map<string, OrgAccount>;
  guardManagement: boolean;
  selected: Map<string, ResolvedTarget>;
  skipped: Map<string, string>;
  problems: string[];
  notes: string[];
}

function add(s: Selection, accountId: string, name: string | undefined, selector: string): void {
  const target = s.selected.get(accountId) ?? { accountId, name, selectedBy: [] };
  target.selectedBy.push(selector);
  s.selected.set(accountId, target);
}

/** An expansion (OU, allAccounts) reaches only ACTIVE accounts, and the management account only on request. */
function expand(s: Selection, account: OrgAccount, selector: string): void {
  if (account.state !== "ACTIVE") s.skipped.set(account.id, `not ACTIVE (${account.state})`);
  else if (s.guardManagement && account.id === s.org.managementAccountId) {
    s.skipped.set(account.id, "the management account (set includeManagementAccount: true to include it)");
  } else add(s, account.id, account.name, selector);
}

function requireList(s: Selection, at: string): OrgAccount[] {
  if (!s.org.accounts) s.problems.push(`${at}: needs the organization's account list, which was not given`);
  return s.org.accounts ?? [];
}

function selectAccounts(s: Selection): void {
  s.targets.accounts.forEach((id, i) => {
    if (s.guardManagement && id === s.org.managementAccountId) {
      s.problems.push(
        `accounts[${i}]: "${id}" is the organization's management account: ${MANAGEMENT_ACCOUNT_RISK}`,
      );
    } else if (s.org.accounts && !s.byId.has(id)) {
      s.problems.push(`accounts[${i}]: "${id}" is not an account of this organization`);
    } else if (s.byId.has(id) && s.byId.get(id)?.state !== "ACTIVE") {
      s.problems.push(`accounts[${i}]: "${id}" is ${s.byId.get(id)?.state}, not ACTIVE`);
    } else add(s, id, s.byId.get(id)?.name, "accounts");
  });
}

function selectOrganizationalUnits(s: Selection): void {
  s.targets.organizationalUnits.forEach((ou, i) => {
    const accounts = s.org.organizationalUnits[ou];
    if (!accounts) s.problems.push(`organizationalUnits[${i}]: "${ou}" was not found in the organization`);
    else for (const account of accounts) expand(s, account, `organizationalUnits:${ou}`);
  });
}

function selectAccountNames(s: Selection): void {
  if (s.targets.accountNames.length === 0) return;
  const all = requireList(s, "accountNames");
  if (all.length === 0) return; // requireList has reported it
  const names = [...new Set(all.map((a) => a.name))];
  s.targets.accountNames.forEach((name, i) => {
    const at = `accountNames[${i}]`;
    const matches = all.filter((a) => a.name === name);
    if (matches.length === 0) {
      const candidates = closest(name, names, 5);
      s.problems.push(
        `${at}: no account is named "${name}"; closest names: ${candidates.map((c) => `"${c}"`).join(", ")}`,
      );
    } else if (matches.length > 1) {
      const ids = matches.map((a) => a.id).join(", ");
      s.problems.push(
        `${at}: "${name}" names ${matches.length} accounts (${ids}); list the one you mean in accounts`,
      );
    } else if (s.guardManagement && matches[0].id === s.org.managementAccountId) {
      s.problems.push(
        `${at}: "${name}" is the organization's management account: ${MANAGEMENT_ACCOUNT_RISK}`,
      );
    } else if (matches[0].state !== "ACTIVE") {
      s.problems.push(`${at}: "${name}" (${matches[0].id}) is ${matches[0].state}, not ACTIVE`);
    } else add(s, matches[0].id, name, `accountNames:${name}`);
  });
}

/** Every ACTIVE account carrying each listed tag, with one of its values; the tags must have been read. */
function selectAccountTags(s: Selection): void {
  if (!hasTagSelector(s.targets)) return;
  const all = requireList(s, "accountTags");
  const candidates = tagCandidates(s.targets, all);
  const unread = candidates.filter((a) => a.tags === undefined);
  if (unread.length > 0) {
    const ids = unread.slice(0, 5).map((a) => a.id);
    s.problems.push(
      `accountTags: needs the tags of every ACTIVE account, but ${unread.length} have none recorded ` +
        `(${ids.join(", ")}${unread.length > ids.length ? ", …" : ""}); an organization file written before ` +
        "tags were recorded needs `npm run org-snapshot` again",
    );
    return;
  }
  const matched = candidates.filter((a) => matchesTags(a.tags ?? {}, s.targets.accountTags));
  for (const account of matched) expand(s, account, "accountTags");
  if (matched.length === 0) s.notes.push(noTagMatch(s.targets.accountTags, candidates));
}

/** A selector that matches nothing is most often a typo: the values the organization's accounts do carry. */
function noTagMatch(wanted: TargetSpec["accountTags"], candidates: readonly OrgAccount[]): string {
  const carried = Object.keys(wanted).map((key) => {
    const values = [...new Set(candidates.flatMap((a) => (a.tags && key in a.tags ? [a.tags[key]] : [])))];
    return values.length === 0
      ? `no account carries ${show(key)}`
      : `${show(key)} is ${values.slice(0, 10).map(show).join(", ")}${values.length > 10 ? ", …" : ""} on some`;
  });
  return `accountTags: selects no ACTIVE account; ${carried.join("; ")}`;
}

// An exclusion that excludes nothing is a slip (a transposed digit) that leaves the meant account granted.
function applyExclusions(s: Selection): void {
  s.targets.excludeAccounts.forEach((id, i) => {
    if (s.selected.delete(id)) s.skipped.set(id, "excludeAccounts");
    else if (s.org.accounts && !s.byId.has(id)) {
      s.problems.push(
        `excludeAccounts[${i}]: "${id}" is not an account of this organization, so it excludes nothing`,
      );
    } else if (s.byId.has(id) && !s.skipped.has(id) && followsOrganization(s.targets)) {
      // Tags and OUs change outside this config: an account they no longer reach must not block every deploy.
      s.notes.push(
        `excludeAccounts[${i}]: "${id}" is an account of this organization that no selector reaches now ` +
          "(its tags or OU may have changed), so it excludes nothing",
      );
    } else if (!s.skipped.has(id)) {
      // One a selector reached but left out anyway (suspended, the management account) is a fair safeguard.
      s.problems.push(
        `excludeAccounts[${i}]: "${id}" is not among the selected targets, so it excludes nothing; check the ID`,
      );
    }
  });
}

/** Resolves the selectors; throws one AdminAccessConfigError with every problem. */
export function resolveTargets(targets: TargetSpec, org: OrganizationView): Resolution {
  const s: Selection = {
    targets,
    org,
    byId: new Map((org.accounts ?? []).map((a) => [a.id, a])),
    guardManagement: !targets.includeManagementAccount && org.managementAccountId !== undefined,
    selected: new Map(),
    skipped: new Map(),
    problems: [],
    notes: [],
  };
  selectAccounts(s);
  selectOrganizationalUnits(s);
  selectAccountNames(s);
  selectAccountTags(s);
  if (targets.allAccounts)
    for (const account of requireList(s, "allAccounts")) expand(s, account, "allAccounts");
  applyExclusions(s);
  // No account left is a lockout, refused (unless allowed) by components/lockout.ts with its reason.
  if (s.problems.length > 0) throw new AdminAccessConfigError(s.problems);

  const byAccount = byKey((x: { accountId: string }) => x.accountId);
  return {
    targets: [...s.selected.values()].sort(byAccount),
    skipped: [...s.skipped]
      .filter(([id]) => !s.selected.has(id))
      .map(([accountId, reason]) => ({ accountId, reason }))
      .sort(byAccount),
    managementAccountId: org.managementAccountId,
    notes: s.notes,
  };
}
