import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse } from "yaml";
import { ROOT, WORKFLOWS } from "./files";

interface Step {
  name?: string;
  run?: string;
  "working-directory"?: string;
}

const { review, stacks } = (
  parse(readFileSync(path.join(WORKFLOWS, "admin-access-review.yml"), "utf8")) as {
    jobs: Record<"review" | "stacks", { steps: Step[] }>;
  }
).jobs;
const planStep = review.steps.find((s) => s.run?.includes("npm run plan")) as Step;
const commentStep = review.steps[review.steps.length - 1];

const STACK = readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");

/** Commits these files (and symlinks) in a repository at dir, created if new; returns the commit. */
function commit(
  dir: string,
  files: Record<string, string>,
  links: Record<string, string> = {},
  gone: string[] = [],
) {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" }).toString().trim();
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    git("init", "-q");
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  for (const [name, target] of Object.entries(links)) symlinkSync(target, path.join(dir, name));
  if (gone.length) git("rm", "-q", "--", ...gone);
  git("add", "--", ...Object.keys(files), ...Object.keys(links));
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "stacks");
  return git("rev-parse", "HEAD");
}

/** A step's script, run the way a runner runs it: its own file, bash -e, in its working directory. */
function runStep(step: Step, cwd: string, env: Record<string, string>) {
  const script = path.join(cwd, "..", `${step.name?.replace(/\W+/g, "-")}.sh`);
  writeFileSync(script, step.run as string);
  return spawnSync("bash", ["--noprofile", "--norc", "-e", script], {
    cwd: path.join(cwd, step["working-directory"] ?? ""),
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

describe("the review job with a pull request that changes Pulumi.yaml", function () {
  this.timeout(120000);
  it("plans no stack and fails the review: the base branch's Pulumi.yaml would misstate every stack", () => {
    const work = mkdtempSync(path.join(tmpdir(), "admin-access-review-project-"));
    try {
      const runner = path.join(work, "runner");
      mkdirSync(runner);
      const project = readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");
      commit(path.join(work, "base"), { "Pulumi.yaml": project, "Pulumi.dev.yaml": STACK });
      commit(path.join(work, "pr"), {
        "Pulumi.yaml": `${project}\n# a default changed here changes every stack\n`,
        "Pulumi.dev.yaml": STACK.replace('- "210987654321"', '- "210987654321"\n    - "333333333333"'),
      });
      const run = runStep(planStep, work, { RUNNER_TEMP: runner });
      assert.strictEqual(run.status, 1, run.stderr);
      assert.deepStrictEqual(readdirSync(path.join(runner, "plans")), ["project.md"]);
      assert.match(
        readFileSync(path.join(runner, "plans", "project.md"), "utf8"),
        /^The pull request changes `Pulumi\.yaml`.*no stack is planned/,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("the review job's scripts, run as the workflow runs them", function () {
  this.timeout(120000);
  let work: string;
  let runner: string;
  let plan: ReturnType<typeof runStep>;

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), "admin-access-review-"));
    runner = path.join(work, "runner");
    mkdirSync(runner);
    // The base branch: this project's code (linked, untracked) and its committed stack files.
    commit(path.join(work, "base"), {
      "Pulumi.dev.yaml": STACK,
      "Pulumi.same.yaml": STACK,
      "Pulumi.gone.yaml": STACK,
    });
    for (const entry of readdirSync(ROOT).filter((e) => e !== ".git" && !/^Pulumi\..+\.yaml$/.test(e)))
      symlinkSync(path.join(ROOT, entry), path.join(work, "base", entry));
    // The pull request: one stack changed, one added, one removed, one unchanged, and hostile entries.
    commit(
      path.join(work, "pr"),
      {
        "Pulumi.dev.yaml": STACK.replace('- "210987654321"', '- "210987654321"\n    - "333333333333"'),
        "Pulumi.same.yaml": STACK,
        "Pulumi.new.yaml": STACK,
        "Pulumi.$(touch pwned).yaml": STACK,
      },
      { "Pulumi.link.yaml": "/etc/hostname" },
    );
    plan = runStep(planStep, work, { RUNNER_TEMP: runner });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const planOf = (stack: string) => readFileSync(path.join(runner, "plans", `${stack}.md`), "utf8");

  it("plans a changed stack against the base branch's version, with the base branch's code", () => {
    assert.match(planOf("dev"), /333333333333/);
    assert.match(planOf("dev"), /against HEAD/);
    // The base checkout's HEAD still holds the base version: only the working tree took the pull request's.
    const head = execFileSync("git", ["show", "HEAD:Pulumi.dev.yaml"], { cwd: path.join(work, "base") });
    assert.strictEqual(head.toString(), STACK);
  });

  it("plans a new stack whole, notes a removed one, and skips an unchanged one", () => {
    assert.match(planOf("new"), /012345678901/);
    assert.doesNotMatch(planOf("new"), /against/);
    assert.match(
      planOf("gone"),
      /^The pull request removes `Pulumi\.gone\.yaml`: nothing is deployed or destroyed/,
    );
    assert.ok(!existsSync(path.join(runner, "plans", "same.md")));
  });

  it("reads a symlink as its text, not its target, and takes no file name as code", () => {
    assert.match(planOf("link"), /^The plan of `Pulumi\.link\.yaml` failed: see the job log\./);
    assert.strictEqual(plan.status, 1, plan.stderr);
    assert.deepStrictEqual(readdirSync(path.join(runner, "plans")).sort(), [
      "dev.md",
      "gone.md",
      "link.md",
      "new.md",
    ]);
    assert.ok(!existsSync(path.join(work, "base", "pwned")) && !existsSync(path.join(work, "pr", "pwned")));
  });

  it("edits each stack's own comment in place and posts the others, each also in the job summary", () => {
    // A stand-in for gh: the pull request already has the dev comment (101) and someone's look-alike (102).
    const bin = path.join(work, "bin");
    mkdirSync(bin);
    const calls = path.join(work, "gh-calls");
    writeFileSync(
      path.join(bin, "gh"),
      [
        "#!/usr/bin/env bash",
        `printf '%s\\n' "$*" >> ${JSON.stringify(calls)}`,
        'if [ "$1 $2" = "api --paginate" ]; then',
        "  echo '101 <!-- admin-access-plan: dev -->'",
        "  echo '103 <!-- admin-access-plan: dev --> and more'",
        "fi",
      ].join("\n"),
      { mode: 0o755 },
    );
    const summary = path.join(work, "summary.md");
    const posted = runStep(commentStep, work, {
      RUNNER_TEMP: runner,
      GITHUB_STEP_SUMMARY: summary,
      GH_REPO: "example-org/admin-access",
      PR: "7",
      PATH: `${bin}:${process.env.PATH}`,
    });
    assert.strictEqual(posted.status, 0, posted.stderr);
    const log = readFileSync(calls, "utf8").trim().split("\n");
    const body = (stack: string) => path.join(runner, "plans", `${stack}.md.body`);
    assert.deepStrictEqual(
      log.filter((l) => !l.startsWith("api --paginate")),
      [
        `api --method PATCH repos/example-org/admin-access/issues/comments/101 -F body=@${body("dev")}`,
        `pr comment 7 --body-file ${body("gone")}`,
        `pr comment 7 --body-file ${body("link")}`,
        `pr comment 7 --body-file ${body("new")}`,
      ],
    );
    assert.ok(log[0].startsWith("api --paginate repos/example-org/admin-access/issues/7/comments --jq "));
    assert.strictEqual(
      readFileSync(body("dev"), "utf8"),
      `<!-- admin-access-plan: dev -->\n${planOf("dev")}`,
    );
    assert.ok(readFileSync(summary, "utf8").includes(planOf("new")));
  });
});

describe("the stacks job's script, run as the workflow runs it", () => {
  let work: string;
  let start: string;
  let stacksOnly: string;
  let code: string;
  let project: string;
  before(() => {
    work = mkdtempSync(path.join(tmpdir(), "admin-access-stacks-"));
    const repo = path.join(work, "repo");
    start = commit(repo, {
      "Pulumi.yaml": "",
      "Pulumi.a.yaml": "a",
      "Pulumi.b.yaml": "b",
      "Pulumi.d.yaml": "d",
      "index.ts": "",
    });
    // Stack files, docs, tests and CI only: the changed stacks deploy, the removed one does not.
    mkdirSync(path.join(repo, "docs"));
    mkdirSync(path.join(repo, "tests"));
    stacksOnly = commit(
      repo,
      { "Pulumi.a.yaml": "a2", "Pulumi.c.yaml": "c", "README.md": "", "docs/x.md": "", "tests/x.ts": "" },
      {},
      ["Pulumi.b.yaml"],
    );
    code = commit(repo, { "Pulumi.a.yaml": "a3" }, {}, ["index.ts"]);
    project = commit(repo, { "Pulumi.yaml": "x" });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const stacksOf = (beforeSha: string, head?: string) => {
    const repo = path.join(work, "repo");
    if (head) execFileSync("git", ["checkout", "-q", head], { cwd: repo });
    const output = path.join(work, "output");
    writeFileSync(output, "");
    const run = runStep({ ...stacks.steps[1], name: "stacks" }, repo, {
      BEFORE: beforeSha,
      GITHUB_OUTPUT: output,
    });
    assert.strictEqual(run.status, 0, run.stderr);
    return readFileSync(output, "utf8");
  };

  it("lists the stack files the push adds or changes, as the deploy matrix", () => {
    assert.strictEqual(stacksOf(start, stacksOnly), 'stacks=["a","c"]\n');
  });

  it("lists every stack when the push changes code (index.ts deleted) or Pulumi.yaml", () => {
    assert.strictEqual(stacksOf(stacksOnly, code), 'stacks=["a","c","d"]\n');
    assert.strictEqual(stacksOf(start, code), 'stacks=["a","c","d"]\n');
    assert.strictEqual(stacksOf(code, project), 'stacks=["a","c","d"]\n');
  });

  it("lists every stack file after a force push or on a new branch", () => {
    assert.strictEqual(
      stacksOf("0000000000000000000000000000000000000000", project),
      'stacks=["a","c","d"]\n',
    );
  });
});

describe("the review job with a pull request that only refreshes org.json", function () {
  this.timeout(120000);
  // A snapshot as org-snapshot writes it; the forged refresh swaps two accounts' names.
  const snapshot = (names: Record<string, string> = {}) =>
    JSON.stringify({
      managementAccountId: "999999999999",
      accounts: [
        ["999999999999", "Management"],
        ["012345678901", "Workloads Prod"],
        ["210987654321", "Workloads Dev"],
        ["333333333333", "Audit"],
      ].map(([id, name]) => ({ id, name: names[id] ?? name, state: "ACTIVE" })),
      organizationalUnits: {},
    });
  const BY_NAME = STACK.replace(
    /admin-access:accounts:\n(\s+- "\d+"\n)+/,
    'admin-access:accountNames: ["Workloads Prod", "Workloads Dev"]\n',
  );
  let work: string;
  let runner: string;
  const review = (pr: Record<string, string>, gone: string[] = []) => {
    commit(path.join(work, "pr"), pr, {}, gone);
    return runStep(planStep, work, { RUNNER_TEMP: runner });
  };
  const refresh = () => readFileSync(path.join(runner, "plans", "org.json+refresh.md"), "utf8");
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), "admin-access-review-org-"));
    runner = path.join(work, "runner");
    mkdirSync(runner);
    const files = { "Pulumi.dev.yaml": BY_NAME, "Pulumi.ids.yaml": STACK, "org.json": snapshot() };
    commit(path.join(work, "base"), files);
    for (const entry of readdirSync(ROOT).filter((e) => e !== ".git" && !/^Pulumi\..+\.yaml$/.test(e)))
      symlinkSync(path.join(ROOT, entry), path.join(work, "base", entry));
    commit(path.join(work, "pr"), files);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("plans every stack with the pull request's org.json against the base branch's: a swapped name is critical", () => {
    const run = review({
      "org.json": snapshot({ "210987654321": "Audit", "333333333333": "Workloads Dev" }),
    });
    assert.strictEqual(run.status, 0, run.stderr);
    // No stack file changed: the refresh is the only comment, under a name no stack file can take.
    assert.deepStrictEqual(readdirSync(path.join(runner, "plans")), ["org.json+refresh.md"]);
    const text = refresh();
    assert.match(text, /^### What this snapshot refresh moves\n/);
    const [dev, ids] = text.split(/^#### Stack `ids`$/m);
    assert.match(dev, /^#### Stack `dev`$/m);
    assert.match(dev, /^\| CRITICAL \| accountNames\\\["Workloads Dev"\\\] \| 210987654321 /m);
    assert.match(dev, /\| "Workloads Dev" \| 210987654321 \| 333333333333 \(another account: critical\) \|/);
    // A stack that selects by ID moves nothing.
    assert.match(ids, /Access changes against HEAD: 0 critical, 0 high, 0 info/);
    assert.match(
      dev,
      /^_The before side was resolved against HEAD:org\.json, this side against org\.json_$/m,
    );
    // The pull request's org.json was read as a git object; the base checkout's HEAD keeps the base one.
    const head = execFileSync("git", ["show", "HEAD:org.json"], { cwd: path.join(work, "base") });
    assert.strictEqual(head.toString(), snapshot());
  });

  it("no refresh, no section; a refresh that is no snapshot fails the review", () => {
    const same = review({ "Pulumi.ids.yaml": `${STACK}\n` });
    assert.strictEqual(same.status, 0, same.stderr);
    assert.ok(!existsSync(path.join(runner, "plans", "org.json+refresh.md")));
    rmSync(path.join(runner, "plans"), { recursive: true });
    const broken = review({ "org.json": "not json {" });
    assert.strictEqual(broken.status, 1);
    assert.match(refresh(), /The plan of `Pulumi\.dev\.yaml` against the pull request's `org\.json` failed/);
  });

  it("a removed org.json is said", () => {
    const run = review({}, ["org.json"]);
    assert.strictEqual(run.status, 0, run.stderr);
    assert.match(refresh(), /^The pull request removes `org\.json`/m);
  });
});
