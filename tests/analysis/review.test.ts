// Issue #22: a change approved from the diff must show every way it widens access. Each row is a change an
// attacker with commit access might make; each must appear in the diff at its path with its severity.
import * as assert from "assert";
import { AdminAccessComponentArgs } from "../../components/adminAccess";
import { validateConfig } from "../../components/config";
import { AccessChange, addChange, diffPlans, Severity, statementText } from "../../analysis/diff";
import { planAdminAccess } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { NEVER } from "../../analysis/review/rules";
import { validArgs } from "../fixtures";

type Args = AdminAccessComponentArgs & Record<string, unknown>;
const ORG = {
  managementAccountId: "999999999999",
  accounts: [
    { id: "111111111111", name: "prod", state: "ACTIVE" },
    { id: "012345678901", name: "dev", state: "ACTIVE" },
    { id: "222222222222", name: "audit", state: "ACTIVE" },
    { id: "333333333333", name: "billing", state: "ACTIVE" },
    { id: "999999999999", name: "management", state: "ACTIVE" },
  ],
  organizationalUnits: {
    "ou-ab12-aaaaaaaa": [{ id: "222222222222", name: "audit", state: "ACTIVE" }],
    "ou-ab12-bbbbbbbb": [{ id: "333333333333", name: "billing", state: "ACTIVE" }],
  },
};
const plan = (args: Args) => {
  const spec = validateConfig(args);
  return planAdminAccess("aa", spec, resolveTargets(spec.targets, ORG));
};
const changesOf = (before: Args, after: Args) =>
  diffPlans(plan(before), plan(after), "origin/main", { orgKnown: true }).changes;

const DENY = {
  Sid: "DenyTrail",
  Effect: "Deny",
  Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
  Resource: "*",
};
const DENY_ORG = {
  Sid: "DenyLeave",
  Effect: "Deny",
  Action: "organizations:LeaveOrganization",
  Resource: "*",
};
const guarded = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const base = validArgs() as Args;
const withPs = (ps: Record<string, unknown>, rest: Partial<Args> = {}): Args =>
  ({ ...base, ...rest, permissionSet: { ...base.permissionSet, ...ps } }) as Args;
const admins = (edit: (a: Record<string, unknown>[]) => Record<string, unknown>[]) =>
  ({
    ...base,
    admins: edit(structuredClone(base.admins) as unknown as Record<string, unknown>[]),
  }) as unknown as Args;
const alice = (fields: Record<string, unknown>) =>
  admins((list) => list.map((a) => (a.userName === "alice" ? { ...a, ...fields } : a)));
