import * as assert from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { runAudit } from "../../scripts/audit";
import { runPlan } from "../../scripts/plan";
import { withEnv } from "../live/env";
import { AdminAccessComponent } from "../../components/adminAccess";
import { AdminAccessConfigError, validateConfig } from "../../components/config";
import { sessionCuts, SESSION_USER_KEY, withSessionCuts } from "../../components/families/expiry";
import { planIdentity, TYPES } from "../../components/plan";
import { validArgs } from "../fixtures";
import { MANAGEMENT_ACCOUNT } from "../mocks";
import { mocks, settled, valueOf } from "../mocks";

const NOW = new Date("2026-12-01T00:00:00Z");
const ROOT = path.join(__dirname, "..", "..");

describe("live sessions cut at expiry (the inline policy's denies)", () => {
  it("one deny per instant, kept until a full sessionDuration has passed since it", () => {
    const admins = [
      { userName: "a", expiresAt: "2026-12-02T00:00:00Z" },
      { userName: "b", expiresAt: "2026-12-02T00:00:00Z" },
      { userName: "c", expiresAt: "2026-11-30T22:30:00Z" }, // expired 1h30 ago: a PT2H session may be live
      { userName: "d", expiresAt: "2026-11-30T21:00:00Z" }, // expired 3h ago: every session has run out
      { userName: "e" },
    ];
    assert.deepStrictEqual(sessionCuts(admins, "PT2H", NOW), [
      { instant: "2026-11-30T22:30:00Z", userNames: ["c"] },
      { instant: "2026-12-02T00:00:00Z", userNames: ["a", "b"] },
    ]);
    // Every accepted spelling of a duration keeps the deny as long: seconds too.
    for (const d of ["PT7200S", "PT120M", "PT1H59M60S"])
      assert.deepStrictEqual(sessionCuts(admins, d, NOW), sessionCuts(admins, "PT2H", NOW), d);
    assert.deepStrictEqual(
      withSessionCuts(undefined, [{ instant: "2026-12-02T00:00:00Z", userIds: ["u-a"] }]),
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Deny",
            Action: "*",
            Resource: "*",
            Condition: {
              StringEquals: { [SESSION_USER_KEY]: ["u-a"] },
              DateGreaterThan: { "aws:CurrentTime": "2026-12-02T00:00:00Z" },
            },
          },
        ],
      },
    );
  });

  it("an inline policy exists for the denies alone, in the plan and in what is registered", async () => {
    const admins = validArgs().admins.map((a, i) =>
      i === 0 ? { ...a, expiresAt: "2099-01-01T00:00:00Z" } : a,
    );
    const args = validArgs({ admins });
    const plan = planIdentity("aa", validateConfig(args));
    assert.ok(plan.resources.some((r) => r.type === TYPES.inlinePolicy && r.name === "aa-inline-policy"));
    const component = new AdminAccessComponent("aa", args);
    await valueOf(component.accountIds);
    await settled();
    const registered = mocks.registrations.find((r) => r.name === "aa-inline-policy");
    assert.ok(registered, "the inline policy is registered with no configured guardrail");
    const policy = JSON.parse(registered.inputs.inlinePolicy as string);
    const userId = await valueOf(component.userIds);
    assert.deepStrictEqual(policy.Statement, [
      {
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: {
          StringEquals: { "identitystore:UserId": [userId[admins[0].userName]] },
          DateGreaterThan: { "aws:CurrentTime": "2099-01-01T00:00:00Z" },
        },
      },
    ]);
  });

  it("no future or recent expiry, no inline policy", () => {
    const plan = planIdentity("aa", validateConfig(validArgs()));
    assert.ok(!plan.resources.some((r) => r.type === TYPES.inlinePolicy));
  });

  it("refuses, before anything is registered, denies that would not fit the inline policy", () => {
    const admins = Array.from({ length: 120 }, (_, i) => ({
      userName: `user${i}`,
      existing: true as const,
      expiresAt: new Date(Date.UTC(2099, 0, 1, 0, i)).toISOString().replace(".000", ""),
    }));
    const spec = validateConfig(validArgs({ admins }));
    assert.throws(
      () => planIdentity("aa", spec, NOW),
      (err: unknown) =>
        err instanceof AdminAccessConfigError &&
        /^admins\[\]\.expiresAt: the inline policy with the denies that cut the live sessions of 120 expiring admin\(s\) at 120 instant\(s\) would be up to \d+ bytes/.test(
          err.problems[0],
        ),
    );
    // The same admins sharing one instant share one statement, which fits.
    const shared = admins.map((a) => ({ ...a, expiresAt: "2099-01-01T00:00:00Z" }));
    assert.doesNotThrow(() => planIdentity("aa", validateConfig(validArgs({ admins: shared })), NOW));
  });
});

