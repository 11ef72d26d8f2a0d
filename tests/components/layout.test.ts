// What the one-family-one-module layout must keep: every URN, plan == registrations for every family,
// positions as written in errors, and the set's attachments replaced with it in the review diff.
import * as assert from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { AdminAccessAdminArgs, AdminAccessComponentArgs } from "../../components/adminAccess";
import { AdminAccessConfigError, validateConfig } from "../../components/config";
import { diffPlans } from "../../analysis/diff";
import { planAdminAccess, TYPES } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { shape as adminShape } from "../../components/validation/admins";
import { runPlan } from "../../scripts/plan";
import { runIndex, runIndexWith, validArgs } from "../fixtures";
import { MANAGEMENT_ACCOUNT, mocks, ORG_ACCOUNTS } from "../mocks";
import { GUARDED_STACK, SELECTOR_STACK } from "../stacks";

/** Compile-time: the Args interface the schema publishes and the admin shape zod checks have the same keys. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const adminKeysInLockstep: Same<keyof AdminAccessAdminArgs, keyof typeof adminShape> = true;

const ROOT = path.join(__dirname, "..", "..");
const golden: Record<string, string[]> = JSON.parse(
  readFileSync(path.join(ROOT, "tests", "urns.golden.json"), "utf8"),
);
// Sorted: the relative order of unrelated registrations follows when their inputs resolve (the expiry policy
// now waits for its members' user IDs), which the dependency tests in adminAccess.test.ts cover.
const urns = () => mocks.registrations.map((r) => r.urn).sort();
/**
 * The golden's URNs plus what #27 added beside every created permission set: the exclusive policy lists
 * (`<set>-managed-policies`, `<set>-customer-policies`); every URN the golden has is kept.
 */
const withPolicyLists = (golden: string[]) =>
  [
    ...golden,
    ...golden.flatMap((urn) => {
      const m = /^(.*)\$aws:ssoadmin\/permissionSet:PermissionSet::(.*)-permission-set$/.exec(urn);
      return m
        ? [
            `${m[1]}$${TYPES.managedPolicies}::${m[2]}-managed-policies`,
            `${m[1]}$${TYPES.customerPolicies}::${m[2]}-customer-policies`,
          ]
        : [];
    }),
  ].sort();

describe("the layout keeps", () => {
  it("the admin Args interface and the admin shape in lockstep", () => {
    assert.strictEqual(adminKeysInLockstep, true);
  });

  // tests/urns.golden.json was written by the code before the layout change (commit f9de152).
  it("every URN of the example stacks", async () => {
    await runIndex("Pulumi.dev.yaml");
    assert.deepStrictEqual(urns(), withPolicyLists(golden["Pulumi.dev.yaml"]));
    mocks.reset();
    await runIndexWith(SELECTOR_STACK);
    assert.deepStrictEqual(urns(), withPolicyLists(golden.selector));
    mocks.reset();
    await runIndexWith(GUARDED_STACK());
    assert.deepStrictEqual(urns(), withPolicyLists(golden.guarded));
  });

  describe("plan == registrations", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "admin-access-layout-"));
      copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("for a stack with guardrails, a boundary, lanes and expiries (past and to come)", async () => {
      const stackFile = path.join(dir, "Pulumi.guarded.yaml");
      writeFileSync(stackFile, GUARDED_STACK());
      const run = runPlan(["--stack", "guarded", "--format", "json"], dir);
      assert.strictEqual(run.code, 0, run.stderr);
      const planned: { type: string; name: string }[] = JSON.parse(run.stdout).resources;
      await runIndex(stackFile);
      const registered = mocks.registrations
        .filter((r) => r.custom)
        .map((r) => ({ type: r.type, name: r.name }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      assert.deepStrictEqual([...planned].sort(byName), registered.sort(byName));
      for (const type of [
        TYPES.inlinePolicy,
        TYPES.customerPolicy,
        TYPES.permissionsBoundary,
        TYPES.expirySchedule,
      ]) {
        assert.ok(
          planned.some((r) => r.type === type),
          `the fixture covers ${type}`,
        );
      }
    });
  });

  it("errors that cite accounts[i] of the list as written, not sorted", () => {
    const spec = validateConfig(
      validArgs({ accounts: ["111111111111", MANAGEMENT_ACCOUNT, "012345678901"] }),
    );
    const org = { managementAccountId: MANAGEMENT_ACCOUNT, accounts: ORG_ACCOUNTS, organizationalUnits: {} };
    assert.throws(
      () => resolveTargets(spec.targets, org),
      (err: AdminAccessConfigError) =>
        err.problems.length === 1 &&
        err.problems[0].startsWith(
          `accounts[1]: "${MANAGEMENT_ACCOUNT}" is the organization's management account`,
        ),
    );
  });

  it("a renamed permission set replaces every attachment on it, guardrails included", () => {
    const guarded = (name: string): AdminAccessComponentArgs =>
      validArgs({
        permissionSet: {
          name,
          inlinePolicy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Deny", Action: "cloudtrail:StopLogging", Resource: "*" }],
          },
          customerManagedPolicies: [{ name: "Guard" }],
          permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
        },
      });
    const plan = (args: AdminAccessComponentArgs) => {
      const spec = validateConfig(args);
      return planAdminAccess("aa", spec, resolveTargets(spec.targets, { organizationalUnits: {} }));
    };
    const replaced = diffPlans(
      plan(guarded("AdministratorAccess")),
      plan(guarded("Admins")),
      "main",
    ).replaced;
    const types = new Set(replaced.map((r) => r.type));
    for (const type of [
      TYPES.permissionSet,
      TYPES.policyAttachment,
      TYPES.inlinePolicy,
      TYPES.customerPolicy,
      TYPES.permissionsBoundary,
      TYPES.assignment,
    ]) {
      assert.ok(types.has(type), `${type} is listed as replaced`);
    }
    assert.match(
      replaced.find((r) => r.type === TYPES.permissionsBoundary)?.reason ?? "",
      /^its permission set is replaced: the permission set is renamed \("AdministratorAccess" to "Admins"\)/,
    );
  });
});
