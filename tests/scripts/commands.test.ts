import * as assert from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { ADOPT, runAdopt } from "../../scripts/adopt";
import { AUDIT, runAudit } from "../../scripts/audit";
import { CommandSpec } from "../../scripts/command";
import { DRIFT, runDrift } from "../../scripts/drift";
import { EXIT, EXIT_TABLE } from "../../scripts/exitCodes";
import { ORG_SNAPSHOT, runOrgSnapshot } from "../../scripts/orgSnapshot";
import { PLAN, runPlan } from "../../scripts/plan";
import { runStackRegion, STACK_REGION } from "../../scripts/stackRegion";
import { CommandResult } from "../../scripts/render";
import { docPages } from "../docs";
import { AWS_ENV, withEnv } from "../live/env";

const ROOT = path.join(__dirname, "..", "..");
const COMMANDS_DOC = readFileSync(path.join(ROOT, "docs", "commands.md"), "utf8");
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};

const COMMANDS: [CommandSpec, (argv: string[], dir: string) => CommandResult | Promise<CommandResult>][] = [
  [PLAN, runPlan],
  [ADOPT, runAdopt],
  [AUDIT, runAudit],
  [DRIFT, runDrift],
  [ORG_SNAPSHOT, runOrgSnapshot],
  [STACK_REGION, runStackRegion],
];

/** Runs a command where no AWS answers: anything that reached AWS would fail, not pass. */
const run = (command: (typeof COMMANDS)[number][1], argv: string[]) =>
  withEnv({ ...AWS_ENV, AWS_ENDPOINT_URL: "http://127.0.0.1:9" }, async () => command(argv, ROOT));

describe("every command behaves alike", function () {
  this.timeout(30000);

  it("covers every command of package.json that reads a stack or AWS", () => {
    const commands = Object.keys(PACKAGE.scripts).filter((s) => /scripts\/\w+\.ts$/.test(PACKAGE.scripts[s]));
    assert.deepStrictEqual(
      commands.filter((c) => c !== "bench").sort(),
      COMMANDS.map(([s]) => s.name).sort(),
    );
    const table = /^## Commands\n([\s\S]*?)^#/m.exec(README)?.[1] ?? "";
    for (const name of [...commands, "test", "test:unit", "build", "format"])
      assert.match(
        table,
        new RegExp(`^\\| \`npm (run )?${name}[ \`]`, "m"),
        `the README's command table lacks ${name}`,
      );
  });

  for (const [spec, command] of COMMANDS) {
    describe(spec.name, () => {
      it("--help and -h print the usage, every flag and the exit codes on stdout, and exit 0", async () => {
        for (const flag of ["--help", "-h"]) {
          const result = await run(command, [flag]);
          assert.deepStrictEqual([result.code, result.stderr], [0, ""], flag);
          assert.match(result.stdout, new RegExp(`^usage: npm run ${spec.name} -- `));
          for (const f of [...spec.flags.map((x) => x.name), "help"])
            assert.match(result.stdout, new RegExp(`^  --${f}\\b`, "m"), `--${f} is not listed`);
          for (const name of spec.exits)
            assert.match(
              result.stdout,
              new RegExp(`^  ${EXIT[name]}  `, "m"),
              `exit ${EXIT[name]} is not listed`,
            );
        }
        // --help wins over everything else on the line, a missing required flag included.
        assert.strictEqual((await run(command, ["--format", "nope", "--help"])).code, 0);
      });

      it("an unknown option, a positional argument or a missing required flag exits 1 with the usage on stderr", async () => {
        for (const argv of [["--nope"], ["stray"], []]) {
          const result = await run(command, argv);
          assert.strictEqual(result.code, EXIT.usage, `${argv.join(" ")}: ${result.stderr}`);
          assert.strictEqual(result.stdout, "");
          assert.match(result.stderr, new RegExp(`usage: npm run ${spec.name} -- `));
        }
      });

      it("ends with no code outside the contract", () => {
        const codes = Object.values(EXIT) as number[];
        for (const name of spec.exits) assert.ok(codes.includes(EXIT[name]));
        assert.ok(spec.exits.includes("ok") && spec.exits.includes("usage"));
      });
    });
  }

  it("the live commands all take --profile and --region; the offline ones take neither", () => {
    for (const [spec] of COMMANDS) {
      const names = spec.flags.map((f) => f.name);
      const live = !["plan", "stack-region"].includes(spec.name);
      assert.strictEqual(names.includes("profile") && names.includes("region"), live, spec.name);
    }
  });

  it("no command source writes an exit code as a number: every one comes from scripts/exitCodes.ts", () => {
    for (const file of [
      "plan",
      "adopt",
      "audit",
      "drift",
      "orgSnapshot",
      "command",
      "awsErrors",
      "awsSettings",
    ]) {
      const source = readFileSync(path.join(ROOT, "scripts", `${file}.ts`), "utf8");
      assert.doesNotMatch(source, /\bcode: [1-9]\b|CommandError\([^)]*, [1-9]\)|fail\([^)]*, [1-9]\)/, file);
    }
  });

  it("stack-region prints the stack's aws:region as the CLI reads it, and refuses a stack without one or a forged one", () => {
    assert.deepStrictEqual(runStackRegion(["--stack", "dev"], ROOT), {
      code: 0,
      stdout: "eu-west-1\n",
      stderr: "",
    });
    const none = runStackRegion(["--stack", "nope"], ROOT);
    assert.strictEqual(none.code, 1);
    assert.match(none.stderr, /no stack file Pulumi\.nope\.yaml/);
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-region-"));
    try {
      copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      const dev = readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
      const region = (text: string) => {
        writeFileSync(path.join(dir, "Pulumi.x.yaml"), text);
        return runStackRegion(["--stack", "x"], dir);
      };
      // A secret the offline reader cannot decrypt does not hide the region the stack deploys to.
      const secret = region(dev + "  admin-access:accessPortalUrl:\n    secure: AAABAMmJ\n");
      assert.deepStrictEqual([secret.code, secret.stdout], [0, "eu-west-1\n"], secret.stderr);
      // A value that would add a line to $GITHUB_OUTPUT is not a region.
      const forged = region(
        dev.replace("aws:region: eu-west-1", 'aws:region: "eu-west-1\\nregion=us-east-1"'),
      );
      assert.strictEqual(forged.code, 1, forged.stdout);
      assert.match(forged.stderr, /is not a region name/);
      const missing = region(dev.replace("  aws:region: eu-west-1\n", ""));
      assert.strictEqual(missing.code, 1);
      assert.match(missing.stderr, /sets no aws:region/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("docs/commands.md's exit-code table is the contract, code for code, and the README links to it", () => {
    assert.ok(README.includes("(docs/commands.md#exit-codes-the-same-for-every-command)"));
    // Written once: no other page holds a copy of the contract to fall behind it.
    for (const page of docPages().filter((p) => p.name !== "docs/commands.md"))
      for (const { meaning } of EXIT_TABLE)
        assert.ok(!page.text.includes(`| ${meaning}`), `${page.name}: ${meaning}`);
    const section = /^## Exit codes, the same for every command\n([\s\S]*?)^#/m.exec(COMMANDS_DOC)?.[1] ?? "";
    const rows = [...section.matchAll(/^\| (\d) +\| (.+?) +\|$/gm)].map((m) => [Number(m[1]), m[2]]);
    assert.deepStrictEqual(
      rows,
      EXIT_TABLE.map((e) => [e.code, e.meaning]),
    );
  });
});
