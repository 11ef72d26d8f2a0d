// The scenarios, as data: stack configs and the single changes applied to them, and what each step's
// config declares (world.ts Expectation). The runner is scenarios.engine.ts.
import { Expectation } from "./world";

export type StackConfig = Record<string, unknown>;

const NS = "admin-access";
const get = <T>(c: StackConfig, key: string) => c[`${NS}:${key}`] as T;
const set = (c: StackConfig, key: string, value: unknown): StackConfig => {
  const next = { ...c, [`${NS}:${key}`]: value };
  if (value === undefined) delete next[`${NS}:${key}`];
  return next;
};
type Admin = Record<string, unknown> & { userName: string };
type PermissionSet = Record<string, unknown> & {
  name?: string;
  inlinePolicy?: unknown;
  customerManagedPolicies?: { name: string; path?: string }[];
  permissionsBoundary?: {
    managedPolicyArn?: string;
    customerManagedPolicy?: { name: string; path?: string };
  };
};
const ps = (c: StackConfig) => get<PermissionSet | undefined>(c, "permissionSet") ?? {};
const admins = (c: StackConfig) => get<Admin[]>(c, "admins");
const withSet = (c: StackConfig, change: Partial<PermissionSet>) => {
  const next: PermissionSet = { ...ps(c), ...change };
  for (const k of Object.keys(change)) if (change[k] === undefined) delete next[k];
  return set(c, "permissionSet", next);
};
const withAdmin = (c: StackConfig, userName: string, change: Record<string, unknown>) =>
  set(
    c,
    "admins",
    admins(c).map((a) => (a.userName === userName ? { ...a, ...change } : a)),
  );

export const POWER_USER = "arn:aws:iam::aws:policy/PowerUserAccess";
export const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
export const ADMINISTRATOR = "arn:aws:iam::aws:policy/AdministratorAccess";
export const DENY_STOP_LOGGING = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "cloudtrail:StopLogging", Resource: "*" }],
};

/** A stack with every guardrail, two created admins and one that exists (synced by SCIM). */
export const GUARDED: StackConfig = {
  "aws:region": "eu-west-1",
  [`${NS}:permissionSet`]: {
    name: "PlatformAdmin",
    sessionDuration: "PT2H",
    inlinePolicy: DENY_STOP_LOGGING,
    customerManagedPolicies: [{ name: "BaselineProtection" }],
    permissionsBoundary: { managedPolicyArn: POWER_USER },
  },
  [`${NS}:group`]: { displayName: "Guarded Admins" },
  [`${NS}:accounts`]: ["012345678901", "210987654321"],
  [`${NS}:admins`]: [
    { userName: "ann", email: "ann@example.com", givenName: "Ann", familyName: "Lee" },
    { userName: "cat", email: "cat@example.com", givenName: "Cat", familyName: "Stevens" },
    { userName: "bob@example.com", existing: true },
  ],
};

/** The table of single changes, applied one after the other to GUARDED: each key of the config moves. */
export const CHANGES: { name: string; change: (c: StackConfig) => StackConfig }[] = [
  {
    // Not ReadOnlyAccess (#33): under it the set grants no administrator access, which the lockout check refuses.
    name: "change the boundary",
    change: (c) => withSet(c, { permissionsBoundary: { managedPolicyArn: ADMINISTRATOR } }),
  },
  { name: "remove the boundary", change: (c) => withSet(c, { permissionsBoundary: undefined }) },
  {
    name: "change guardrails: another inline policy and customer policy",
    change: (c) =>
      withSet(c, {
        inlinePolicy: {
          ...DENY_STOP_LOGGING,
          Statement: [{ ...DENY_STOP_LOGGING.Statement[0], Action: "cloudtrail:DeleteTrail" }],
        },
        customerManagedPolicies: [{ name: "BaselineProtection" }, { name: "NoRegionOptIn", path: "/guard/" }],
      }),
  },
  {
    name: "add a boundary",
    change: (c) => withSet(c, { permissionsBoundary: { customerManagedPolicy: { name: "AdminBoundary" } } }),
  },
  {
    name: "change the boundary to a managed policy",
    change: (c) => withSet(c, { permissionsBoundary: { managedPolicyArn: POWER_USER } }),
  },
  { name: "change the session duration", change: (c) => withSet(c, { sessionDuration: "PT4H" }) },
  { name: "rename the group", change: (c) => set(c, "group", { displayName: "Guarded Platform Admins" }) },
  { name: "rename the permission set", change: (c) => withSet(c, { name: "PlatformAdministrator" }) },
  {
    name: "add an admin",
    change: (c) =>
      set(c, "admins", [
        ...admins(c),
        { userName: "dan", email: "dan@example.com", givenName: "Dan", familyName: "Brown" },
      ]),
  },
  {
    name: "remove an admin",
    change: (c) =>
      set(
        c,
        "admins",
        admins(c).filter((a) => a.userName !== "dan"),
      ),
  },
  {
    name: "add an account",
    change: (c) => set(c, "accounts", [...get<string[]>(c, "accounts"), "111111111111"]),
  },
  {
    name: "remove an account",
    change: (c) =>
      set(
        c,
        "accounts",
        get<string[]>(c, "accounts").filter((a) => a !== "012345678901"),
      ),
  },
  {
    name: "target an OU instead",
    change: (c) => set(set(c, "accounts", undefined), "organizationalUnits", ["ou-prod-11111111"]),
  },
  { name: "change an email", change: (c) => withAdmin(c, "ann", { email: "ann.lee@example.com" }) },
  { name: "expire an admin", change: (c) => withAdmin(c, "cat", { expiresAt: "2020-01-01T00:00:00Z" }) },
];

/** The guardrails a config declares, in the world's terms. */
function guardrails(c: StackConfig) {
  const p = ps(c);
  const b = p.permissionsBoundary;
  const ref = (r: { name: string; path?: string }) => `${r.path ?? "/"}${r.name}`;
  return {
    inlinePolicy: p.inlinePolicy !== undefined,
    customerPolicies: (p.customerManagedPolicies ?? []).map(ref),
    boundary: b ? [b.managedPolicyArn ?? ref(b.customerManagedPolicy as { name: string })] : [],
  };
}

/** The accounts a config names (explicitly or by the seeded OU). */
function accountsOf(c: StackConfig): string[] {
  const ous = get<string[] | undefined>(c, "organizationalUnits") ?? [];
  return [
    ...(get<string[] | undefined>(c, "accounts") ?? []),
    ...(ous.length ? ["012345678901", "333333333333"] : []),
  ];
}

/** What must hold at every moment of a step from `before` to `after`: what both declare. */
export function expectation(
  scenario: string,
  before: StackConfig | undefined,
  after: StackConfig,
): Expectation {
  const a = guardrails(after);
  const b = before ? guardrails(before) : a;
  const kept = before ? accountsOf(before).filter((x) => accountsOf(after).includes(x)) : [];
  return {
    scenario,
    setNames: [
      ...new Set([
        ps(after).name ?? "AdministratorAccess",
        ...(before ? [ps(before).name ?? "AdministratorAccess"] : []),
      ]),
    ],
    inlinePolicy: a.inlinePolicy && b.inlinePolicy,
    customerPolicies: a.customerPolicies.filter((p) => b.customerPolicies.includes(p)),
    boundary: a.boundary.length && b.boundary.length ? [...new Set([...a.boundary, ...b.boundary])] : [],
    keep: kept,
  };
}
