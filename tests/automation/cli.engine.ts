// The automation/ module against the real Pulumi CLI and engine, over the stand-in provider's simulated
// AWS (tests/engine): runAdminAccess with a project workDir and with a temporary one. Run by
// tests/engine/engine.test.ts in a process without the suite's runtime mocks.
import * as assert from "assert";
import { AdminAccessConfig, runAdminAccess } from "../../automation";
import { Engine, findCli, seedOrganization, tally } from "../engine/harness";

const cli = findCli();

const CONFIG: AdminAccessConfig = {
  permissionSet: { name: "AutomationAdmin", sessionDuration: "PT2H" },
  group: { displayName: "Automation Admins" },
  accounts: ["012345678901", "210987654321"],
  admins: [{ userName: "zoe", email: "zoe@example.com", givenName: "Zoe", familyName: "Quinn" }],
};

describe("automation/ against the real Pulumi CLI (simulated AWS)", function () {
  this.timeout(10 * 60 * 1000);
  let engine: Engine;

  before(async function () {
    if ("missing" in cli) {
      if (process.env.CI === "true") throw new Error(`automation engine tests: ${cli.missing}`);
      this.skip();
    }
    engine = await Engine.start(cli.path, seedOrganization());
    // runAdminAccess finds the CLI on PATH, as a user's tool would.
    Object.assign(process.env, engine.env);
  });

  it("preview, up, refresh and destroy in a project workDir, the config written to its stack file", async () => {
    const workDir = engine.project("automation");
    const run = (action: "preview" | "up" | "refresh" | "destroy") =>
      runAdminAccess({
        stackName: "embedded",
        config: CONFIG,
        action,
        region: "eu-west-1",
        workDir,
        envVars: engine.env,
      });
    engine.expect({
      scenario: "automation",
      setNames: ["AutomationAdmin"],
      inlinePolicy: false,
      customerPolicies: [],
      boundary: [],
      keep: [],
    });
    // stack, component, set, its policy (kept one release), its two owned policy lists, group, user,
    // membership, two assignments
    assert.strictEqual((await run("preview")).changes.create, 11);
    assert.deepStrictEqual(engine.read().org.permissionSets, [], "preview wrote to AWS");
    const up = await run("up");
    assert.deepStrictEqual(up.outputs?.accountIds, CONFIG.accounts);
    assert.deepStrictEqual(up.outputs?.usersNeedingSignInSetup, ["zoe"]);
    assert.strictEqual(engine.read().org.assignments.length, 2);
    const refresh = await run("refresh");
    assert.deepStrictEqual(Object.keys(refresh.changes), ["same"]);
    const destroy = await run("destroy");
    assert.strictEqual(destroy.changes.delete, 11);
    const org = engine.read().org;
    assert.deepStrictEqual(
      [org.permissionSets, org.groups, org.users, org.assignments].map((x) => x.length),
      [0, 0, 0, 0],
    );
    assert.deepStrictEqual(engine.read().violations, []);
    tally.count++;
  });

  it("a preview in a temporary workspace", async () => {
    const result = await runAdminAccess({
      stackName: "scratch",
      config: CONFIG,
      action: "preview",
      region: "eu-west-1",
      envVars: engine.env,
    });
    assert.strictEqual(result.changes.create, 11);
    tally.count++;
  });
});
