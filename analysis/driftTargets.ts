// Why a grant is missing or stray, pure (issue #37): the organization changes under a config that `pulumi up`
// accepted, so an account's tags may put it in the stack's targets (a target with no grant) or out (a grant no
// selector reaches), and an accountNames entry may name another account than the one holding the grant. Each
// reason says which tag and value, or which name and account, as the live organization has them now.
import { TargetSpec } from "../components/spec";
import { matchesTags, OrgAccount, ResolvedTarget } from "../components/targets";
import { ownValue } from "../components/values";

const quoted = (s: string) => JSON.stringify(s);
/** A tag value as read: bare when plain (env=prod), quoted when empty or with spaces or other characters. */
export const tagValue = (v: string) => (/^[\w.:/=+@-]+$/.test(v) ? v : quoted(v));

/** The selector's tags an account carries, as `env=prod`, for an account accountTags selects. */
const carried = (targets: TargetSpec, tags: Readonly<Record<string, string>>) =>
  Object.keys(targets.accountTags)
    .map((key) => `${key}=${tagValue(ownValue(tags, key) ?? "")}`)
    .join(", ");

/** The conditions an account's tags fail, as they are now (drift knows no history): `env is staging`, `team is not set`. */
const failing = (targets: TargetSpec, tags: Readonly<Record<string, string>>) =>
  Object.entries(targets.accountTags)
    .flatMap(([key, values]) => {
      const value = ownValue(tags, key);
      if (value === undefined) return [`${key} is not set`];
      return values.includes(value) ? [] : [`${key} is ${tagValue(value)}`];
    })
    .join(", ");

// Drift reads AWS as it is, not as it was: no reason claims a change (a retag, a rename) it cannot see, since
// a grant deleted or added by hand looks the same. Each says what is true now; the hint names the likely stories.

/** Why an account no selector reaches may hold the stack's grant: the stories drift cannot tell apart. */
export const STRAY_HINT = "(moved out of an OU, renamed, left, or granted by hand?)";

/** Why a target of the stack is selected, for a target with no grant: its tags, or its name. */
export function newTargetReason(
  targets: TargetSpec,
  target: Pick<ResolvedTarget, "accountId" | "selectedBy">,
  accounts: readonly OrgAccount[] | undefined,
): string | undefined {
  const account = accounts?.find((a) => a.id === target.accountId);
  const reasons: string[] = [];
  if (target.selectedBy.includes("accountTags") && account?.tags)
    reasons.push(`selected by accountTags (${carried(targets, account.tags)})`);
  for (const by of target.selectedBy.filter((b) => b.startsWith("accountNames:")))
    reasons.push(`selected by accountNames ${quoted(by.slice("accountNames:".length))}`);
  return reasons.length ? reasons.join("; ") : undefined;
}

/** Why an account holding the stack's grant is not selected: its state, its tags, its name, as they are now. */
export function strayReason(
  targets: TargetSpec,
  accountId: string,
  accounts: readonly OrgAccount[] | undefined,
  selected: readonly Pick<ResolvedTarget, "accountId" | "selectedBy">[],
  assigned: ReadonlySet<string>,
): string {
  const account = accounts?.find((a) => a.id === accountId);
  // No selector reaches an account that is not ACTIVE; one reached is reported with the skipped reason instead.
  if (account && account.state !== "ACTIVE")
    return `no selector includes it: it is ${account.state}, not ACTIVE`;
  const reasons: string[] = [];
  if (
    account?.tags &&
    Object.keys(targets.accountTags).length > 0 &&
    !matchesTags(account.tags, targets.accountTags)
  )
    reasons.push(`its tags do not match accountTags (${failing(targets, account.tags)})`);
  if (account && targets.accountNames.length > 0 && !targets.accountNames.includes(account.name)) {
    // A name whose account holds no grant is a fact worth seeing beside this grant (a rename would look so),
    // said as a fact: a grant deleted by hand there and one added by hand here look the same.
    const bare = targets.accountNames.flatMap((name) => {
      const now = selected.find((t) => t.selectedBy.includes(`accountNames:${name}`));
      return now && !assigned.has(now.accountId)
        ? [`accountNames ${quoted(name)} names ${now.accountId}, which holds no grant`]
        : [];
    });
    reasons.push(`its name ${quoted(account.name)} is not in accountNames`, ...bare);
  }
  return `no selector includes it ${STRAY_HINT}` + (reasons.length ? `: ${reasons.join("; ")}` : "");
}

/** Drift's items about grants, each missing grant with why its account is a target now. */
export function explainNewTargets(
  items: { kind: string; subject: string; detail: string }[],
  targets: TargetSpec,
  selected: readonly Pick<ResolvedTarget, "accountId" | "selectedBy">[],
  accounts: readonly OrgAccount[] | undefined,
): void {
  for (const item of items.filter((i) => i.kind === "missing-grant")) {
    const target = selected.find((t) => t.accountId === item.subject);
    const reason = target && newTargetReason(targets, target, accounts);
    if (reason) item.detail += `: ${reason}`;
  }
}
