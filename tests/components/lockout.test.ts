// Issue #25: no lockout, protection from deletion, break-glass users, the management account's own set and a
// delegated administrator kept out of the management account, each under mocks.
import * as assert from "assert";
import { spawnSync } from "child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { AdminAccessComponent, AdminAccessComponentArgs } from "../../components/adminAccess";
import { audit } from "../../analysis/audit";
import { AuditLive } from "../../analysis/views";
import { configProblems, validateConfig } from "../../components/config";
import { diffPlans, diffWarnings } from "../../analysis/diff";
import { keptOutWhenDelegated } from "../../components/families/managementPermissionSet";
import { lockoutLines, lockoutProblems, protectionOn } from "../../components/lockout";
import { AdminAccessPlan, planAdminAccess, TYPES } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { PlanReport, runPlan } from "../../scripts/plan";
import { auditedAdminSet, permissionSetArn, runIndexWith, validArgs } from "../fixtures";
import { MANAGEMENT_ACCOUNT, mocks, ORG_ACCOUNTS, ORG_UNITS, settled, valueOf } from "../mocks";

const ROOT = path.join(__dirname, "..", "..");

/**
 * The component's refusal, from a process of its own (see refusedComponent.ts); its exit status is the
 * runtime's complaint about the promises the failed registrations left, so only its report is read.
 */
function refused(args: Partial<AdminAccessComponentArgs>): { problems: string[]; registered: string[] } {
  const child = spawnSync(
    process.execPath,
    [
      "-r",
      "ts-node/register/transpile-only",
      path.join(__dirname, "refusedComponent.ts"),
      JSON.stringify(args),
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  return JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}");
}
const CALLER = "aws:index/getCallerIdentity:getCallerIdentity";
const asCaller = (accountId: string) =>
  mocks.respond(CALLER, () => ({
    accountId,
    arn: `arn:aws:iam::${accountId}:role/deployer`,
    userId: "A",
    id: accountId,
  }));

const ORG = {
  managementAccountId: MANAGEMENT_ACCOUNT,
  accounts: ORG_ACCOUNTS,
  organizationalUnits: { ...ORG_UNITS, "ou-empt-33333333": [] },
};
const ALICE = "{ userName: alice, email: alice@example.com, givenName: Alice, familyName: Liddell }";
const stack = (...lines: string[]) =>
  ["config:", "  aws:region: eu-west-1", "  admin-access:group: { displayName: Admins }", ...lines].join(
    "\n",
  );

/** The five configs of issue #25 under which no admin would hold access after the apply, and why. */
const ZERO_ADMIN: [what: string, yaml: string, reason: RegExp][] = [
  [
    "no admins",
    stack('  admin-access:accounts: ["111111111111"]', "  admin-access:admins: []"),
    /admins: no admin is listed: nobody would hold administrator access in the 1 targeted account/,
  ],
  [
    "every admin expired",
    stack(
      '  admin-access:accounts: ["111111111111"]',
      '  admin-access:admins: [{ userName: old, existing: true, expiresAt: "2020-01-01T00:00:00Z" }]',
    ),
    /admins: every admin's access has expired \(old \(2020-01-01T00:00:00Z\)\)/,
  ],
  [
    "every account excluded",
    stack(
      '  admin-access:organizationalUnits: ["ou-prod-11111111"]',
      '  admin-access:excludeAccounts: ["012345678901", "333333333333"]',
      `  admin-access:admins: [${ALICE}]`,
    ),
    /excludeAccounts: excludes every account the selectors match \(012345678901, 333333333333\)/,
  ],
  [
    "targets no account",
    stack('  admin-access:organizationalUnits: ["ou-empt-33333333"]', `  admin-access:admins: [${ALICE}]`),
    /accounts: the selectors match no account: the group would hold administrator access nowhere/,
  ],
  [
    "an empty target list",
    stack("  admin-access:accounts: []", `  admin-access:admins: [${ALICE}]`),
    /accounts: no target accounts: .*with no target nobody would hold administrator access after the apply/,
  ],
];

describe("lockout protection (#25)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "admin-access-lockout-"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    writeFileSync(path.join(dir, "org.json"), JSON.stringify(ORG));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const plan = (yaml: string, ...argv: string[]) => {
    writeFileSync(path.join(dir, "Pulumi.s.yaml"), yaml);
    return runPlan(["--stack", "s", "--org", "org.json", ...argv], dir);
  };

  for (const [what, yaml, reason] of ZERO_ADMIN) {
    it(`the plan refuses ${what}, with the reason and the override, and takes allowNoAdmins: true`, () => {
      const refused = plan(yaml);
      assert.strictEqual(refused.code, 1, refused.stdout);
      assert.match(refused.stderr, reason);
      assert.match(refused.stderr, /allowNoAdmins: true/);
      const allowed = plan(`${yaml}\n  admin-access:allowNoAdmins: true`, "--format", "json");
      assert.strictEqual(allowed.code, 0, allowed.stderr);
    });
  }

  it("the review diff marks an allowed lockout critical, and an emptied target list", () => {
    const before = stack('  admin-access:accounts: ["111111111111"]', `  admin-access:admins: [${ALICE}]`);
    writeFileSync(path.join(dir, "before.yaml"), before);
    const after = stack(
      "  admin-access:accounts: []",
      "  admin-access:admins: []",
      "  admin-access:allowNoAdmins: true",
    );
    const run = plan(after, "--against", "before.yaml", "--format", "json");
    assert.strictEqual(run.code, 0, run.stderr);
    const report: PlanReport = JSON.parse(run.stdout);
    assert.deepStrictEqual(report.diff?.critical, [
      "critical: accounts: the selectors match no account: the group would hold administrator access " +
        "nowhere after the apply (allowed by allowNoAdmins: true)",
      "critical: admins: no admin is listed: nobody would hold administrator access anywhere after the " +
        "apply (allowed by allowNoAdmins: true)",
      "critical: the targets go from 1 account(s) to none",
    ]);
    assert.deepStrictEqual(report.warnings?.slice(0, 3), report.diff?.critical);
    const text = plan(after, "--against", "before.yaml");
    assert.match(text.stdout, /^WARNING: critical: accounts: the selectors match no account/m);
  });

  it("a change that keeps an admin somewhere has no critical line", () => {
    const spec = validateConfig(validArgs());
    const p = planAdminAccess("aa", spec, resolveTargets(spec.targets, { organizationalUnits: {} }));
    assert.deepStrictEqual(lockoutLines(p, p), []);
    assert.deepStrictEqual(lockoutProblems(p), []);
  });

  it("the component refuses a lockout after resolving the targets, and registers no resource", () => {
    const { problems, registered } = refused({ admins: [] });
    assert.deepStrictEqual(registered, []);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0], /^admins: no admin is listed: .*; set allowNoAdmins: true if you mean it$/);
  });

  it("the component takes allowNoAdmins: true and assigns the (empty) group", async () => {
    const component = new AdminAccessComponent("aa", validArgs({ admins: [], allowNoAdmins: true }));
    assert.deepStrictEqual(await valueOf(component.accountIds), ["012345678901", "111111111111"]);
  });
});

