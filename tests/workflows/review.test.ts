import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";

const ROOT = path.join(__dirname, "..", "..");
const WORKFLOW = path.join(ROOT, ".github", "workflows", "admin-access-review.yml");

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown> };
  steps: Step[];
}

const TEXT = readFileSync(WORKFLOW, "utf8");
const workflow = parse(TEXT) as {
  on: { pull_request: null | { paths?: string[] }; push: { branches: string[]; paths?: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const { test, review, stacks, deploy } = workflow.jobs;
const action = (step: Step) => step.uses?.split("@")[0];
const checkouts = (job: Job) => job.steps.filter((s) => action(s) === "actions/checkout");

describe("the review workflow to copy", () => {
  const scripts = Object.keys(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
  const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));

  it("runs on every pull request and every push to main, whatever changed, and deploys from main", () => {
    // No paths filter: a pull request that changes only code (or a Dependabot update) is tested too.
    assert.strictEqual(workflow.on.pull_request, null);
    assert.deepStrictEqual(workflow.on.push, { branches: ["main"] });
    assert.deepStrictEqual(Object.keys(workflow.jobs), ["test", "review", "stacks", "deploy"]);
  });

  it("calls only npm scripts that exist", () => {
    const called = runs.flatMap((r) =>
      [...r.matchAll(/npm (?:run (?:--silent )?([\w:-]+)|(test|ci)\b)/g)].map((m) => m[1] ?? m[2]),
    );
    assert.ok(called.includes("plan") && called.includes("test"));
    for (const name of called.filter((n) => n !== "ci"))
      assert.ok(scripts.includes(name), `npm script ${name} does not exist`);
  });

  it("grants nothing by default; every job lists its permissions and keeps no token in its checkouts", () => {
    assert.deepStrictEqual(workflow.permissions, {});
    for (const [name, job] of Object.entries(workflow.jobs)) {
      assert.ok(job.permissions, `${name} has no permissions`);
      for (const checkout of checkouts(job))
        assert.strictEqual(checkout.with?.["persist-credentials"], false, `${name}: ${checkout.name}`);
    }
  });

  it("writes no expression into a script: values reach scripts through env", () => {
    assert.deepStrictEqual(
      runs.filter((r) => r.includes("${{")),
      [],
    );
  });

  it("tests the pull request's code, and main's, on Node 20 and 22 with a read-only token, no secret and no cloud credentials", () => {
    assert.strictEqual(test.if, undefined);
    assert.deepStrictEqual(test.strategy?.matrix.node, [20, 22]);
    const engines = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).engines.node;
    assert.strictEqual(engines, ">=20");
    assert.strictEqual(test.steps[1].with?.["node-version"], "${{ matrix.node }}");
    assert.deepStrictEqual(test.permissions, { contents: "read" });
    assert.deepStrictEqual(
      test.steps.map((s) => s.run ?? action(s)),
      ["actions/checkout", "actions/setup-node", "pulumi/actions", "npm ci", "npm test"],
    );
    // pulumi/actions without a command only installs the CLI (its src/main.ts, installOnly).
    assert.deepStrictEqual(test.steps[2].with, { "pulumi-version": "3.274.1" });
    // The pull request's own checkout: no ref, so its merge commit.
    assert.strictEqual(checkouts(test)[0].with?.ref, undefined);
    assert.doesNotMatch(JSON.stringify(test), /secrets\.|github\.token|id-token|aws-actions/);
  });

  it("posts the diff from the base branch's code, reading the pull request's stack files as data", () => {
    assert.strictEqual(review.if, "github.event_name == 'pull_request'");
    assert.deepStrictEqual(review.permissions, { contents: "read", "pull-requests": "write" });
    const [base, pr] = checkouts(review);
    assert.deepStrictEqual(base.with, {
      ref: "${{ github.event.pull_request.base.sha }}",
      path: "base",
      "persist-credentials": false,
    });
    // The pull request's tree: only its project and stack files and org.json, sparse, read with git, never run.
    assert.deepStrictEqual(pr.with, {
      path: "pr",
      "sparse-checkout": "/Pulumi.yaml\n/Pulumi.*.yaml\n/org.json\n",
      "sparse-checkout-cone-mode": false,
      "persist-credentials": false,
    });
    const code = review.steps.filter((s) => s.run && /\bnpm\b/.test(s.run));
    assert.ok(code.length >= 2);
    for (const step of code) assert.strictEqual(step["working-directory"], "base", step.name);
    assert.ok(review.steps.every((s) => !s.uses?.startsWith("./")));
    const plan = review.steps.find((s) => s.run?.includes("npm run plan"));
    assert.match(plan?.run ?? "", /git -C \.\.\/pr cat-file blob/);
    assert.match(plan?.run ?? "", /args=\(--stack "\$stack" --format markdown --output "\$out"/);
    assert.match(plan?.run ?? "", /args\+=\(--against HEAD\)/);
    // A refreshed org.json (or a forged one) is planned too, with the pull request's against the base one's.
    assert.match(plan?.run ?? "", /git -C \.\.\/pr cat-file blob "\$pr_org" > org\.json/);
    assert.match(plan?.run ?? "", /--org org\.json --against HEAD < \/dev\/null/);
    assert.match(plan?.run ?? "", /### What this snapshot refresh moves/);
    // The token only where the comments are posted, after every line of base code has run.
    const withToken = review.steps.filter((s) => JSON.stringify(s).includes("github.token"));
    assert.deepStrictEqual(withToken, [review.steps[review.steps.length - 1]]);
    assert.match(withToken[0].run ?? "", /gh pr comment "\$PR" --body-file/);
    assert.match(withToken[0].run ?? "", /gh api --method PATCH/);
  });

  it("deploys each changed stack from main through pulumi/actions up, behind the production environment", () => {
    assert.strictEqual(stacks.if, "github.event_name == 'push'");
    assert.deepStrictEqual(stacks.permissions, { contents: "read" });
    // Deployed only after main's tests pass.
    assert.deepStrictEqual(deploy.needs, ["test", "stacks"]);
    assert.strictEqual(deploy.if, "github.event_name == 'push' && needs.stacks.outputs.stacks != '[]'");
    assert.strictEqual(deploy.environment, "production");
    assert.strictEqual(deploy.strategy?.matrix.stack, "${{ fromJSON(needs.stacks.outputs.stacks) }}");
    assert.deepStrictEqual(deploy.concurrency, {
      group: "admin-access-deploy-${{ matrix.stack }}",
      "cancel-in-progress": false,
    });
    assert.deepStrictEqual(deploy.permissions, { contents: "read", "id-token": "write" });
    const credentials = deploy.steps.findIndex((s) => action(s) === "aws-actions/configure-aws-credentials");
    const up = deploy.steps.findIndex((s) => action(s) === "pulumi/actions");
    // Installed before the credentials exist, so no install script sees them.
    assert.ok(deploy.steps.findIndex((s) => s.run === "npm ci") < credentials && credentials < up);
    // The region comes from the stack file (npm run stack-region), never from the workflow.
    const region = deploy.steps.findIndex((s) => s.id === "region");
    assert.ok(0 < region && region < credentials);
    assert.match(deploy.steps[region].run ?? "", /npm run --silent stack-region -- --stack "\$STACK"/);
    assert.strictEqual(deploy.steps[credentials].with?.["aws-region"], "${{ steps.region.outputs.region }}");
    assert.strictEqual(deploy.steps[up].with?.command, "up");
    assert.strictEqual(deploy.steps[up].with?.["stack-name"], "${{ matrix.stack }}");
    assert.strictEqual(deploy.steps[up].env?.PULUMI_PARALLEL, "10");
  });

  it("leaves no finding silenced", () => {
    assert.doesNotMatch(TEXT, /zizmor:\s*ignore|actionlint|shellcheck disable/);
  });
});
