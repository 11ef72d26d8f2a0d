// Engine scenarios: the real Pulumi engine runs the project's own entry against the stand-in provider's
// simulated AWS. Each step is an `up` from the previous state; after every provider call the invariants
// are checked (world.ts); where the program predicts (plan --against, adopt), the prediction is compared
// with what the engine did. Run by engine.test.ts in its own process: the Automation API's language
// server replaces the runtime's mock monitor, which the rest of the suite relies on.
import * as assert from "assert";
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { LIST_TIMEOUTS_NOTE } from "../../analysis/adoption";
import { runAdopt } from "../../scripts/adopt";
import { runAudit } from "../../scripts/audit";
import { runPlan } from "../../scripts/plan";
import { TYPES } from "../../components/plan";
import { ResourceTransform } from "@pulumi/pulumi";
import { startFakeAws } from "../live/fakeAws";
import { AWS_ENV, withEnv } from "../live/env";
import { BOB, cliOrSkip, Engine, EngineRun, findCli, seedOrganization, tally } from "./harness";
import { CHANGES, DENY_STOP_LOGGING, expectation, GUARDED, StackConfig } from "./scenarios";
import { invariantProblems, World, WorldUser } from "./world";

const ROOT = path.resolve(__dirname, "../..");
const cli = findCli();

// A root hook: printed once, after every engine file of this run.
after(() => {
  if (!("missing" in cli))
    console.log(
      `    engine scenarios run: ${tally.count} in ${Math.round((Date.now() - tally.started) / 1000)} s`,
    );
});

/** Each resource's outcome in one run: created, updated, replaced or deleted. */
function outcomes(run: EngineRun): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { op, type, name } of run.ops) {
    if (type.startsWith("admin-access:") || type === "pulumi:pulumi:Stack") continue;
    const key = `${type} ${name}`;
    const kind = /replace/.test(op) ? "replace" : op;
    if (out[key] !== "replace") out[key] = kind;
  }
  return out;
}

/** The review diff (`npm run plan -- --against`) of a step, as outcomes by resource. */
function predicted(dir: string, stack: string, before: StackConfig): Record<string, string> {
  writeFileSync(
    path.join(dir, `Pulumi.${stack}.old.yaml`),
    stringify({ config: before }, { version: "1.1" }),
  );
  const result = runPlan(
    ["--stack", stack, "--against", `Pulumi.${stack}.old.yaml`, "--format", "json", "--org", "org.json"],
    dir,
  );
  assert.strictEqual(result.code, 0, result.stderr);
  const diff = JSON.parse(result.stdout).diff as Record<
    "created" | "deleted" | "replaced",
    { type: string; name: string }[]
  >;
  const out: Record<string, string> = {};
  for (const [field, kind] of [
    ["created", "create"],
    ["deleted", "delete"],
    ["replaced", "replace"],
  ] as const)
    for (const r of diff[field]) out[`${r.type} ${r.name}`] = kind;
  return out;
}

/** The offline organization file plan --against resolves OUs against (scripts/orgFile.ts). */
function writeOrgFile(dir: string, world: World) {
  const org = world.org;
  writeFileSync(
    path.join(dir, "org.json"),
    JSON.stringify({
      managementAccountId: org.managementAccountId,
      accounts: org.accounts.map((a) => ({ id: a.Id, name: a.Name, state: a.State })),
      organizationalUnits: Object.fromEntries((org.ous ?? []).map((o) => [o.id, o.accounts])),
    }),
  );
}

function assertSound(engine: Engine, scenario: string) {
  const broken = engine.read().violations.filter((v) => v.scenario === scenario);
  assert.deepStrictEqual(broken, [], `${scenario}: invariants broken:\n${JSON.stringify(broken, null, 1)}`);
}

