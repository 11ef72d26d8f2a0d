import * as assert from "assert";
import { AdminAccessComponent } from "../../components/adminAccess";
import { configProblems, validateConfig } from "../../components/config";
import { diffPlans } from "../../analysis/diff";
import { planAdminAccess, scheduleName, TYPES } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { validArgs } from "../fixtures";
import { IDENTITY_STORE_ID, MANAGEMENT_ACCOUNT, mocks, Registration, settled, valueOf } from "../mocks";

const PAST = "2000-01-01T00:00:00Z";
const FUTURE = "2099-01-01T00:00:00Z";

/** The fixture with alice expiring at `alice` and bob (existing) at `bob`. */
const expiring = (alice?: string, bob?: string) =>
  validArgs({
    admins: validArgs().admins.map((a) =>
      a.userName === "alice"
        ? { ...a, expiresAt: alice }
        : a.userName === "bob"
          ? { ...a, expiresAt: bob }
          : a,
    ),
  });

async function build(args: ReturnType<typeof validArgs>) {
  const component = new AdminAccessComponent("aa", args);
  await valueOf(component.accountIds);
  await settled();
  return component;
}
const named = (name: string): Registration | undefined => mocks.registrations.find((r) => r.name === name);

describe("admin expiry", () => {
  it("expiresAt is an ISO-8601 UTC instant to the second; anything else is an error with its path", () => {
    const problem = (value: unknown) =>
      configProblems({ ...validArgs(), admins: [{ userName: "bob", existing: true, expiresAt: value }] });
    assert.deepStrictEqual(problem("2026-12-31T18:00:00Z"), []); // existing admins too
    for (const bad of ["2026-12-31", "2026-12-31T18:00:00+01:00", "2026-12-31T18:00:00.5Z", "tomorrow"]) {
      assert.deepStrictEqual(problem(bad), [
        `admins[0].expiresAt: ${JSON.stringify(bad)} is not valid: expected an ISO-8601 UTC instant such as 2026-12-31T18:00:00Z`,
      ]);
    }
    // Impossible instants: each refused with its path and value, never a thrown "Invalid time value".
    for (const impossible of [
      "2026-12-31T23:59:60Z",
      "2026-13-01T00:00:00Z",
      "2026-00-10T00:00:00Z",
      "2026-12-00T00:00:00Z",
      "2026-12-31T99:00:00Z",
      "2026-12-31T18:60:00Z",
      "2026-02-30T00:00:00Z",
      "2026-02-29T00:00:00Z",
      "0000-00-00T00:00:00Z",
      "9999-99-99T99:99:99Z",
    ]) {
      assert.deepStrictEqual(problem(impossible), [
        `admins[0].expiresAt: ${JSON.stringify(impossible)} is not a real instant: no calendar has that date or time`,
      ]);
    }
    assert.deepStrictEqual(problem("2028-02-29T00:00:00Z"), []); // a leap day
    // Unquoted, YAML reads an instant as a timestamp and the Pulumi CLI hands over Go's time.Time.String().
    assert.deepStrictEqual(problem("2026-11-01 00:00:00 +0000 UTC"), [
      'admins[0].expiresAt: "2026-11-01 00:00:00 +0000 UTC" is what the Pulumi CLI makes of an unquoted ' +
        'instant. YAML read this as a timestamp: quote it, e.g. "2026-11-01T00:00:00Z"',
    ]);
    assert.match(problem("2026-11-01 00:00:00.5 +0000 UTC")[0], /quote it, e.g. "2026-11-01T00:00:00Z"$/);
    assert.deepStrictEqual(problem(20261231), ["admins[0].expiresAt: 20261231 is not a string"]);
  });

  it("an expired admin has no membership and no schedule, keeps the user, and is logged", async () => {
    await build(expiring(PAST));
    assert.ok(named("aa-user-alice"), "the user is kept");
    assert.strictEqual(named("aa-membership-alice"), undefined);
    assert.deepStrictEqual(mocks.ofType(TYPES.expirySchedule), []);
    assert.deepStrictEqual(mocks.ofType(TYPES.expiryRole), []);
    assert.ok(
      mocks.logs.some(
        (l) =>
          l.message ===
          `administrator access has expired, so their group membership is removed: alice (${PAST})`,
      ),
    );
  });

  it("a future expiry gets its membership and a schedule that removes exactly that membership at that instant", async () => {
    await build(expiring(FUTURE, FUTURE));
    const role = named("aa-expiry-role");
    const policy = named("aa-expiry-role-policy");
    const schedule = named("aa-expiry-alice");
    assert.ok(role && policy && schedule && named("aa-expiry-bob") && named("aa-membership-alice"));
    assert.deepStrictEqual(mocks.ofType(TYPES.expiryRole).length, 1); // one role per component
    assert.deepStrictEqual(schedule.inputs, {
      name: scheduleName("dev", "aa", "alice"),
      description: `Ends alice's administrator access at ${FUTURE}`,
      scheduleExpression: "at(2099-01-01T00:00:00)",
      scheduleExpressionTimezone: "UTC",
      flexibleTimeWindow: { mode: "OFF" },
      actionAfterCompletion: "DELETE",
      target: {
        arn: "arn:aws:scheduler:::aws-sdk:identitystore:deleteGroupMembership",
        roleArn: "arn:aws:iam::123456789012:role/aa-expiry-role",
        input: JSON.stringify({
          IdentityStoreId: IDENTITY_STORE_ID,
          MembershipId: "membership-aa-membership-alice",
        }),
        retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86400 },
      },
    });
    assert.ok(schedule.dependencies.includes(policy.urn), "the schedule waits for the role's permission");
    assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy as string), {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "scheduler.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
      ],
    });
    assert.deepStrictEqual(JSON.parse(policy.inputs.policy as string), {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "identitystore:DeleteGroupMembership",
          Resource: [
            // The identity store is the management account's, not the deployer's (123456789012).
            `arn:aws:identitystore::${MANAGEMENT_ACCOUNT}:identitystore/${IDENTITY_STORE_ID}`,
            "arn:aws:identitystore:::group/group-aa-group",
            "arn:aws:identitystore:::membership/membership-aa-membership-alice",
            "arn:aws:identitystore:::membership/membership-aa-membership-bob",
            // AWS authorizes the call against the member user too.
            "arn:aws:identitystore:::user/user-alice",
            "arn:aws:identitystore:::user/existing-user-bob",
          ],
        },
      ],
    });
  });

  it("the target and the permissions follow the partition (aws-us-gov)", async () => {
    mocks.respond("aws:index/getPartition:getPartition", () => ({
      partition: "aws-us-gov",
      dnsSuffix: "amazonaws.com",
      id: "aws-us-gov",
    }));
    await build(expiring(FUTURE));
    const target = named("aa-expiry-alice")?.inputs.target as { arn: string };
    assert.strictEqual(target.arn, "arn:aws-us-gov:scheduler:::aws-sdk:identitystore:deleteGroupMembership");
    assert.match(
      named("aa-expiry-role-policy")?.inputs.policy as string,
      /arn:aws-us-gov:identitystore:::group\//,
    );
  });

  it("schedule names are what the scheduler allows, unique per stack and stable", () => {
    const name = scheduleName("prod", "admin-access", "bob@example.com");
    assert.match(name, /^admin-access-expiry-bob-example\.com-[0-9a-f]{8}$/);
    const long = scheduleName("prod", "admin-access", "x".repeat(128));
    assert.ok(long.length <= 64 && /^[0-9A-Za-z_.-]+$/.test(long), long);
    assert.strictEqual(scheduleName("prod", "admin-access", "bob@example.com"), name);
    assert.notStrictEqual(scheduleName("dev", "admin-access", "bob@example.com"), name);
    assert.notStrictEqual(scheduleName("prod", "admin-access", "bob+example.com"), name);
  });

  it("admins without expiresAt get no schedule and no role", async () => {
    await build(validArgs());
    assert.deepStrictEqual([...mocks.ofType(TYPES.expirySchedule), ...mocks.ofType(TYPES.expiryRole)], []);
  });

  it("an expiry within 7 days is logged", async () => {
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    await build(expiring(soon));
    assert.ok(
      mocks.logs.some((l) => l.message === `administrator access expires within 7 days: alice (${soon})`),
    );
  });

  it("once the instant passes, the next plan drops the membership the schedule removed, and the schedule", () => {
    // The schedule has already deleted the membership (and itself, actionAfterCompletion DELETE). The next
    // `pulumi up` deletes both from the stack without error: the provider treats ResourceNotFoundException
    // on delete as deleted (terraform-provider-aws identitystore/group_membership.go, scheduler/schedule.go).
    const spec = validateConfig(expiring("2030-06-01T12:00:00Z"));
    const resolution = resolveTargets(spec.targets, { organizationalUnits: {} });
    const before = planAdminAccess("aa", spec, resolution, new Date("2030-06-01T11:59:59Z"));
    const after = planAdminAccess("aa", spec, resolution, new Date("2030-06-01T12:00:00Z"));
    const diff = diffPlans(before, after, "an hour ago");
    assert.deepStrictEqual(diff.deleted, [
      { type: TYPES.membership, name: "aa-membership-alice" },
      { type: TYPES.expiryRole, name: "aa-expiry-role" },
      { type: TYPES.expiryPolicy, name: "aa-expiry-role-policy" },
      { type: TYPES.expirySchedule, name: "aa-expiry-alice" },
    ]);
    assert.deepStrictEqual(
      diff.grantsRemoved.map((g) => g.userName),
      ["alice", "alice"],
    );
    assert.ok(
      after.resources.some((r) => r.name === "aa-user-alice"),
      "the user stays",
    );
  });
});