describe("protection from deletion (#25)", () => {
  it("is on by default for stacks named prod or production, off elsewhere, as set when set", () => {
    assert.strictEqual(protectionOn(undefined, "prod"), true);
    assert.strictEqual(protectionOn(undefined, "Production"), true);
    assert.strictEqual(protectionOn(undefined, "dev"), false);
    assert.strictEqual(protectionOn(false, "prod"), false);
    assert.strictEqual(protectionOn(true, "dev"), true);
  });

  it("protects the set, the group and the users (retained too), never what ends access", async () => {
    const component = new AdminAccessComponent(
      "aa",
      validArgs({
        protect: true,
        admins: [
          ...validArgs().admins,
          { userName: "eve", existing: true, expiresAt: "2099-01-01T00:00:00Z" },
        ],
      }),
    );
    await valueOf(component.accountIds);
    await settled();
    const custom = mocks.registrations.filter((r) => r.custom);
    const protectedNames = custom
      .filter((r) => r.protect)
      .map((r) => r.name)
      .sort();
    assert.deepStrictEqual(protectedNames, [
      "aa-group",
      "aa-permission-set",
      "aa-user-alice",
      "aa-user-carol",
    ]);
    for (const user of mocks.ofType(TYPES.user)) assert.ok(user.retainOnDelete, `${user.name} is retained`);
    // Memberships, schedules and assignments must stay removable: an expiry or a removed account ends access.
    for (const type of [TYPES.membership, TYPES.assignment, TYPES.expirySchedule])
      assert.ok(
        mocks.ofType(type).every((r) => !r.protect && !r.retainOnDelete),
        type,
      );
  });

  it("is off under mocks' dev stack by default", async () => {
    await valueOf(new AdminAccessComponent("aa", validArgs()).accountIds);
    await settled();
    assert.ok(mocks.registrations.every((r) => !r.protect));
  });
});