describe("engine scenarios (real Pulumi engine, simulated AWS)", function () {
  this.timeout(15 * 60 * 1000);
  let engine: Engine;

  before(async function () {
    const found = cliOrSkip(this, "engine scenarios");
    engine = await Engine.start(found.path, seedOrganization({ users: [BOB] }));
    Object.assign(process.env, engine.env);
  });

  /** One `up` from the stack's current state to `after`, checked against invariants and prediction. */
  async function step(
    dir: string,
    stackName: string,
    scenario: string,
    before: StackConfig | undefined,
    after: StackConfig,
  ) {
    engine.writeStack(dir, stackName, after);
    engine.expect(expectation(scenario, before, after));
    const stack = await engine.stack(dir, stackName);
    const run = await engine.run(stack, "up");
    engine.expect(undefined);
    tally.count++;
    assertSound(engine, scenario);
    if (before) {
      writeOrgFile(dir, engine.read());
      const did = outcomes(run);
      const said = predicted(dir, stackName, before);
      const strip = (o: Record<string, string>) =>
        Object.fromEntries(Object.entries(o).filter(([, k]) => k !== "update"));
      assert.deepStrictEqual(strip(did), said, `${scenario}: the review diff predicted otherwise`);
    }
    return run;
  }

  it("a fresh up of the example stack (Pulumi.dev.yaml), then destroy with retainUsersOnDelete keeps its users", async () => {
    const dir = engine.project("example");
    const dev = parse(readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")).config as StackConfig;
    await step(dir, "dev", "fresh up: Pulumi.dev.yaml", undefined, dev);
    const w = engine.read();
    assert.deepStrictEqual(w.org.assignments.map((a) => a.accountId).sort(), [
      "012345678901",
      "210987654321",
    ]);
    assert.deepStrictEqual(w.org.memberships.length, 2);

    const kept = { ...dev, "admin-access:retainUsersOnDelete": true };
    await step(dir, "dev", "set retainUsersOnDelete", dev, kept);
    engine.expect(expectation("destroy, users retained", undefined, kept));
    await engine.run(await engine.stack(dir, "dev"), "destroy");
    tally.count++;
    assertSound(engine, "destroy, users retained");
    const after = engine.read().org;
    assert.deepStrictEqual(after.users.map((u) => u.userName).sort(), ["alice", "bob@example.com"]);
    assert.deepStrictEqual(
      [after.groups, after.permissionSets, after.assignments, after.memberships].map((x) => x.length),
      [0, 0, 0, 0],
    );
  });

  it("a fresh up of a guarded stack, every single change in turn, then destroy", async () => {
    const dir = engine.project("guarded");
    await step(dir, "guarded", "fresh up: guarded", undefined, GUARDED);
    let config = GUARDED;
    for (const { name, change } of CHANGES) {
      const next = change(config);
      await step(dir, "guarded", name, config, next);
      config = next;
    }
    engine.expect(expectation("destroy", undefined, config));
    await engine.run(await engine.stack(dir, "guarded"), "destroy");
    tally.count++;
    assertSound(engine, "destroy");
    const after = engine.read().org;
    assert.deepStrictEqual(after.users.map((u) => u.userName).sort(), ["alice", "bob@example.com"]);
    assert.strictEqual(after.assignments.length + after.groups.length + after.permissionSets.length, 0);
  });

  it("a deliberately broken copy of the program breaks each invariant, and the checker names it", async () => {
    const broken = await Engine.start((cli as { path: string }).path, seedOrganization({ users: [BOB] }));
    const dir = broken.project("broken");
    // Delete-first replacement, never kept, of the boundary attachment and of memberships: what the program
    // must not do.
    const deleteFirst = [TYPES.permissionsBoundary, TYPES.membership] as string[];
    const breakIt: ResourceTransform = (args) =>
      deleteFirst.includes(args.type)
        ? { props: args.props, opts: { ...args.opts, deleteBeforeReplace: true, retainOnDelete: false } }
        : undefined;
    const up = async (scenario: string, before: StackConfig | undefined, after: StackConfig) => {
      broken.writeStack(dir, "broken", after);
      broken.expect(expectation(scenario, before, after));
      await broken.run(await broken.stack(dir, "broken", breakIt), "up");
      tally.count++;
      return broken.read().violations.filter((v) => v.scenario === scenario);
    };
    assert.deepStrictEqual(await up("broken: fresh up", undefined, GUARDED), []);
    const renamedSet = {
      ...GUARDED,
      "admin-access:permissionSet": { ...(GUARDED["admin-access:permissionSet"] as object), name: "Renamed" },
    };
    const guardrail = await up("broken: rename the set", GUARDED, renamedSet);
    assert.match(guardrail[0]?.call ?? "", /^delete .*PermissionsBoundaryAttachment/);
    assert.match(
      guardrail[0].problems.join(),
      /guardrail: PlatformAdmin is assigned in .* while it lacks its boundary/,
    );

    // Uniqueness: AWS refuses a second user "ann", and so does the simulated AWS; nothing is duplicated.
    const other = broken.project("other");
    broken.writeStack(other, "other", {
      ...GUARDED,
      "admin-access:permissionSet": { name: "Other" },
      "admin-access:group": { displayName: "Other Admins" },
    });
    broken.expect(undefined);
    await assert.rejects(
      broken.run(await broken.stack(other, "other"), "up"),
      /ConflictException: user \w+ already exists/,
    );
    tally.count++;
    assert.deepStrictEqual(invariantProblems(broken.read()), []);
  });

  it("adoption round trip: a console-built setup, npm run adopt, pulumi import --file, then no change and no finding", async () => {
    const set = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-00000000000000aa";
    const group = "90670000cc-0000-4000-8000-000000000000";
    const erin: WorldUser = {
      id: "90670000cc-1111-4000-8000-00000000e1e1",
      userName: "erin",
      displayName: "Erin Example",
      givenName: "Erin",
      familyName: "Example",
      email: "erin@example.com",
    };
    const adopted = await Engine.start(
      (cli as { path: string }).path,
      seedOrganization({
        permissionSets: [
          {
            arn: set,
            name: "AdministratorAccess",
            description: "Built in the console",
            sessionDuration: "PT1H",
            tags: {},
            managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
            inlinePolicy: JSON.stringify(DENY_STOP_LOGGING),
          },
        ],
        groups: [{ id: group, displayName: "Console Admins" }],
        users: [erin, BOB],
        memberships: [erin, BOB].map((u, i) => ({ id: `m-console-${i}`, groupId: group, userId: u.id })),
        assignments: ["012345678901", "210987654321"].map((accountId) => ({
          accountId,
          permissionSetArn: set,
          principalType: "GROUP" as const,
          principalId: group,
        })),
      }),
    );
    const dir = adopted.project("adopted");
    // adopt and audit read the same world through the live reader's fake, as the AWS SDK.
    const serve = async <T>(fn: () => Promise<T>) => {
      const fake = await startFakeAws(adopted.read().org, { pageSize: 100 });
      try {
        return await withEnv({ ...AWS_ENV, AWS_ENDPOINT_URL: fake.url }, fn);
      } finally {
        await fake.close();
      }
    };
    const adopt = await serve(() =>
      runAdopt(
        [
          "--stack",
          "adopted",
          "--group",
          "Console Admins",
          "--permission-set",
          "AdministratorAccess",
          "--region",
          "eu-west-1",
        ],
        dir,
      ),
    );
    assert.strictEqual(adopt.code, 0, adopt.stderr + adopt.stdout);
    // adopt's prediction: every resource imported, none created, none updated or replaced, but for the
    // owned lists' timeouts, which an import cannot read.
    assert.doesNotMatch(adopt.stdout, /pulumi up creates it|updates it in place|REPLACES/, adopt.stdout);
    assert.ok(adopt.stdout.includes(LIST_TIMEOUTS_NOTE), adopt.stdout);
    const written = parse(readFileSync(path.join(dir, "Pulumi.adopted.yaml"), "utf8")).config;
    assert.deepStrictEqual(
      written["admin-access:permissionSet"].inlinePolicy,
      DENY_STOP_LOGGING,
      "adopt left the inline policy out",
    );

    const stack = await adopted.stack(dir, "adopted");
    const importFile = JSON.parse(readFileSync(path.join(dir, "adopt.json"), "utf8"));
    await stack.import({ resources: importFile.resources, generateCode: false });
    const preview = await adopted.run(stack, "preview");
    tally.count++;
    assert.deepStrictEqual(
      preview.ops.map((o) => `${o.op} ${o.name}`).sort(),
      ["update admin-access-customer-policies", "update admin-access-managed-policies"],
      "the preview after import shows changes beyond the owned lists' timeouts",
    );
    assert.deepStrictEqual(adopted.read().violations, []);
    const audit = await serve(() => runAudit(["--stack", "adopted"], dir));
    assert.strictEqual(audit.code, 0, audit.stdout + audit.stderr);

    // `pulumi import` protects what it imports unless told --protect=false: destroy refuses, AWS untouched.
    const before = JSON.stringify(adopted.read().org);
    await assert.rejects(adopted.run(stack, "destroy"), /protect/);
    tally.count++;
    assert.strictEqual(JSON.stringify(adopted.read().org), before);

    // That update writes the timeouts into the state and changes nothing in AWS: the lists are as config has them.
    const aws = JSON.stringify(adopted.read().org);
    const calls = adopted.read().calls.length;
    await adopted.run(stack, "up");
    assert.strictEqual(JSON.stringify(adopted.read().org), aws, "the first up after import changed AWS");
    const ops = adopted
      .read()
      .calls.slice(calls)
      .map((c) => c.op);
    assert.ok(!ops.some((op) => op === "attach" || op === "detach"), ops.join(", "));
    assert.deepStrictEqual((await adopted.run(stack, "preview")).ops, [], "a second preview shows changes");
  });
});
