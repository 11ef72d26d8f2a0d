// Issue #37: the offline plan and the component agree on deferred admins. `org-snapshot --stack` records which
// of the stack's existing admins the identity store holds; with that record the plan marks the others
// deferred and refuses a deferral that leaves nobody, as the component does; without it, it says the lookup
// happens at deploy. The org file's record is validated like the rest of it.
import * as assert from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import * as fc from "fast-check";
import { parseOrganization } from "../../scripts/orgFile";
import { runOrgSnapshot } from "../../scripts/orgSnapshot";
import { PlanReport, runPlan } from "../../scripts/plan";
import { CommandError } from "../../scripts/stackFile";
import { runIndexWith } from "../fixtures";
import { AWS_ENV, withEnv } from "../live/env";
import { startFakeAws } from "../live/fakeAws";
import { runbookOrganization } from "../live/runbook";
import { mocks, storeWithout, valueOf } from "../mocks";

const ROOT = path.join(__dirname, "..", "..");
const ORG = { managementAccountId: "999999999999", accounts: [{ id: "111111111111", name: "One" }] };

function inDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "admin-access-deferred-plan-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Admin = { userName: string; existing?: boolean; expiresAt?: string };
const adminYaml = (a: Admin) =>
  a.existing
    ? `    - { userName: ${a.userName}, existing: true${a.expiresAt ? `, expiresAt: "${a.expiresAt}"` : ""} }`
    : `    - { userName: ${a.userName}, email: ${a.userName}@example.com, givenName: N, familyName: M${a.expiresAt ? `, expiresAt: "${a.expiresAt}"` : ""} }`;
const stackYaml = (admins: Admin[], extra: string[] = []) =>
  [
    "config:",
    "  aws:region: eu-west-1",
    "  admin-access:group: { displayName: Admins }",
    '  admin-access:accounts: ["111111111111"]',
    "  admin-access:admins:",
    ...admins.map(adminYaml),
    ...extra,
  ].join("\n") + "\n";

function plan(dir: string, admins: Admin[], held: string[] | undefined, format = "json") {
  writeFileSync(path.join(dir, "Pulumi.s.yaml"), stackYaml(admins));
  writeFileSync(
    path.join(dir, "org.json"),
    JSON.stringify({
      ...ORG,
      ...(held && {
        identityStore: {
          stack: "s",
          checked: admins.filter((a) => a.existing).map((a) => a.userName),
          users: held,
        },
      }),
    }),
  );
  return runPlan(["--stack", "s", "--org", "org.json", "--format", format], dir);
}

