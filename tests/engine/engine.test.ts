// Runs the engine scenarios (scenarios.engine.ts, migration.engine.ts, accountTags.engine.ts, deferred.engine.ts) in a process of their own, without the
// suite's runtime mocks: the Automation API's in-process language server replaces the mock monitor for the
// rest of the run.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { findCli } from "./harness";

const ROOT = path.resolve(__dirname, "../..");

describe("engine", () => {
  it("runs every scenario through the real Pulumi engine with the invariants held", function () {
    const cli = findCli();
    if ("missing" in cli) {
      if (process.env.CI === "true") assert.fail(`engine scenarios: ${cli.missing}`);
      console.log(`      skipped: ${cli.missing}`);
      return this.skip();
    }
    this.timeout(20 * 60 * 1000);
    const run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, "node_modules/mocha/bin/mocha.js"),
        "--no-config",
        "--require",
        "ts-node/register/transpile-only",
        "--timeout",
        "900000",
        "--reporter",
        "dot",
        path.join(__dirname, "scenarios.engine.ts"),
        path.join(__dirname, "migration.engine.ts"),
        path.join(__dirname, "accountTags.engine.ts"),
        path.join(__dirname, "deferred.engine.ts"),
        path.join(ROOT, "tests/automation/cli.engine.ts"),
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
    );
    const out = `${run.stdout}${run.stderr}`;
    console.log(
      out
        .split("\n")
        .filter((l) => /engine scenarios run|skipped/.test(l))
        .join("\n"),
    );
    assert.strictEqual(run.status, 0, out);
  });
});
