import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";

const ROOT = path.join(__dirname, "..");
const WORKFLOW = path.join(ROOT, ".github", "workflows", "admin-access-review.yml");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}

describe("the review workflow to copy", () => {
  const workflow = parse(readFileSync(WORKFLOW, "utf8")) as {
    on: { pull_request: { paths: string[] }; push: { branches: string[] } };
    jobs: Record<string, Job>;
  };
  const scripts = Object.keys(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
  const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));

  it("runs on pull requests that touch a stack file, and deploys from main", () => {
    assert.deepStrictEqual(workflow.on.pull_request.paths, ["Pulumi.*.yaml"]);
    assert.deepStrictEqual(workflow.on.push.branches, ["main"]);
  });

  it("calls only npm scripts that exist", () => {
    const called = runs.flatMap((r) =>
      [...r.matchAll(/npm (?:run ([\w:-]+)|(test|ci)\b)/g)].map((m) => m[1] ?? m[2]),
    );
    assert.ok(called.includes("plan") && called.includes("test"));
    for (const name of called.filter((n) => n !== "ci"))
      assert.ok(scripts.includes(name), `npm script ${name} does not exist`);
  });

  it("tests, then posts the markdown diff against the base branch, with a full clone for the ref", () => {
    const review = workflow.jobs.review;
    assert.strictEqual(review.if, "github.event_name == 'pull_request'");
    assert.strictEqual(review.steps[0].with?.["fetch-depth"], 0);
    const steps = review.steps.map((s) => s.run ?? s.uses ?? "");
    const plan = steps.findIndex((s) =>
      /--format markdown --against "origin\/\$BASE_REF" --output plan\.md/.test(s),
    );
    assert.ok(steps.indexOf("npm test") >= 0 && steps.indexOf("npm test") < plan);
    assert.match(steps[plan + 1], /gh pr comment .* --body-file plan\.md/);
    assert.strictEqual(review.permissions?.["pull-requests"], "write");
  });

  it("deploys with pulumi/actions up on main", () => {
    const deploy = workflow.jobs.deploy;
    assert.strictEqual(deploy.if, "github.event_name == 'push'");
    const up = deploy.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
    assert.strictEqual(up?.with?.command, "up");
  });
});