describe("deferred admins in the plan and the org file (#37)", () => {
  it("the org file's identityStore record is validated, every problem with its path", () => {
    const problems = (identityStore: unknown) => {
      try {
        parseOrganization({ ...ORG, identityStore }, "org.json");
      } catch (err) {
        assert.ok(err instanceof CommandError);
        return err.message.split("\n").slice(1);
      }
      return [];
    };
    assert.deepStrictEqual(problems({ stack: "s", checked: ["bob", "dan"], users: ["bob"] }), []);
    assert.deepStrictEqual(problems(["bob"]), [
      '  - identityStore: ["bob"] is not { stack: <name>, checked: [<userName>, ...], users: [<userName>, ...] } (written by org-snapshot --stack)',
    ]);
    assert.deepStrictEqual(problems({ stack: "s", checked: ["bob"], users: ["dan"] }), [
      '  - identityStore.users[0]: "dan" is not in identityStore.checked; only a checked name can be held',
    ]);
    assert.deepStrictEqual(
      problems({
        stack: "s",
        checked: ["bob"],
        users: ["bob", 7, "a b", "\u202ebob", "BOB", ""],
        groups: [],
      }).slice(0, 7),
      [
        "  - identityStore.groups: is not a field of identityStore (stack, checked and users are)",
        "  - identityStore.users[1]: 7 is not a userName (1-128 characters, no spaces or hidden characters)",
        '  - identityStore.users[2]: "a b" is not a userName (1-128 characters, no spaces or hidden characters)',
        '  - identityStore.users[3]: "\\u202ebob" is not a userName (1-128 characters, no spaces or hidden characters)',
        '  - identityStore.users[4]: "BOB" repeats identityStore.users[0]',
        '  - identityStore.users[5]: "" is not a userName (1-128 characters, no spaces or hidden characters)',
      ],
    );
  });

  it("with the record, the plan marks the others deferred in JSON, text and markdown", () =>
    inDir((dir) => {
      const admins = [
        { userName: "ann" },
        { userName: "bob", existing: true },
        { userName: "dan", existing: true },
      ];
      const run = plan(dir, admins, ["bob"]);
      assert.strictEqual(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as PlanReport;
      assert.deepStrictEqual(report.deferredAdmins, ["dan"]);
      assert.deepStrictEqual(
        report.admins.map((a) => [a.userName, a.deferred]),
        [
          ["ann", false],
          ["bob", false],
          ["dan", true],
        ],
      );
      assert.deepStrictEqual(
        report.accessMatrix.map((m) => m.userName),
        ["ann", "bob"],
      );
      assert.ok(!report.resources.some((r) => r.name === "admin-access-membership-dan"));
      const text = plan(dir, admins, ["bob"], "text").stdout;
      assert.match(text, /^ {2}dan {2}\(deferred\)$/m);
      assert.match(text, /! Deferred, not in the identity store yet by the org file \(dan\)/);
      const markdown = plan(dir, admins, ["bob"], "markdown").stdout;
      assert.match(markdown, /\| Deferred admins \| dan \|/);
    }));

  it("without the record, it says existing admins are looked up at deploy and may be deferred", () =>
    inDir((dir) => {
      const run = plan(dir, [{ userName: "ann" }, { userName: "bob", existing: true }], undefined);
      assert.strictEqual((JSON.parse(run.stdout) as PlanReport).deferredAdmins, null);
      const text = plan(dir, [{ userName: "ann" }, { userName: "bob", existing: true }], undefined, "text");
      assert.match(
        text.stdout.replace(/\n {2}! /g, " "),
        /Existing users are looked up at deploy: one the identity store does not hold yet is deferred/,
      );
    }));

  it("an admin the record never looked up is unknown, planned as held and said so; a record of another stack is not used (#37 red team)", () =>
    inDir((dir) => {
      const admins = [
        { userName: "bob", existing: true },
        { userName: "carol", existing: true },
      ];
      writeFileSync(path.join(dir, "Pulumi.s.yaml"), stackYaml(admins));
      const write = (identityStore: unknown) =>
        writeFileSync(path.join(dir, "org.json"), JSON.stringify({ ...ORG, identityStore }));
      // Written before carol was added: only bob was looked up, and he is not there yet.
      write({ stack: "s", checked: ["bob"], users: [] });
      const run = runPlan(["--stack", "s", "--org", "org.json", "--format", "json"], dir);
      assert.strictEqual(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as PlanReport;
      assert.deepStrictEqual(report.deferredAdmins, ["bob"]);
      assert.deepStrictEqual(
        report.accessMatrix.map((m) => m.userName),
        ["carol"],
      );
      assert.ok(
        report.warnings?.some((w) => /^not checked by org-snapshot \("carol"\): planned as held/.test(w)),
      );
      // Written for another stack: nothing is deferred offline, and the plan says why.
      write({ stack: "prod", checked: ["bob", "carol"], users: [] });
      const other = JSON.parse(
        runPlan(["--stack", "s", "--org", "org.json", "--format", "json"], dir).stdout,
      ) as PlanReport;
      assert.deepStrictEqual(other.deferredAdmins, []);
      assert.ok(other.warnings?.some((w) => /written for stack "prod", not "s"/.test(w)));
    }));

  it("refuses a deferral that leaves no admin, as the component does", () =>
    inDir((dir) => {
      const run = plan(
        dir,
        [
          { userName: "bob", existing: true },
          { userName: "old", expiresAt: "2001-01-01T00:00:00Z" },
        ],
        [],
      );
      assert.strictEqual(run.code, 1, run.stdout);
      assert.match(
        run.stderr,
        /admins: every admin who has not expired is deferred, .*\(bob\): nobody would hold administrator access in the 1 targeted account\(s\) after the apply; .*set allowNoAdmins: true if you mean it/,
      );
    }));

  it("plan == registrations and deferredAdmins, for generated admins and store contents (seeded)", async () => {
    const later = "2099-01-01T00:00:00Z";
    const arbitrary = fc
      .uniqueArray(
        fc.record({
          userName: fc.constantFrom("ann", "bob", "cat", "dan", "eve", "fay"),
          existing: fc.boolean(),
          expiring: fc.boolean(),
          held: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5, selector: (a) => a.userName },
      )
      // A deferral that leaves nobody is refused by both (tested above): keep one admin who is not deferred.
      .filter((admins) => admins.some((a) => !a.existing || a.held));
    await fc.assert(
      fc.asyncProperty(arbitrary, async (generated) => {
        const admins: Admin[] = generated.map((a) => ({
          userName: a.userName,
          existing: a.existing,
          ...(a.expiring && { expiresAt: later }),
        }));
        const held = generated.filter((a) => a.existing && a.held).map((a) => a.userName);
        const absent = generated.filter((a) => a.existing && !a.held).map((a) => a.userName);
        const report = inDir((dir) => {
          const run = plan(dir, admins, held);
          assert.strictEqual(run.code, 0, run.stderr);
          return JSON.parse(run.stdout) as PlanReport;
        });
        mocks.reset();
        storeWithout(absent);
        const outputs = await runIndexWith(stackYaml(admins));
        const registered = mocks.registrations.filter((r) => r.custom).map((r) => `${r.type} ${r.name}`);
        assert.deepStrictEqual(report.resources.map((r) => `${r.type} ${r.name}`).sort(), registered.sort());
        assert.deepStrictEqual(await valueOf(outputs.deferredAdmins), report.deferredAdmins);
      }),
      { seed: 37, numRuns: 25 },
    );
  });

  it("org-snapshot --stack records which of the stack's existing admins the store holds, and nothing else", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-deferred-snapshot-"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const dev = readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
    writeFileSync(
      path.join(dir, "Pulumi.dev.yaml"),
      `${dev.trimEnd()}\n    - userName: dan@example.com\n      existing: true\n`,
    );
    const org = runbookOrganization();
    const fake = await startFakeAws(org, { pageSize: 1 });
    try {
      const result = await withEnv({ ...AWS_ENV, AWS_ENDPOINT_URL: fake.url }, () =>
        runOrgSnapshot(["--output", "org.json", "--stack", "dev"], dir),
      );
      assert.strictEqual(result.code, 0, result.stderr);
      assert.match(result.stderr, /, 1 existing admin\(s\) in the identity store\n$/);
      const written = JSON.parse(readFileSync(path.join(dir, "org.json"), "utf8"));
      // bob is in the store, dan not yet; the store's other users (alice, created by the stack) are not written.
      const record = {
        stack: "dev",
        checked: ["bob@example.com", "dan@example.com"],
        users: ["bob@example.com"],
      };
      assert.deepStrictEqual(written.identityStore, record);
      assert.deepStrictEqual(parseOrganization(written, "org.json").identityStore, record);
      const run = runPlan(["--stack", "dev", "--org", "org.json", "--format", "json"], dir);
      assert.deepStrictEqual((JSON.parse(run.stdout) as PlanReport).deferredAdmins, ["dan@example.com"]);
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
