// Why drift's targets moved, pure (issue #37): the organization changes under a config that `pulumi up`
// accepted, so an account's tags may now put it in the stack's targets (a target with no grant) or out (a
// grant no selector reaches), and an accountNames entry may now name another account than the one holding the
// grant. Each reason says which tag and value, or which name and account, as the live organization has them.
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

/** The conditions an account's tags fail: `env is now staging`, `team is not set`. */
const failing = (targets: TargetSpec, tags: Readonly<Record<string, string>>) =>
  Object.entries(targets.accountTags)
    .flatMap(([key, values]) => {
      const value = ownValue(tags, key);
      if (value === undefined) return [`${key} is not set`];
      return values.includes(value) ? [] : [`${key} is now ${tagValue(value)}`];
    })
    .join(", ");

/** Why a target of the stack is selected now, for a target with no grant yet: its tags, or its name. */
export function newTargetReason(
  targets: TargetSpec,
  target: Pick<ResolvedTarget, "accountId" | "selectedBy">,
  accounts: readonly OrgAccount[] | undefined,
  strays: readonly string[],
): string | undefined {
  const account = accounts?.find((a) => a.id === target.accountId);
  const reasons: string[] = [];
  if (target.selectedBy.includes("accountTags") && account?.tags)
    reasons.push(`tags now select it: ${carried(targets, account.tags)}`);
  for (const by of target.selectedBy.filter((b) => b.startsWith("accountNames:"))) {
    const name = by.slice("accountNames:".length);
    reasons.push(
      `accountNames ${quoted(name)} names this account now` +
        (strays.length
          ? `, while the grant is on ${strays.join(", ")}, which no selector reaches: the name moved to another account (renamed?)`
          : ""),
    );
  }
  return reasons.length ? reasons.join("; ") : undefined;
}

/** Why an account holding the stack's grant is no longer selected: its tags, or a name that names another. */
export function strayReason(
  targets: TargetSpec,
  accountId: string,
  accounts: readonly OrgAccount[] | undefined,
  selected: readonly Pick<ResolvedTarget, "accountId" | "selectedBy">[],
  assigned: ReadonlySet<string>,
): string | undefined {
  const account = accounts?.find((a) => a.id === accountId);
  if (!account) return undefined;
  const reasons: string[] = [];
  // No selector reaches an account that is not ACTIVE; one reached is reported with the skipped reason instead.
  if (account.state !== "ACTIVE") reasons.push(`it is ${account.state}, not ACTIVE`);
  const tagged = Object.keys(targets.accountTags).length > 0;
  if (tagged && account.state === "ACTIVE" && account.tags && !matchesTags(account.tags, targets.accountTags))
    reasons.push(`tags no longer select it: ${failing(targets, account.tags)}`);
  for (const name of targets.accountNames.filter((n) => n !== account.name)) {
    const now = selected.find((t) => t.selectedBy.includes(`accountNames:${name}`));
    // Said only where the name's account holds no grant: the grant here is likely the name's before it moved.
    if (now && now.accountId !== accountId && !assigned.has(now.accountId))
      reasons.push(
        `accountNames ${quoted(name)} now names ${now.accountId}; this account is named ${quoted(account.name)} now`,
      );
  }
  return reasons.length ? `no selector includes it now: ${reasons.join("; ")}` : undefined;
}

/** Drift's items about grants, each missing grant with why its account is a target now. */
export function explainNewTargets(
  items: { kind: string; subject: string; detail: string }[],
  targets: TargetSpec,
  selected: readonly Pick<ResolvedTarget, "accountId" | "selectedBy">[],
  accounts: readonly OrgAccount[] | undefined,
): void {
  const strays = items.filter((i) => i.kind === "stray-grant").map((i) => i.subject);
  for (const item of items.filter((i) => i.kind === "missing-grant")) {
    const target = selected.find((t) => t.accountId === item.subject);
    const reason = target && newTargetReason(targets, target, accounts, strays);
    if (reason) item.detail += `: ${reason}`;
  }
}