const MGMT_ARGS = (overrides: Partial<AdminAccessComponentArgs> = {}) =>
  validArgs({
    accounts: ["111111111111", MANAGEMENT_ACCOUNT],
    includeManagementAccount: true,
    breakGlass: { users: ["bg-two", "bg-one"] },
    ...overrides,
  });

describe("the management account's own set and break-glass users (#25)", () => {
  it("registers a separate set for the management account, used by its assignment and by break-glass", async () => {
    asCaller(MANAGEMENT_ACCOUNT);
    const component = new AdminAccessComponent("aa", MGMT_ARGS({ protect: true }));
    await valueOf(component.accountIds);
    await settled();
    // Each account's role is named for the set it gets (#27).
    assert.deepStrictEqual(await valueOf(component.roleNamePrefixes), {
      "111111111111": "AWSReservedSSO_AdministratorAccess_",
      [MANAGEMENT_ACCOUNT]: "AWSReservedSSO_ManagementAdministratorAccess_",
    });
    // Its managed list is owned whole too (not its customer list, which config cannot declare), and waits as
    // long as one account takes.
    const lists = mocks.registrations.filter(
      (r) => r.name.startsWith("aa-management-") && r.name.endsWith("-policies"),
    );
    assert.deepStrictEqual(lists.map((r) => [r.name, r.customTimeouts.create]).sort(), [
      ["aa-management-managed-policies", "12m"],
    ]);
    // Its per-policy attachment of earlier releases leaves the state without a detach (#27's migration).
    const legacy = mocks.registrations.find((r) => r.name === "aa-management-policy-AdministratorAccess");
    assert.strictEqual(legacy?.retainOnDelete, true);
    const set = mocks.registrations.find((r) => r.name === "aa-management-permission-set");
    assert.ok(set);
    assert.deepStrictEqual(
      { name: set.inputs.name, sessionDuration: set.inputs.sessionDuration, protect: set.protect },
      { name: "ManagementAdministratorAccess", sessionDuration: "PT1H", protect: true },
    );
    const mgmtArn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-ManagementAdministratorAccess";
    const memberArn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-AdministratorAccess";
    const byName = (n: string) => mocks.registrations.find((r) => r.name === n)?.inputs;
    assert.strictEqual(byName(`aa-assignment-${MANAGEMENT_ACCOUNT}`)?.permissionSetArn, mgmtArn);
    assert.strictEqual(byName("aa-assignment-111111111111")?.permissionSetArn, memberArn);
    for (const user of ["bg-one", "bg-two"]) {
      const r = mocks.registrations.find((x) => x.name === `aa-break-glass-${user}`);
      assert.ok(r?.protect, `${user}'s assignment is protected`);
      assert.deepStrictEqual(
        { ...r.inputs, instanceArn: undefined },
        {
          instanceArn: undefined,
          permissionSetArn: mgmtArn,
          principalId: `existing-user-${user}`,
          principalType: "USER",
          targetId: MANAGEMENT_ACCOUNT,
          targetType: "AWS_ACCOUNT",
        },
      );
    }
    assert.ok(
      mocks.ofType(TYPES.policyAttachment).some((r) => r.name === "aa-management-policy-AdministratorAccess"),
    );
  });

  it("plan == registrations for a stack with the management set and break-glass", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-mgmt-"));
    try {
      copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      const yaml = stack(
        `  admin-access:accounts: ["111111111111", "${MANAGEMENT_ACCOUNT}"]`,
        "  admin-access:includeManagementAccount: true",
        "  admin-access:breakGlass: { users: [bg-one] }",
        "  admin-access:managementPermissionSet: { name: MgmtAdmin, sessionDuration: PT2H }",
        `  admin-access:admins: [${ALICE.replace(" }", ', expiresAt: "2099-01-01T00:00:00Z" }')}]`,
      );
      writeFileSync(path.join(dir, "Pulumi.m.yaml"), yaml);
      const run = runPlan(
        ["--stack", "m", "--format", "json", "--management-account", MANAGEMENT_ACCOUNT],
        dir,
      );
      assert.strictEqual(run.code, 0, run.stderr);
      const report: PlanReport = JSON.parse(run.stdout);
      asCaller(MANAGEMENT_ACCOUNT);
      await runIndexWith(yaml);
      const registered = mocks.registrations
        .filter((r) => r.custom)
        .map((r) => ({ type: r.type, name: r.name }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      assert.deepStrictEqual([...report.resources].sort(byName), registered.sort(byName));
      assert.deepStrictEqual(report.management, {
        accountId: MANAGEMENT_ACCOUNT,
        permissionSet: {
          name: "MgmtAdmin",
          sessionDuration: "PT2H",
          description: null,
          policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        },
        breakGlass: ["bg-one"],
        // The expiring admin's sessions are cut on this set too (#33): its inline policy is registered.
        sessionCuts: [{ instant: "2099-01-01T00:00:00Z", userNames: ["alice"] }],
      });
      assert.ok(report.resources.some((r) => r.name === "admin-access-management-inline-policy"));
      assert.deepStrictEqual(
        report.assignments.map((a) => [a.accountId, a.permissionSet]),
        [
          ["111111111111", "AdministratorAccess"],
          [MANAGEMENT_ACCOUNT, "MgmtAdmin"],
        ],
      );
      const text = runPlan(["--stack", "m", "--management-account", MANAGEMENT_ACCOUNT], dir).stdout;
      assert.match(
        text,
        new RegExp(`^Management account: ${MANAGEMENT_ACCOUNT}: its own set MgmtAdmin`, "m"),
      );
      assert.match(text, /^Break-glass \(USER, direct\): bg-one$/m);
      assert.match(
        text,
        /^Management set session cut: deny all at 2099-01-01T00:00:00Z \(inline policy\): alice$/m,
      );
      const markdown = runPlan(
        ["--stack", "m", "--format", "markdown", "--management-account", MANAGEMENT_ACCOUNT],
        dir,
      ).stdout;
      assert.match(markdown, /\| Break-glass \(USER, direct\) \| bg-one \|/);
      assert.match(markdown, /\| Management set session cut \| deny all at 2099-01-01T00:00:00Z/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("without includeManagementAccount the guard stays: no management set, and the sections are refused", () => {
    const spec = validateConfig(validArgs());
    const p = planAdminAccess("aa", spec, resolveTargets(spec.targets, ORG));
    assert.strictEqual(p.management, undefined);
    assert.deepStrictEqual(
      configProblems(validArgs({ breakGlass: { users: ["bg"] }, managementPermissionSet: { name: "M" } })),
      [
        "breakGlass: needs includeManagementAccount: true (without it the management account is never touched)",
        "managementPermissionSet: needs includeManagementAccount: true (without it the management account is never touched)",
      ],
    );
  });

  it("validates break-glass users and the set's name in the user's words, all at once", () => {
    assert.deepStrictEqual(
      configProblems(
        MGMT_ARGS({
          breakGlass: { users: ["a", "A", "b"] },
          managementPermissionSet: { name: "AdministratorAccess", sessionDuration: "PT13H" },
        }),
      ),
      [
        'managementPermissionSet.sessionDuration: "PT13H" is not valid: expected an ISO-8601 duration from PT1H to PT12H, such as PT4H or PT2H30M',
        "breakGlass.users: 3 user(s); name one or two existing users, who keep a direct assignment on the management account whatever happens to the group",
        'breakGlass.users[1]: "A" repeats breakGlass.users[0]; each break-glass user may appear once',
        'managementPermissionSet.name: "AdministratorAccess" is also permissionSet.name; the management account\'s set must be a separate set (a set provisioned there can only be changed from the management account)',
      ],
    );
    assert.match(
      configProblems(MGMT_ARGS({ breakGlass: { users: ["x::y"] } })).join("\n"),
      /breakGlass\.users\[0\]: "x::y" contains "::"/,
    );
    assert.match(
      configProblems(MGMT_ARGS({ breakGlass: { user: ["x"] } as never })).join("\n"),
      /breakGlass\.user: unknown key; did you mean "users"\?/,
    );
  });

  it("renaming the group or the member set replaces neither break-glass nor the management set", () => {
    const planOf = (args: AdminAccessComponentArgs) => {
      const spec = validateConfig(args);
      return planAdminAccess("aa", spec, resolveTargets(spec.targets, ORG));
    };
    const before = planOf(MGMT_ARGS());
    const after = planOf(MGMT_ARGS({ group: { displayName: "Other" }, permissionSet: { name: "Admins" } }));
    const replaced = diffPlans(before, after, "main").replaced.map((r) => r.name);
    assert.ok(replaced.includes("aa-assignment-111111111111"));
    for (const name of [
      "aa-break-glass-bg-one",
      "aa-break-glass-bg-two",
      "aa-management-permission-set",
      "aa-management-policy-AdministratorAccess",
    ])
      assert.ok(!replaced.includes(name), `${name} is not replaced`);
    assert.deepStrictEqual(diffWarnings(diffPlans(before, before, "main"), before), []);
  });
});

describe("a delegated Identity Center administrator (#25)", () => {
  it("keeps the management account out with a warning, before anything is registered", async () => {
    asCaller("123456789012");
    const component = new AdminAccessComponent("aa", MGMT_ARGS());
    assert.deepStrictEqual(await valueOf(component.accountIds), ["111111111111"]);
    await settled();
    const names = mocks.registrations.map((r) => r.name);
    assert.ok(
      !names.some(
        (n) => n.includes("management") || n.includes("break-glass") || n.endsWith(MANAGEMENT_ACCOUNT),
      ),
      names.join(", "),
    );
    assert.ok(
      mocks.logs.some(
        (l) =>
          l.severity === "warn" &&
          /account 123456789012's, a delegated administrator, which cannot manage assignments in the management account/.test(
            l.message,
          ),
      ),
    );
  });

  it("and when the management account was the only target, that is a lockout", () => {
    // The mocks' caller (123456789012) is not the management account.
    const { problems } = refused({ ...MGMT_ARGS(), accounts: [MANAGEMENT_ACCOUNT], instanceArn: undefined });
    assert.match(problems.join("\n"), /^accounts: the selectors match no account: .*set allowNoAdmins: true/);
  });

  it("from the management account itself nothing is kept out", () => {
    const spec = validateConfig(MGMT_ARGS());
    const r = resolveTargets(spec.targets, ORG);
    assert.strictEqual(keptOutWhenDelegated(r, MANAGEMENT_ACCOUNT), r);
    assert.deepStrictEqual(
      keptOutWhenDelegated(r, "123456789012").skipped.map((s) => s.accountId),
      [MANAGEMENT_ACCOUNT],
    );
  });
});

describe("the audit and break-glass (#25)", () => {
  const ARN = permissionSetArn;
  const adminSet = auditedAdminSet;

  const planned = (): AdminAccessPlan => {
    const spec = validateConfig(MGMT_ARGS({ admins: [{ userName: "bob", existing: true }] }));
    return planAdminAccess("aa", spec, resolveTargets(spec.targets, ORG));
  };
  const live = (holders: AuditLive["holders"]): AuditLive => ({
    instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
    partition: "aws",
    managementAccountId: MANAGEMENT_ACCOUNT,
    permissionSets: [adminSet("AdministratorAccess"), adminSet("ManagementAdministratorAccess")],
    holders,
    accountsRead: 2,
    group: { groupId: "g-1", displayName: "Platform Admins", members: ["bob"] },
    unreadable: [],
  });
  const group = (accountId: string, set: string) => ({
    accountId,
    permissionSetArn: ARN(set),
    principalType: "GROUP" as const,
    principalId: "g-1",
    principal: "Platform Admins",
    members: ["bob"],
  });
  const user = (userName: string, set: string) => ({
    accountId: MANAGEMENT_ACCOUNT,
    permissionSetArn: ARN(set),
    principalType: "USER" as const,
    principalId: `u-${userName}`,
    principal: userName,
    members: [],
  });

  it("lists the stack's break-glass users, reports no finding for them or for the management set", () => {
    const report = audit(
      planned(),
      live([
        group("111111111111", "AdministratorAccess"),
        group(MANAGEMENT_ACCOUNT, "ManagementAdministratorAccess"),
        user("bg-one", "ManagementAdministratorAccess"),
        user("bg-two", "ManagementAdministratorAccess"),
      ]),
    );
    assert.deepStrictEqual(report.findings, []);
    assert.deepStrictEqual(report.breakGlass, [
      { userName: "bg-one", accountId: MANAGEMENT_ACCOUNT, permissionSet: "ManagementAdministratorAccess" },
      { userName: "bg-two", accountId: MANAGEMENT_ACCOUNT, permissionSet: "ManagementAdministratorAccess" },
    ]);
    assert.ok(report.effectiveAdmins.some((e) => e.userName === "bg-one" && e.via === "USER"));
  });

  it("still reports a direct user grant that is not the stack's break-glass", () => {
    const report = audit(
      planned(),
      live([
        group("111111111111", "AdministratorAccess"),
        group(MANAGEMENT_ACCOUNT, "ManagementAdministratorAccess"),
        user("bg-one", "ManagementAdministratorAccess"),
        user("bg-two", "AdministratorAccess"),
        user("mallory", "ManagementAdministratorAccess"),
      ]),
    );
    assert.deepStrictEqual(
      report.findings.map((f) => [f.kind, f.userName]),
      [
        ["direct-user-grant", "bg-two"],
        ["direct-user-grant", "mallory"],
      ],
    );
    assert.deepStrictEqual(
      report.breakGlass.map((b) => b.userName),
      ["bg-one"],
    );
  });
});
