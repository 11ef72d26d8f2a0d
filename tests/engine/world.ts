// The simulated AWS that the stand-in provider (provider.ts) writes and the live reader's fake
// (tests/live/fakeAws.ts) serves: one FakeOrganization in a JSON file, so that `pulumi up`, `npm run adopt`
// and `npm run audit` see one AWS. Beside it: what the scenario's config declares (for the invariants),
// every provider call made, and every invariant broken after a call.
import { readFileSync, writeFileSync } from "fs";
import { administratorPolicyArn } from "../../components/arns";
import { FakeOrganization, FakeUser } from "../live/fakeAws";

/** A user with the identity-store fields the program manages beyond what the live fake serves. */
export type WorldUser = FakeUser & Record<string, unknown>;

/** What the config before and after the running step both declare; checked after every provider call. */
export interface Expectation {
  scenario: string;
  /** The permission set's names before and after the step. */
  setNames: string[];
  inlinePolicy: boolean;
  /** Customer-managed policies as path + name. */
  customerPolicies: string[];
  /** Acceptable boundaries (an ARN or path + name); empty when none is declared. */
  boundary: string[];
  /** Accounts that keep their grant through the step: never without an admin. */
  keep: string[];
}

export interface World {
  org: Omit<FakeOrganization, "users"> & { users: WorldUser[] };
  /** Resources the program makes outside Identity Center (the expiry role, policy, schedules), by ID. */
  others: Record<string, Record<string, unknown>>;
  seq: number;
  expect?: Expectation;
  calls: { scenario: string; op: string; type: string; name: string }[];
  violations: { scenario: string; call: string; problems: string[]; state: string }[];
}

/** A userName whose lookup the stand-in provider refuses, as AWS does a caller without identitystore:GetUserId. */
export const DENIED_USER = "denied@example.com";

export const loadWorld = (file: string): World => JSON.parse(readFileSync(file, "utf8")) as World;
export const saveWorld = (file: string, world: World) => writeFileSync(file, JSON.stringify(world, null, 1));

export const refText = (r: { Name: string; Path?: string }) => `${r.Path ?? "/"}${r.Name}`;
export const boundaryText = (b: NonNullable<FakeOrganization["permissionSets"][number]["boundary"]>) =>
  b.ManagedPolicyArn ?? refText(b.CustomerManagedPolicyReference as { Name: string; Path?: string });

/** The invariants, each a sentence naming what broke; empty when the world is sound. */
export function invariantProblems(world: World): string[] {
  const { org, expect } = world;
  const problems: string[] = [];
  const dupes = (kind: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) problems.push(`uniqueness: two ${kind} ${k}`);
      seen.add(k);
    }
  };
  dupes(
    "permission sets named",
    org.permissionSets.map((p) => p.name),
  );
  dupes(
    "groups named",
    org.groups.map((g) => g.displayName),
  );
  dupes(
    "users named",
    org.users.map((u) => u.userName.toLowerCase()),
  );
  dupes(
    "memberships of",
    org.memberships.map((m) => `${m.groupId}/${m.userId}`),
  );
  dupes(
    "assignments of",
    org.assignments.map((a) => `${a.permissionSetArn} ${a.principalType} ${a.principalId} ${a.accountId}`),
  );
  if (!expect) return problems;

  const sets = org.permissionSets.filter((p) => expect.setNames.includes(p.name));
  for (const set of sets) {
    const assigned = org.assignments.filter((a) => a.permissionSetArn === set.arn);
    if (assigned.length === 0) continue;
    const accounts = [...new Set(assigned.map((a) => a.accountId))].join(", ");
    const missing: string[] = [];
    // The access itself: an assigned set without it grants nothing, even for a moment (#27's migration).
    if (!(set.managedPolicies ?? []).includes(administratorPolicyArn("aws")))
      missing.push("AdministratorAccess");
    if (expect.inlinePolicy && !set.inlinePolicy) missing.push("its inline policy");
    const refs = new Set((set.customerManagedPolicies ?? []).map(refText));
    for (const p of expect.customerPolicies) if (!refs.has(p)) missing.push(`customer policy ${p}`);
    const boundary = set.boundary && boundaryText(set.boundary);
    if (expect.boundary.length > 0 && !(boundary && expect.boundary.includes(boundary)))
      missing.push(`its boundary (${expect.boundary.join(" or ")}; has ${boundary ?? "none"})`);
    for (const m of missing)
      problems.push(`guardrail: ${set.name} is assigned in ${accounts} while it lacks ${m}`);
  }
  for (const account of expect.keep) {
    const admins = org.assignments
      .filter((a) => a.accountId === account && sets.some((s) => s.arn === a.permissionSetArn))
      .flatMap((a) =>
        a.principalType === "USER"
          ? [a.principalId]
          : org.memberships.filter((m) => m.groupId === a.principalId).map((m) => m.userId),
      );
    if (admins.length === 0) problems.push(`admins: account ${account} keeps its grant but has no admin`);
  }
  return problems;
}

/** A short picture of the state, for a failure message. */
export function stateText(world: World): string {
  const { org } = world;
  return [
    `sets: ${org.permissionSets.map((p) => `${p.name}(inline:${!!p.inlinePolicy} boundary:${p.boundary ? boundaryText(p.boundary) : "-"})`).join(" ")}`,
    `groups: ${org.groups.map((g) => g.displayName).join(", ")}`,
    `users: ${org.users.map((u) => u.userName).join(", ")}`,
    `memberships: ${org.memberships.length}`,
    `assignments: ${org.assignments.map((a) => `${a.accountId}/${a.principalType}`).join(" ")}`,
  ].join("; ");
}
