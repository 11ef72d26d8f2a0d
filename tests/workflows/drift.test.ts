import * as assert from "assert";
import { spawnSync } from "child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse } from "yaml";
import { ROOT, WORKFLOWS } from "./files";

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string;
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}

const workflow = parse(readFileSync(path.join(WORKFLOWS, "admin-access-drift.yml"), "utf8")) as {
  on: Record<string, unknown> & { repository_dispatch: { types: string[] } };
  permissions: Record<string, string>;
  jobs: Record<"drift" | "deploy", Job>;
};
const { drift, deploy } = workflow.jobs;
const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));
const checkStep = drift.steps.find((s) => s.id === "check") as Step;

describe("the drift workflow to copy", () => {
  it("runs daily, on the orgEvents repository_dispatch and by hand", () => {
    assert.deepStrictEqual(Object.keys(workflow.on).sort(), [
      "repository_dispatch",
      "schedule",
      "workflow_dispatch",
    ]);
    assert.deepStrictEqual(workflow.on.repository_dispatch.types, ["admin-access-org-changed"]);
  });

  it("calls only npm scripts that exist, the drift check among them", () => {
    const scripts = Object.keys(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
    const called = runs.flatMap((r) =>
      [...r.matchAll(/npm (?:run (?:--silent )?([\w:-]+)|(test|ci)\b)/g)].map((m) => m[1] ?? m[2]),
    );
    assert.ok(called.includes("drift"), called.join());
    for (const name of called.filter((n) => n !== "ci"))
      assert.ok(scripts.includes(name), `npm script ${name} does not exist`);
  });

  it("grants nothing by default, keeps no token in checkouts, and writes no expression into a script", () => {
    assert.deepStrictEqual(workflow.permissions, {});
    for (const [name, job] of Object.entries(workflow.jobs)) {
      assert.ok(job.permissions, name);
      for (const s of job.steps.filter((x) => x.uses?.startsWith("actions/checkout@")))
        assert.strictEqual(s.with?.["persist-credentials"], false, name);
    }
    assert.deepStrictEqual(
      runs.filter((r) => r.includes("${{")),
      [],
    );
  });

  it("deploys only on opt-in, from the default branch, behind the production environment", () => {
    assert.strictEqual(deploy.environment, "production");
    assert.match(deploy.if ?? "", /^vars\.ADMIN_ACCESS_DRIFT_DEPLOY == 'true' && /);
    assert.strictEqual(deploy.needs, "drift");
    // Only a refresh lets `up` see what was changed by hand, and so revert it.
    const up = deploy.steps.find((s) => s.with?.command === "up");
    assert.strictEqual(up?.with?.refresh, true);
    assert.strictEqual(drift.environment, "drift");
    assert.strictEqual(drift.permissions?.["id-token"], "write");
    assert.ok(!("pull-requests" in (drift.permissions ?? {})));
  });

  it("takes the region from the stack files, never from the workflow", () => {
    for (const job of [drift, deploy]) {
      const credentials = job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
      assert.strictEqual(credentials?.with?.["aws-region"], "${{ steps.region.outputs.region }}");
      const region = job.steps.find((s) => s.id === "region");
      assert.match(
        region?.run ?? "",
        /npm run --silent stack-region -- --stack "\$stack"|--stack "\$STACK"/i,
      );
    }
  });

  it("the check step: exit 0 is clean, 2 is drift listed for deploy, anything else fails the job", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-drift-wf-"));
    const bin = path.join(dir, "bin");
    const work = path.join(dir, "work");
    const temp = path.join(dir, "temp");
    for (const d of [bin, work, temp]) spawnSync("mkdir", ["-p", d]);
    for (const stack of ["clean", "drifted", "broken"])
      writeFileSync(path.join(work, `Pulumi.${stack}.yaml`), "");
    writeFileSync(path.join(work, "Pulumi.yaml"), "");
    // A stand-in for npm: each stack's answer, and the summary file on drift, as `npm run drift` writes it.
    writeFileSync(
      path.join(bin, "npm"),
      [
        "#!/bin/bash",
        'while [ "$#" -gt 0 ]; do case "$1" in --stack) stack="$2"; shift;; --output) out="$2"; shift;; esac; shift; done',
        'echo "$stack" >> "$RUNNER_TEMP/called"',
        'case "$stack" in clean) echo ok > "$out"; exit 0;; drifted) echo "### drift" > "$out"; exit 2;; *) exit 3;; esac',
      ].join("\n"),
    );
    chmodSync(path.join(bin, "npm"), 0o755);
    const output = path.join(dir, "output");
    writeFileSync(path.join(dir, "check.sh"), checkStep.run as string);
    const run = spawnSync("bash", ["--noprofile", "--norc", "-e", path.join(dir, "check.sh")], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: temp, GITHUB_OUTPUT: output },
    });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.match(run.stdout, /the drift check of Pulumi\.broken\.yaml failed \(exit 3\)/);
    assert.strictEqual(readFileSync(output, "utf8"), 'stacks=["drifted"]\n');
    assert.deepStrictEqual(readFileSync(path.join(temp, "called"), "utf8").trim().split("\n").sort(), [
      "broken",
      "clean",
      "drifted",
    ]);
    assert.deepStrictEqual(
      spawnSync("ls", [path.join(temp, "drift")], { encoding: "utf8" }).stdout.trim(),
      "drifted.md",
    );
  });
});
