// What the selectors resolve to on both sides of a change (issue #37): the accounts a selector gains or loses
// (read from each assignment's selectedBy), and the account each accountNames entry names in the organization
// each side was resolved against. Account names are the organization's data, which a member account's own
// administrators can rename (account:PutAccountName): they are quoted wherever they are shown.
import { AdminAccessPlan } from "../../components/plan";
import { OrgAccount } from "../../components/targets";
import { Found, Sides } from "./changes";

type Assigned = AdminAccessPlan["assignments"][number];

/** An account as a reviewer reads it: its ID, and its name quoted. */
export const accountText = (a: { accountId: string; name?: string }): string =>
  a.name ? `${a.accountId} (${JSON.stringify(a.name)})` : a.accountId;

/** A selectedBy entry as text: `accountTags`, `accountNames "Prod"`, `organizationalUnits "ou-…"`. */
const selectorText = (by: string): string => {
  const at = by.indexOf(":");
  return at < 0 ? by : `${by.slice(0, at)} ${JSON.stringify(by.slice(at + 1))}`;
};
export const selectedByText = (selectedBy: readonly string[]): string =>
  selectedBy.map(selectorText).join(", ");

/** The accounts a selector reaches on one side, by the entries of selectedBy it accepts. */
const reached = (plan: AdminAccessPlan, by: (entry: string) => boolean): Assigned[] =>
  plan.assignments.filter((a) => a.selectedBy.some(by));

/** The accounts a selector reaches after and not before (gains), and before and not after (losses). */
export function selectorMoves(
  sides: Sides,
  by: (entry: string) => boolean,
): { gains: Assigned[]; losses: Assigned[] } {
  const [was, now] = [reached(sides.before, by), reached(sides.after, by)];
  const wasIds = new Set(was.map((a) => a.accountId));
  const nowIds = new Set(now.map((a) => a.accountId));
  return {
    gains: now.filter((a) => !wasIds.has(a.accountId)),
    losses: was.filter((a) => !nowIds.has(a.accountId)),
  };
}

/**
 * What a selector's change does to the accounts, in words: "gains 210987654321 ("Workloads Dev")", an account
 * another selector granted already said so, and an account lost that another selector still grants too.
 */
export function movesText(sides: Sides, moves: { gains: Assigned[]; losses: Assigned[] }): string {
  const assignedBefore = new Set(sides.before.assignments.map((a) => a.accountId));
  const assignedAfter = new Map(sides.after.assignments.map((a) => [a.accountId, a]));
  const gains = moves.gains.map((a) =>
    assignedBefore.has(a.accountId) ? `${accountText(a)}, granted already` : accountText(a),
  );
  const losses = moves.losses.map((a) => {
    const still = assignedAfter.get(a.accountId);
    return still ? `${accountText(a)}, still granted by ${selectedByText(still.selectedBy)}` : accountText(a);
  });
  const parts = [
    ...(gains.length ? [`gains ${gains.join("; ")}`] : []),
    ...(losses.length ? [`loses ${losses.join("; ")}`] : []),
  ];
  return parts.length ? parts.join("; ") : "gains and loses no account of the --org file";
}

/** The account a name resolves to in an organization's accounts, as resolution finds it (one, by exact name). */
export function accountNamed(
  name: string,
  accounts: readonly OrgAccount[] | undefined,
): OrgAccount | undefined {
  const matches = (accounts ?? []).filter((a) => a.name === name);
  return matches.length === 1 ? matches[0] : undefined;
}

/** One accountNames entry pinned: the account it names before and after (null: absent on that side). */
export interface NamePin {
  name: string;
  before: string | null;
  after: string | null;
}

/** Every accountNames entry of either side with the account it names there, in the order config lists them. */
export function namePins(sides: Sides): NamePin[] {
  const orgs = sides.ctx.organizations;
  if (!orgs) return [];
  const [was, now] = [sides.before.spec.targets.accountNames, sides.after.spec.targets.accountNames];
  const id = (name: string, listed: string[], accounts: readonly OrgAccount[] | undefined) =>
    listed.includes(name) ? (accountNamed(name, accounts)?.id ?? null) : null;
  return [...new Set([...now, ...was])].map((name) => ({
    name,
    before: id(name, was, orgs.before),
    after: id(name, now, orgs.after),
  }));
}

/**
 * A name on both sides that names another account now: access follows the name, so a rename (or a new account
 * of that name where the old one left) hands administrator access to another account.
 */
export function movedNames(sides: Sides): Found[] {
  const orgs = sides.ctx.organizations;
  if (!orgs) return [];
  const named = (id: string | null, accounts: readonly OrgAccount[] | undefined) =>
    id === null ? null : accountText({ accountId: id, name: accounts?.find((a) => a.id === id)?.name });
  return namePins(sides)
    .filter((p) => p.before !== null && p.after !== null && p.before !== p.after)
    .map((p) => ({
      direction: "widen",
      path: `accountNames[${JSON.stringify(p.name)}]`,
      old: named(p.before, orgs.before),
      new: named(p.after, orgs.after),
      why:
        `the name now names another account, which gets administrator access in its place: account names are ` +
        `neither unique nor fixed (a rename, or another account given the name, moves access with it)` +
        (orgs.same ? "" : `; resolved against ${orgs.beforeLabel} before and ${orgs.afterLabel} after`),
    }));
}