const BOUNDARY = { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" };

/** [what, before, after, path, severity] */
const HOSTILE: [string, Args, Args, string, Severity][] = [
  [
    "new admin (created)",
    base,
    admins((l) => [...l, { userName: "mallory", email: "m@evil.example", givenName: "M", familyName: "X" }]),
    "admins[mallory]",
    "critical",
  ],
  [
    "new admin (existing user)",
    base,
    admins((l) => [...l, { userName: "mallory", existing: true }]),
    "admins[mallory]",
    "critical",
  ],
  [
    "new account by ID",
    base,
    { ...base, accounts: [...base.accounts!, "222222222222"] } as Args,
    "accounts",
    "critical",
  ],
  [
    "new account reaches an assignment",
    base,
    { ...base, accounts: [...base.accounts!, "222222222222"] } as Args,
    "assignments",
    "critical",
  ],
  [
    "Deny flipped to Allow",
    withPs({ inlinePolicy: guarded(DENY) }),
    withPs({ inlinePolicy: guarded({ ...DENY, Effect: "Allow" }) }),
    "permissionSet.inlinePolicy.Statement[DenyTrail]",
    "critical",
  ],
  [
    "guardrail statement removed",
    withPs({ inlinePolicy: guarded(DENY, DENY_ORG) }),
    withPs({ inlinePolicy: guarded(DENY_ORG) }),
    "permissionSet.inlinePolicy.Statement[DenyTrail]",
    "critical",
  ],
  [
    "whole inline policy removed",
    withPs({ inlinePolicy: guarded(DENY) }),
    base,
    "permissionSet.inlinePolicy.Statement[DenyTrail]",
    "critical",
  ],
  [
    "guardrail loses an action",
    withPs({ inlinePolicy: guarded(DENY) }),
    withPs({ inlinePolicy: guarded({ ...DENY, Action: "cloudtrail:DeleteTrail" }) }),
    "permissionSet.inlinePolicy.Statement[DenyTrail]",
    "critical",
  ],
  [
    "guardrail narrowed to one resource",
    withPs({ inlinePolicy: guarded(DENY) }),
    withPs({ inlinePolicy: guarded({ ...DENY, Resource: "arn:aws:cloudtrail:*:*:trail/none" }) }),
    "permissionSet.inlinePolicy.Statement[DenyTrail]",
    "critical",
  ],
  [
    "guardrail gains a condition",
    withPs({ inlinePolicy: guarded(DENY) }),
    withPs({
      inlinePolicy: guarded({ ...DENY, Condition: { StringEquals: { "aws:PrincipalTag/team": "none" } } }),
    }),
    "permissionSet.inlinePolicy.Statement[DenyTrail]",
    "critical",
  ],
  [
    "guardrail Action turned NotAction",
    withPs({ inlinePolicy: guarded(DENY) }),
    withPs({
      inlinePolicy: guarded({ Sid: "DenyTrail", Effect: "Deny", NotAction: DENY.Action, Resource: "*" }),
    }),
    "permissionSet.inlinePolicy.Statement[DenyTrail]",
    "critical",
  ],
  [
    "guardrail renamed Sid, so a deny is removed",
    withPs({ inlinePolicy: guarded(DENY) }),
    withPs({ inlinePolicy: guarded({ ...DENY, Sid: "DenyTrail2", Effect: "Allow" }) }),
    "permissionSet.inlinePolicy.Statement[DenyTrail]",
    "critical",
  ],
  [
    "Allow with a deny-sounding Sid added",
    withPs({ inlinePolicy: guarded(DENY) }),
    withPs({
      inlinePolicy: guarded(DENY, {
        Sid: "DenyCloudTrailTampering",
        Effect: "Allow",
        Action: "*",
        Resource: "*",
      }),
    }),
    "permissionSet.inlinePolicy.Statement[DenyCloudTrailTampering]",
    "high",
  ],
  [
    "boundary removed",
    withPs({ permissionsBoundary: BOUNDARY }),
    base,
    "permissionSet.permissionsBoundary",
    "critical",
  ],
  [
    "boundary replaced",
    withPs({ permissionsBoundary: BOUNDARY }),
    withPs({ permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" } }),
    "permissionSet.permissionsBoundary",
    "critical",
  ],
  [
    "boundary turned customer-managed",
    withPs({ permissionsBoundary: BOUNDARY }),
    withPs({ permissionsBoundary: { customerManagedPolicy: { name: "Anything" } } }),
    "permissionSet.permissionsBoundary",
    "critical",
  ],
  [
    "customer-managed guardrail detached",
    withPs({ customerManagedPolicies: [{ name: "DenyAudit" }] }),
    base,
    "permissionSet.customerManagedPolicies",
    "critical",
  ],
  [
    "customer-managed policy swapped",
    withPs({ customerManagedPolicies: [{ name: "DenyAudit" }] }),
    withPs({ customerManagedPolicies: [{ name: "DenyAudit", path: "/other/" }] }),
    "permissionSet.customerManagedPolicies",
    "critical",
  ],
  [
    "customer-managed policy attached",
    base,
    withPs({ customerManagedPolicies: [{ name: "Extra" }] }),
    "permissionSet.customerManagedPolicies",
    "high",
  ],
  [
    "permission set flipped to existing",
    base,
    withPs({ existing: true, description: undefined, sessionDuration: undefined, tags: undefined }),
    "permissionSet.existing",
    "critical",
  ],
  [
    "expiry extended to 2099",
    alice({ expiresAt: "2026-12-08T00:00:00Z" }),
    alice({ expiresAt: "2099-01-01T00:00:00Z" }),
    "admins[alice].expiresAt",
    "critical",
  ],
  [
    "expiry removed",
    alice({ expiresAt: "2026-12-08T00:00:00Z" }),
    base,
    "admins[alice].expiresAt",
    "critical",
  ],
  [
    "expired admin revived",
    alice({ expiresAt: "2020-01-01T00:00:00Z" }),
    alice({ expiresAt: "2030-01-01T00:00:00Z" }),
    "admins[alice].expiresAt",
    "critical",
  ],
  [
    "email of an admin changed",
    base,
    alice({ email: "alice@evil.example" }),
    "admins[alice].email",
    "critical",
  ],
  [
    "admin flipped to existing",
    base,
    alice({ existing: true, email: undefined, givenName: undefined, familyName: undefined }),
    "admins[alice].existing",
    "critical",
  ],
  [
    "instance changed",
    base,
    { ...base, instanceArn: "arn:aws:sso:::instance/ssoins-abcdefabcdef0000" } as Args,
    "instanceArn",
    "critical",
  ],
  [
    "identity store changed",
    base,
    { ...base, identityStoreId: "d-0000000000" } as Args,
    "identityStoreId",
    "critical",
  ],
  [
    "portal URL pointed elsewhere",
    base,
    { ...base, accessPortalUrl: "https://evil.example/start" } as Args,
    "accessPortalUrl",
    "critical",
  ],
  [
    "portal URL changed",
    { ...base, accessPortalUrl: "https://d-123.awsapps.com/start" } as Args,
    { ...base, accessPortalUrl: "https://d-124.awsapps.com/start" } as Args,
    "accessPortalUrl",
    "critical",
  ],
  [
    "relay state set",
    base,
    withPs({ relayState: "https://evil.example/console" }),
    "permissionSet.relayState",
    "critical",
  ],
  [
    "relay state changed",
    withPs({ relayState: "https://console.aws.amazon.com/" }),
    withPs({ relayState: "https://console.aws.amazon.com.evil.example/" }),
    "permissionSet.relayState",
    "critical",
  ],
  [
    "exclusion removed",
    { ...base, accounts: [], allAccounts: true, excludeAccounts: ["111111111111"] } as Args,
    { ...base, accounts: [], allAccounts: true } as Args,
    "excludeAccounts",
    "critical",
  ],
  [
    "OU added",
    base,
    { ...base, organizationalUnits: ["ou-ab12-aaaaaaaa"] } as Args,
    "organizationalUnits",
    "critical",
  ],
  [
    "OU swapped",
    { ...base, organizationalUnits: ["ou-ab12-aaaaaaaa"] } as Args,
    { ...base, organizationalUnits: ["ou-ab12-bbbbbbbb"] } as Args,
    "organizationalUnits",
    "critical",
  ],
  ["account name added", base, { ...base, accountNames: ["billing"] } as Args, "accountNames", "critical"],
  ["allAccounts turned on", base, { ...base, allAccounts: true } as Args, "allAccounts", "critical"],
  [
    "management account let in",
    { ...base, allAccounts: true } as Args,
    { ...base, allAccounts: true, includeManagementAccount: true } as Args,
    "includeManagementAccount",
    "critical",
  ],
  [
    "existing group adopted",
    base,
    { ...base, group: { displayName: "Platform Admins", existing: true } } as Args,
    "group.existing",
    "critical",
  ],
  [
    "existing group swapped",
    { ...base, group: { displayName: "Admins", existing: true } } as Args,
    { ...base, group: { displayName: "Everyone", existing: true } } as Args,
    "group.displayName",
    "critical",
  ],
  [
    "session duration raised",
    base,
    withPs({ sessionDuration: "PT12H" }),
    "permissionSet.sessionDuration",
    "high",
  ],
  [
    "break-glass user added",
    { ...base, includeManagementAccount: true } as Args,
    { ...base, includeManagementAccount: true, breakGlass: { users: ["mallory"] } } as Args,
    "breakGlass.users",
    "critical",
  ],
  [
    "management-account sessions made longer",
    { ...base, includeManagementAccount: true } as Args,
    {
      ...base,
      includeManagementAccount: true,
      managementPermissionSet: { sessionDuration: "PT12H" },
    } as Args,
    "managementPermissionSet.sessionDuration",
    "high",
  ],
  [
    "a looked-up admin turned into a created user with the attacker's address",
    base,
    admins((l) =>
      l.map((a) =>
        a.existing
          ? { userName: a.userName, email: "mallory@evil.example", givenName: "M", familyName: "X" }
          : a,
      ),
    ),
    "admins[bob].email",
    "critical",
  ],
  ["permission set renamed", base, withPs({ name: "Other" }), "permissionSet.name", "high"],
  [
    "group renamed",
    base,
    { ...base, group: { displayName: "Other Admins" } } as Args,
    "group.displayName",
    "high",
  ],
  ["display name changed", base, alice({ displayName: "Bob Smith" }), "admins[alice].displayName", "high"],
  ["secret setting dropped", { ...base, secretSettings: ["group"] } as Args, base, "secretSettings", "high"],
  [
    "Allow statement added",
    withPs({ inlinePolicy: guarded(DENY) }),
    withPs({ inlinePolicy: guarded(DENY, { Effect: "Allow", Action: "iam:*", Resource: "*" }) }),
    "permissionSet.inlinePolicy.Statement[#1]",
    "high",
  ],
  ["admin removed", base, admins((l) => l.filter((a) => a.userName !== "carol")), "admins[carol]", "info"],
  ["account removed", base, { ...base, accounts: ["111111111111"] } as Args, "assignments", "info"],
  [
    "expiry shortened",
    alice({ expiresAt: "2099-01-01T00:00:00Z" }),
    alice({ expiresAt: "2027-01-01T00:00:00Z" }),
    "admins[alice].expiresAt",
    "info",
  ],
  [
    "session duration lowered",
    base,
    withPs({ sessionDuration: "PT1H" }),
    "permissionSet.sessionDuration",
    "info",
  ],
  [
    "guardrail added",
    base,
    withPs({ inlinePolicy: guarded(DENY) }),
    "permissionSet.inlinePolicy.Statement[DenyTrail]",
    "info",
  ],
  [
    "tag changed (#33: a tag can decide who edits or assigns the set)",
    base,
    withPs({ tags: { owner: "someone-else" } }),
    "permissionSet.tags[owner]",
    "high",
  ],
  [
    "exclusion added",
    { ...base, accounts: [], allAccounts: true } as Args,
    { ...base, accounts: [], allAccounts: true, excludeAccounts: ["111111111111"] } as Args,
    "excludeAccounts",
    "info",
  ],
];

const EVENTS = {
  repository: "my-org/platform",
  eventType: "org-changed",
  tokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:github-token-AbCdEf",
};
const withEvents = (o: Partial<typeof EVENTS>) => ({ ...base, orgEvents: { ...EVENTS, ...o } }) as Args;
const VARIABLE_DENY = {
  Sid: "DenyOwnKeys",
  Effect: "Deny",
  Action: "iam:DeleteAccessKey",
  Resource: "arn:aws:iam::*:user/${aws:username}",
};
const existingSet = (name: string) => ({ ...base, permissionSet: { name, existing: true } }) as Args;

/** Issue #33: every config key has a rule; [what, before, after, path, severity]. */
const KEYED: [string, Args, Args, string, Severity][] = [
  [
    "orgEvents repository re-pointed",
    withEvents({}),
    withEvents({ repository: "evil/x" }),
    "orgEvents.repository",
    "critical",
  ],
  [
    "orgEvents token secret re-pointed",
    withEvents({}),
    withEvents({ tokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:other-AbCdEf" }),
    "orgEvents.tokenSecretArn",
    "critical",
  ],
  [
    "orgEvents event type changed",
    withEvents({}),
    withEvents({ eventType: "other" }),
    "orgEvents.eventType",
    "high",
  ],
  ["orgEvents removed: the alarm goes off", withEvents({}), base, "orgEvents", "high"],
  ["orgEvents added: a token goes to a repository", base, withEvents({}), "orgEvents", "critical"],
  ["allowNoAdmins turned on", base, { ...base, allowNoAdmins: true } as Args, "allowNoAdmins", "high"],
  [
    "an existing set re-pointed from ReadOnlyAccess to AdministratorAccess",
    existingSet("ReadOnlyAccess"),
    existingSet("AdministratorAccess"),
    "permissionSet.name",
    "critical",
  ],
  [
    "Version changed under a policy variable",
    withPs({ inlinePolicy: guarded(VARIABLE_DENY) }),
    withPs({ inlinePolicy: { ...guarded(VARIABLE_DENY), Version: "2008-10-17" } }),
    "permissionSet.inlinePolicy.Version",
    "critical",
  ],
  [
    "Version changed, no variable",
    withPs({ inlinePolicy: guarded(DENY) }),
    withPs({ inlinePolicy: { ...guarded(DENY), Version: "2008-10-17" } }),
    "permissionSet.inlinePolicy.Version",
    "high",
  ],
  [
    "management set tag changed",
    { ...base, includeManagementAccount: true } as Args,
    { ...base, includeManagementAccount: true, managementPermissionSet: { tags: { team: "x" } } } as Args,
    "managementPermissionSet.tags[team]",
    "high",
  ],
  [
    "a created admin's phone number changed",
    base,
    alice({ phoneNumber: "+1 555 0100" }),
    "admins[alice].phoneNumber",
    "info",
  ],
];

describe("the access changes (issue #22)", () => {
  it(`lists all ${HOSTILE.length} hostile changes, each at its path with its severity`, () => {
    assert.ok(HOSTILE.length >= 40);
    const missed: string[] = [];
    for (const [what, before, after, path, severity] of HOSTILE) {
      const changes = changesOf(before, after);
      for (const c of changes) if (!c.why || c.why === NEVER) missed.push(`${what}: ${c.path} has no why`);
      if (!changes.some((c) => c.path === path && c.severity === severity)) {
        missed.push(`${what}: no ${severity} at ${path} in ${JSON.stringify(changes)}`);
      }
    }
    assert.deepStrictEqual(missed, []);
  });

  it(`lists all ${KEYED.length} changes to keys that had no line before #33, each with its severity`, () => {
    const missed = KEYED.flatMap(([what, before, after, path, severity]) => {
      const changes = changesOf(before, after);
      return changes.some((c) => c.path === path && c.severity === severity)
        ? []
        : [`${what}: no ${severity} at ${path} in ${JSON.stringify(changes)}`];
    });
    assert.deepStrictEqual(missed, []);
  });

  it("protect off is critical where it was on by default (prod, production), high elsewhere", () => {
    const [on, off] = [{ ...base, protect: true } as Args, { ...base, protect: false } as Args];
    const at = (stack: string) =>
      diffPlans(plan(on), plan(off), "x", { orgKnown: true, stack }).changes.filter(
        (c) => c.path === "protect",
      );
    assert.deepStrictEqual(
      at("prod").map((c) => c.severity),
      ["critical"],
    );
    assert.deepStrictEqual(
      at("Production").map((c) => c.severity),
      ["critical"],
    );
    assert.deepStrictEqual(
      at("dev").map((c) => c.severity),
      ["high"],
    );
    // On prod, unset is on: turning it on explicitly changes nothing.
    const unset = diffPlans(plan(base), plan(on), "x", { orgKnown: true, stack: "prod" }).changes;
    assert.deepStrictEqual(
      unset.filter((c) => c.path === "protect"),
      [],
    );
  });

  it("statement order and Sids are not changes: a Sid-only rename is info, never a removed guardrail", () => {
    const A = { Sid: "A", Effect: "Deny", Action: "cloudtrail:StopLogging", Resource: "*" };
    const B = { Sid: "B", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" };
    const strip = ({ Sid: _, ...st }: Record<string, unknown>) => st;
    const swapped = changesOf(
      withPs({ inlinePolicy: guarded(A, B) }),
      withPs({ inlinePolicy: guarded({ ...A, Sid: "B" }, { ...B, Sid: "A" }) }),
    );
    // The policy's text still changes, so the set is reprovisioned (a `high` fan-out line, analysis/review/fanout.ts).
    assert.deepStrictEqual(
      swapped.filter((c) => c.path !== "permissionSet").map((c) => [c.severity, c.path, c.old, c.new]),
      [
        ["info", "permissionSet.inlinePolicy.Statement[A]", "Sid A", "Sid B"],
        ["info", "permissionSet.inlinePolicy.Statement[B]", "Sid B", "Sid A"],
      ],
    );
    const reordered = changesOf(
      withPs({ inlinePolicy: guarded(strip(A), strip(B)) }),
      withPs({ inlinePolicy: guarded(strip(B), { ...strip(A), Action: ["cloudtrail:StopLogging"] }) }),
    );
    assert.deepStrictEqual(reordered, []);
    const renamed = changesOf(
      withPs({ inlinePolicy: guarded(A) }),
      withPs({ inlinePolicy: guarded({ ...A, Sid: "C" }) }),
    );
    const own = renamed.filter((c) => c.path !== "permissionSet");
    assert.deepStrictEqual(
      own.map((c) => c.severity),
      ["info"],
    );
    assert.match(own[0].why, /only the Sid changes/);
  });

  it("an unchanged config changes nothing; the list is critical first", () => {
    assert.deepStrictEqual(changesOf(base, base), []);
    const [, before, after] = HOSTILE[0];
    const changes = changesOf(before, withPs({ sessionDuration: "PT1H" }, { admins: after.admins }));
    assert.deepStrictEqual(
      changes.map((c) => c.severity),
      // high: the session change reprovisions the set (analysis/review/fanout.ts).
      ["critical", "high", "info"],
    );
  });

  it("a selector's effect on accounts is stated only with --org", () => {
    const before = plan(base);
    const after = plan({ ...base, organizationalUnits: ["ou-ab12-aaaaaaaa"] } as Args);
    const known = diffPlans(before, after, "x", { orgKnown: true }).changes.find(
      (c) => c.path === "organizationalUnits",
    );
    const unknown = diffPlans(before, after, "x").changes.find((c) => c.path === "organizationalUnits");
    assert.match(known?.why ?? "", /resolved from the --org file/);
    assert.match(unknown?.why ?? "", /shows only with --org/);
  });

  it("a changed statement shows what changed, by meaning", () => {
    const [c] = changesOf(
      withPs({ inlinePolicy: guarded(DENY) }),
      withPs({ inlinePolicy: guarded({ ...DENY, Effect: "Allow" }) }),
    );
    assert.deepStrictEqual(c, {
      severity: "critical",
      path: "permissionSet.inlinePolicy.Statement[DenyTrail]",
      old: "Deny cloudtrail:StopLogging, cloudtrail:DeleteTrail on *",
      new: "Allow cloudtrail:StopLogging, cloudtrail:DeleteTrail on *",
      why: "a guardrail flips from Deny to Allow: what it denied is allowed",
    });
    assert.strictEqual(
      statementText({
        Effect: "Deny",
        NotAction: "s3:Get*",
        NotResource: ["a", "b"],
        Condition: { Bool: { x: "1" } },
      }),
      'Deny every action except s3:Get* on every resource except a, b when {"Bool":{"x":"1"}}',
    );
  });

  it("others append their lines through addChange, which keeps critical first", () => {
    const changes: AccessChange[] = [{ severity: "info", path: "a", old: null, new: "1", why: "x" }];
    addChange(changes, { severity: "high", path: "fanOut", old: null, new: "12 accounts", why: "y" });
    addChange(changes, { severity: "critical", path: "admins", old: "1", new: "0", why: "no admins left" });
    assert.deepStrictEqual(
      changes.map((c) => c.path),
      ["admins", "fanOut", "a"],
    );
  });
});

describe("guardrail lines the red team found wrong (#33)", () => {
  it("a Deny whose actions change only in case is no change: IAM matches action names case-insensitively", () => {
    const upper = { ...DENY, Action: ["CloudTrail:StopLogging", "CLOUDTRAIL:DeleteTrail"] };
    const lines = changesOf(
      withPs({ inlinePolicy: guarded(DENY) }),
      withPs({ inlinePolicy: guarded(upper) }),
    );
    assert.deepStrictEqual(
      lines.filter((c) => c.severity === "critical"),
      [],
    );
  });

  it("an added Deny of every action that applies under a condition is high, not info: it may lock admins out", () => {
    const mfa = {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    };
    const lines = changesOf(
      withPs({ inlinePolicy: guarded(DENY) }),
      withPs({ inlinePolicy: guarded(DENY, mfa) }),
    );
    const added = lines.find(
      (c) => c.path.startsWith("permissionSet.inlinePolicy.Statement") && c.old === null,
    );
    assert.strictEqual(added?.severity, "high", JSON.stringify(lines));
    assert.match(added?.why ?? "", /locked out/);
    // An unconditioned narrow Deny stays info.
    const plain = changesOf(withPs({}), withPs({ inlinePolicy: guarded(DENY_ORG) }));
    assert.strictEqual(plain.find((c) => c.path.startsWith("permissionSet.inlinePolicy"))?.severity, "info");
  });
});
