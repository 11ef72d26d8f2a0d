// Deferred admins (#37) on the real Pulumi engine: the stand-in provider answers GetUserId for a user the
// simulated identity store does not hold as the bridged provider does (a gRPC error carrying the data
// source's diagnostic, provider.ts getUserIdError). The program catches it, so the update succeeds without
// that admin's membership; once the directory provisions the user, the next `up` adds it. A lookup that
// fails otherwise, or a deferral that leaves nobody, fails the update with nothing registered.
import * as assert from "assert";
import { writeFileSync } from "fs";
import * as path from "path";
import { PlanReport, runPlan } from "../../scripts/plan";
import { BOB, cliOrSkip, Engine, seedOrganization, tally } from "./harness";
import { DENIED_USER, WorldUser } from "./world";

const DAVE: WorldUser = {
  id: "90670000ff-1111-4000-8000-00000000da4e",
  userName: "dave@example.com",
  displayName: "Dave Later",
  givenName: "Dave",
  familyName: "Later",
  email: "dave@example.com",
  external: true,
};

const NS = "admin-access";
const config = (admins: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  "aws:region": "eu-west-1",
  [`${NS}:group`]: { displayName: "Deferred Admins" },
  [`${NS}:accounts`]: ["012345678901", "210987654321"],
  [`${NS}:admins`]: admins,
  ...extra,
});
const BOB_ADMIN = { userName: BOB.userName, existing: true };
const DAVE_ADMIN = { userName: DAVE.userName, existing: true };

describe("deferred admins on the real engine (#37)", function () {
  this.timeout(10 * 60 * 1000);
  let engine: Engine;

  before(async function () {
    const found = cliOrSkip(this, "deferred admins");
    engine = await Engine.start(found.path, seedOrganization({ users: [BOB] }));
  });

  it("up with the user absent defers it; once the directory provisions it, the next up adds the membership", async () => {
    const dir = engine.project("deferred");
    engine.writeStack(dir, "deferred", config([BOB_ADMIN, DAVE_ADMIN]));
    const stack = await engine.stack(dir, "deferred");
    const first = await engine.run(stack, "up");
    tally.count++;
    const memberOf = () => engine.read().org.memberships.map((m) => m.userId);
    assert.deepStrictEqual(memberOf(), [BOB.id]);
    assert.deepStrictEqual((await stack.outputs()).deferredAdmins.value, [DAVE.userName]);
    assert.ok(
      first.diagnostics.some((d) =>
        d.includes(`"${DAVE.userName}" is not in the identity store (not provisioned`),
      ),
      first.diagnostics.join("\n"),
    );
    // The caught invoke error is no error of the update's.
    assert.ok(!first.diagnostics.some((d) => /error/i.test(d)), first.diagnostics.join("\n"));
    assert.ok(!first.ops.some((o) => o.name.endsWith(`membership-${DAVE.userName}`)));
    // The offline plan, told by the org file what the store holds (as org-snapshot --stack writes it),
    // predicts the same children and the same deferral.
    const world = engine.read().org;
    writeFileSync(
      path.join(dir, "org.json"),
      JSON.stringify({
        managementAccountId: world.managementAccountId,
        accounts: world.accounts.map((a) => ({ id: a.Id, name: a.Name, state: a.State })),
        identityStore: {
          stack: "deferred",
          checked: [BOB.userName, DAVE.userName].sort(),
          users: [BOB.userName],
        },
      }),
    );
    const planned = runPlan(["--stack", "deferred", "--org", "org.json", "--format", "json"], dir);
    assert.strictEqual(planned.code, 0, planned.stderr);
    const report = JSON.parse(planned.stdout) as PlanReport;
    assert.deepStrictEqual(report.deferredAdmins, [DAVE.userName]);
    const state = (await stack.exportStack()).deployment.resources as {
      type: string;
      urn: string;
      custom?: boolean;
    }[];
    const children = state
      .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
      .map((r) => `${r.type} ${r.urn.split("::").pop()}`);
    assert.deepStrictEqual(children.sort(), report.resources.map((r) => `${r.type} ${r.name}`).sort());

    engine.update((w) => w.org.users.push(DAVE));
    const second = await engine.run(stack, "up");
    tally.count++;
    assert.deepStrictEqual(
      second.ops.filter((o) => o.op !== "same"),
      [
        {
          op: "create",
          type: "aws:identitystore/groupMembership:GroupMembership",
          name: `admin-access-membership-${DAVE.userName}`,
        },
      ],
    );
    assert.deepStrictEqual(memberOf().sort(), [BOB.id, DAVE.id].sort());
    assert.deepStrictEqual((await stack.outputs()).deferredAdmins.value, []);
    assert.deepStrictEqual(engine.read().violations, []);
  });

  it("a deferral that leaves no admin, and a lookup that fails otherwise, fail the update before any change", async () => {
    const dir = engine.project("refused");
    const before = JSON.stringify(engine.read().org);
    const fresh = { ...DAVE, id: "90670000ff-1111-4000-8000-0000000f0f0f", userName: "fay@example.com" };
    engine.writeStack(dir, "refused", config([{ userName: fresh.userName, existing: true }]));
    await assert.rejects(
      engine.run(await engine.stack(dir, "refused"), "up"),
      /every admin who has not expired is deferred[^]*fay@example\.com[^]*set allowNoAdmins: true if you mean it/,
    );
    tally.count++;
    engine.writeStack(dir, "refused", config([BOB_ADMIN, { userName: DENIED_USER, existing: true }]));
    await assert.rejects(
      engine.run(await engine.stack(dir, "refused"), "up"),
      /admins\[1\]\.userName: the lookup of the existing user "denied@example\.com" in the identity store failed[^]*AccessDeniedException/,
    );
    tally.count++;
    assert.strictEqual(JSON.stringify(engine.read().org), before, "a refused update changed AWS");
  });
});