describe("the management account's set: session cuts and break-glass (#33)", () => {
  const asManagement = () =>
    mocks.respond("aws:index/getCallerIdentity:getCallerIdentity", () => ({
      accountId: MANAGEMENT_ACCOUNT,
      arn: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:role/deployer`,
      userId: "A",
      id: MANAGEMENT_ACCOUNT,
    }));
  const expiring = validArgs().admins.map((a, i) =>
    i === 0 ? { ...a, expiresAt: "2099-01-01T00:00:00Z" } : a,
  );
  const withManagement = (accounts: string[]) =>
    validArgs({
      accounts,
      includeManagementAccount: true,
      breakGlass: { users: ["bg-admin"] },
      admins: expiring,
    });

  it("an expiring admin's sessions are cut on the management set too, where the group holds it", async () => {
    asManagement();
    const component = new AdminAccessComponent("aa", withManagement(["111111111111", MANAGEMENT_ACCOUNT]));
    await valueOf(component.accountIds);
    await settled();
    const userId = await valueOf(component.userIds);
    const deny = (name: string) => {
      const registered = mocks.registrations.find((r) => r.name === name);
      assert.ok(registered, `${name} is registered`);
      return JSON.parse(registered.inputs.inlinePolicy as string).Statement;
    };
    const expected = [
      {
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: {
          StringEquals: { "identitystore:UserId": [userId[expiring[0].userName]] },
          DateGreaterThan: { "aws:CurrentTime": "2099-01-01T00:00:00Z" },
        },
      },
    ];
    assert.deepStrictEqual(deny("aa-inline-policy"), expected);
    assert.deepStrictEqual(deny("aa-management-inline-policy"), expected);
    const set = mocks.registrations.find((r) => r.name === "aa-management-inline-policy");
    assert.strictEqual(set?.type, TYPES.inlinePolicy);
  });

  it("no cut on the management set where only break-glass users hold it", async () => {
    asManagement();
    const component = new AdminAccessComponent("aa", withManagement(["111111111111"]));
    await valueOf(component.accountIds);
    await settled();
    assert.ok(mocks.registrations.some((r) => r.name === "aa-management-permission-set"));
    assert.ok(!mocks.registrations.some((r) => r.name === "aa-management-inline-policy"));
  });

  it("refuses expiresAt on a break-glass user, with both paths and why", () => {
    const args = withManagement(["111111111111", MANAGEMENT_ACCOUNT]);
    assert.throws(
      () => validateConfig({ ...args, breakGlass: { users: ["ALICE"] } }),
      (err: unknown) =>
        err instanceof AdminAccessConfigError &&
        err.problems.includes(
          'admins[0].expiresAt: "alice" is also breakGlass.users[0], whose direct assignment on the management ' +
            "account no expiry ends; remove expiresAt, or remove the user from breakGlass.users (a break-glass " +
            "user is the way back in and does not expire)",
        ),
    );
  });
});

describe("break-glass and expiry agree in plan, component and audit (#33)", () => {
  it("npm run plan and npm run audit refuse expiresAt on a break-glass user with the same words, before any AWS call", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-bg-expiry-"));
    try {
      copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      writeFileSync(
        path.join(dir, "Pulumi.dev.yaml"),
        readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")
          .replace('    - "210987654321"\n', `    - "210987654321"\n    - "${MANAGEMENT_ACCOUNT}"\n`)
          .replace(
            "    - userName: bob@example.com\n      existing: true",
            '    - userName: bob@example.com\n      existing: true\n      expiresAt: "2099-01-01T00:00:00Z"',
          ) +
          "  admin-access:includeManagementAccount: true\n  admin-access:breakGlass:\n    users: [bob@example.com]\n",
      );
      const words =
        'admins[1].expiresAt: "bob@example.com" is also breakGlass.users[0], whose direct assignment on the management account no expiry ends';
      const plan = runPlan(["--stack", "dev", "--management-account", MANAGEMENT_ACCOUNT], dir);
      assert.strictEqual(plan.code, 1, plan.stderr);
      assert.ok(plan.stderr.includes(words), plan.stderr);
      // No AWS is reachable here: the audit stops at the stack file, as the component does before registering.
      const audit = await withEnv({ AWS_ENDPOINT_URL: "http://127.0.0.1:9" }, () =>
        runAudit(["--stack", "dev"], dir),
      );
      assert.strictEqual(audit.code, 1, audit.stderr);
      assert.ok(audit.stderr.includes(words), audit.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
