// accountTags on the real Pulumi engine: the stand-in provider answers getResourceTags from the world's
// account tags, as the provider's data source reads them. An `up` assigns the tagged accounts; a tag changed
// in the organization moves an account in or out on the next `up`, with no config change; the offline plan,
// from an org file that records the same tags, says the same. Run by engine.test.ts in its own process.
import * as assert from "assert";
import { writeFileSync } from "fs";
import * as path from "path";
import { TYPES } from "../../components/plan";
import { runPlan } from "../../scripts/plan";
import { BOB, cliOrSkip, Engine, MANAGEMENT, seedOrganization, tally } from "./harness";
import { StackConfig } from "./scenarios";
import { Expectation, World } from "./world";

const GET_TAGS = "aws:organizations/getResourceTags:getResourceTags";

const STACK: StackConfig = {
  "aws:region": "eu-west-1",
  "admin-access:group": { displayName: "Tagged Admins" },
  "admin-access:accountTags": { env: "prod" },
  "admin-access:admins": [{ userName: "bob@example.com", existing: true }],
};

/** What must hold through a step: the set stays whole and the accounts tagged on both sides keep an admin. */
const expecting = (scenario: string, keep: string[]): Expectation => ({
  scenario,
  setNames: ["AdministratorAccess"],
  inlinePolicy: false,
  customerPolicies: [],
  boundary: [],
  keep,
});

const assigned = (w: World) => w.org.assignments.map((a) => a.accountId).sort();

/** The offline plan's targets, from an org file of the world with every ACTIVE account's tags. */
function planned(dir: string, world: World): string[] {
  const org = world.org;
  writeFileSync(
    path.join(dir, "org.json"),
    JSON.stringify({
      managementAccountId: org.managementAccountId,
      accounts: org.accounts.map((a) => ({
        id: a.Id,
        name: a.Name,
        state: a.State,
        tags: org.accountTags?.[a.Id] ?? {},
      })),
      organizationalUnits: Object.fromEntries((org.ous ?? []).map((o) => [o.id, o.accounts])),
    }),
  );
  const result = runPlan(["--stack", "tags", "--format", "json", "--org", "org.json"], dir);
  assert.strictEqual(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { assignments: { accountId: string }[]; tagLookups: number };
  assert.strictEqual(report.tagLookups, org.accounts.filter((a) => a.State === "ACTIVE").length);
  return report.assignments.map((a) => a.accountId);
}

describe("accountTags on the real engine (simulated AWS)", function () {
  this.timeout(10 * 60 * 1000);

  it("assigns the tagged accounts, and a tag change moves an account in and out on the next up", async function () {
    const found = cliOrSkip(this, "accountTags engine scenario");
    const engine = await Engine.start(
      found.path,
      seedOrganization({
        users: [BOB],
        accountTags: {
          [MANAGEMENT]: { env: "prod" },
          "012345678901": { env: "prod", team: "payments" },
          "111111111111": { env: "prod" },
          "210987654321": { env: "dev" },
          "333333333333": { env: "Prod" },
        },
      }),
    );
    Object.assign(process.env, engine.env);
    const dir = engine.project("tags");
    engine.writeStack(dir, "tags", STACK);
    const stack = await engine.stack(dir, "tags");

    engine.expect(expecting("accountTags: fresh up", []));
    await engine.run(stack, "up");
    tally.count++;
    let w = engine.read();
    assert.deepStrictEqual(w.violations, []);
    // The management account is tagged env=prod too, and kept out; "Prod" is not "prod".
    assert.deepStrictEqual(assigned(w), ["012345678901", "111111111111"]);
    assert.deepStrictEqual(planned(dir, w), assigned(w));
    const lookups = w.calls.filter((c) => c.op === "invoke" && c.type === GET_TAGS).length;
    assert.strictEqual(lookups, 5, "one getResourceTags per ACTIVE account on the up");

    // In the organization, not in config: 210987654321 becomes prod, 111111111111 loses its tag.
    engine.update((world) => {
      world.org.accountTags = {
        ...world.org.accountTags,
        "210987654321": { env: "prod" },
        "111111111111": {},
      };
    });
    engine.expect(expecting("accountTags: tags changed", ["012345678901"]));
    const run = await engine.run(stack, "up");
    tally.count++;
    w = engine.read();
    assert.deepStrictEqual(
      w.violations.filter((v) => v.scenario === "accountTags: tags changed"),
      [],
    );
    assert.deepStrictEqual(assigned(w), ["012345678901", "210987654321"]);
    assert.deepStrictEqual(
      run.ops
        .filter((o) => o.type === TYPES.assignment)
        .map((o) => `${o.op} ${o.name.replace(/^.*-assignment-/, "")}`)
        .sort(),
      ["create 210987654321", "delete 111111111111"],
    );
    assert.deepStrictEqual(planned(dir, w), assigned(w));
    engine.expect(undefined);
  });
});
