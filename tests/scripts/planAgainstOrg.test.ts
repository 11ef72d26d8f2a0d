// Issue #37, names pinned: `plan --against <ref> --org org.json` resolves the before side against org.json as
// committed at the ref (or --against-org), shows each accountNames entry with the account it names, and ranks
// a name that names another account now as critical, in every format.
import * as assert from "assert";
import { execFileSync } from "child_process";
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { PlanReport, runPlan } from "../../scripts/plan";
import { MANAGEMENT_ACCOUNT, ORG_ACCOUNT_TAGS, ORG_ACCOUNTS, ORG_UNITS } from "../mocks";

const STACK = [
  "config:",
  "  aws:region: eu-west-1",
  "  admin-access:group: { displayName: Admins }",
  '  admin-access:accountNames: ["Audit"]',
  "  admin-access:admins: [{ userName: ann, email: ann@example.com, givenName: Ann, familyName: Lee }]",
].join("\n");

const orgFile = (rename: (a: { id: string; name: string }) => string = (a) => a.name) =>
  JSON.stringify({
    managementAccountId: MANAGEMENT_ACCOUNT,
    accounts: ORG_ACCOUNTS.map((a) => ({ ...a, name: rename(a) })),
    organizationalUnits: ORG_UNITS,
  });
/** Audit's name moved to Workloads Dev (210987654321): a rename in AWS, not a change of config. */
const MOVED = orgFile((a) =>
  a.id === "333333333333" ? "Audit (retired)" : a.id === "210987654321" ? "Audit" : a.name,
);

describe("plan --against: names pinned to the accounts they name (#37)", () => {
  let dir: string;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir });
  const plan = (...argv: string[]) => runPlan(["--stack", "org", ...argv], dir);
  const json = (...argv: string[]): PlanReport => JSON.parse(plan("--format", "json", ...argv).stdout);
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "plan-names-"));
    copyFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    writeFileSync(path.join(dir, "Pulumi.org.yaml"), STACK);
    writeFileSync(path.join(dir, "org.json"), orgFile());
    git("init", "-q");
    git("add", "Pulumi.org.yaml", "org.json");
    git("commit", "-qm", "base");
    git("branch", "-q", "base");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("a tag selector that matches nothing is the text plan's first line, with what the accounts carry", () => {
    writeFileSync(path.join(dir, "Pulumi.org.yaml"), `${STACK}\n  admin-access:accountTags: { env: prd }\n`);
    const tagged = JSON.parse(orgFile());
    for (const a of tagged.accounts) if (a.state === "ACTIVE") a.tags = ORG_ACCOUNT_TAGS[a.id] ?? {};
    writeFileSync(path.join(dir, "org.json"), JSON.stringify(tagged));
    const lines = plan("--org", "org.json").stdout.split("\n");
    assert.match(lines[2], /^WARNING: accountTags: selects no ACTIVE account; "env" is "prod", /);
  });

  it("the org file as committed at the ref resolves the before side: a moved name is critical", () => {
    writeFileSync(path.join(dir, "org.json"), MOVED);
    const report = json("--against", "base", "--org", "org.json");
    assert.deepStrictEqual(report.diff?.organizations, {
      before: "base:org.json",
      after: "org.json",
      same: false,
    });
    assert.deepStrictEqual(report.diff?.accountNames, [
      { name: "Audit", before: "333333333333", after: "210987654321" },
    ]);
    const [first] = report.diff?.changes ?? [];
    assert.deepStrictEqual(
      [first.severity, first.path, first.old, first.new],
      ["critical", 'accountNames["Audit"]', '333333333333 ("Audit")', '210987654321 ("Audit")'],
    );
    const text = plan("--against", "base", "--org", "org.json").stdout;
    assert.match(text, /^ {2}CRITICAL accountNames\["Audit"\]: /m);
    assert.match(text, /^The before side was resolved against base:org\.json, this side against org\.json$/m);
    assert.match(
      text,
      /^ {2}"Audit": 333333333333 -> 210987654321 \(names another account now: critical\)$/m,
    );
    const markdown = plan("--against", "base", "--org", "org.json", "--format", "markdown").stdout;
    assert.match(markdown, /^\| "Audit" \| 333333333333 \| 210987654321 \(another account: critical\) \|$/m);
    const csv = plan("--against", "base", "--org", "org.json", "--format", "csv").stdout.split("\r\n");
    assert.match(
      csv[1],
      /^critical,"accountNames\[""Audit""\]","333333333333 \(""Audit""\)","210987654321 \(""Audit""\)",/,
    );
  });

  it("an unchanged org file pins each name and says both sides were resolved against one organization", () => {
    // As the review workflow runs: the base branch's org.json, tracked and unchanged at the ref.
    const report = json("--against", "base", "--org", "org.json");
    assert.deepStrictEqual(report.diff?.organizations?.same, true);
    assert.deepStrictEqual(report.diff?.accountNames, [
      { name: "Audit", before: "333333333333", after: "333333333333" },
    ]);
    assert.deepStrictEqual(report.diff?.changes, []);
    const text = plan("--against", "base", "--org", "org.json").stdout;
    assert.match(text, /^Both sides were resolved against one organization \(org\.json\)/m);
    assert.match(text, /^ {2}"Audit": 333333333333$/m);
  });

  it("--against-org names the before side's organization; an org file git does not track is used for both", () => {
    writeFileSync(path.join(dir, "then.json"), orgFile());
    writeFileSync(path.join(dir, "now.json"), MOVED);
    const explicit = json("--against", "base", "--org", "now.json", "--against-org", "then.json");
    assert.deepStrictEqual(explicit.diff?.organizations, {
      before: "then.json",
      after: "now.json",
      same: false,
    });
    assert.strictEqual(explicit.diff?.changes[0].path, 'accountNames["Audit"]');
    const untracked = json("--against", "base", "--org", "now.json");
    assert.deepStrictEqual(untracked.diff?.organizations, {
      before: "now.json",
      after: "now.json",
      same: true,
    });
    const missing = plan("--against", "base", "--org", "now.json", "--against-org", "gone.json");
    assert.deepStrictEqual(
      [missing.code, missing.stderr.trim()],
      [1, "--against-org gone.json: no such file"],
    );
    const alone = plan("--against", "base", "--against-org", "then.json");
    assert.strictEqual(alone.code, 1);
    assert.match(alone.stderr, /^--against-org then\.json: needs --org/);
    const sideless = plan("--org", "now.json", "--against-org", "then.json");
    assert.match(sideless.stderr, /^--against-org then\.json: needs --against/);
  });
});

describe("plan --against: the --org file at the ref, by its path from the repository's top (#37)", () => {
  // A project in a subdirectory (infra/) of a repository whose snapshot sits at the top.
  let root: string;
  let dir: string;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: root });
  const plan = (...argv: string[]) => runPlan(["--stack", "org", ...argv], dir);
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "plan-subdir-"));
    dir = path.join(root, "infra");
    mkdirSync(dir);
    copyFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    writeFileSync(path.join(dir, "Pulumi.org.yaml"), STACK);
    writeFileSync(path.join(root, "org.json"), orgFile());
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "base");
    git("branch", "-q", "base");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("--org ../org.json is read at the ref: a moved name is critical, not hidden behind one organization", () => {
    writeFileSync(path.join(root, "org.json"), MOVED);
    const report = JSON.parse(
      plan("--against", "base", "--org", "../org.json", "--format", "json").stdout,
    ) as PlanReport;
    assert.deepStrictEqual(report.diff?.organizations, {
      before: "base:org.json",
      after: "../org.json",
      same: false,
    });
    assert.deepStrictEqual(report.diff?.accountNames, [
      { name: "Audit", before: "333333333333", after: "210987654321" },
    ]);
    assert.strictEqual(report.diff?.changes[0].severity, "critical");
  });

  it("a snapshot beside the project is read by its path from the top", () => {
    writeFileSync(path.join(dir, "org.json"), orgFile());
    git("add", "-A");
    git("commit", "-qm", "snapshot in infra");
    git("branch", "-qf", "base");
    writeFileSync(path.join(dir, "org.json"), MOVED);
    const report = JSON.parse(
      plan("--against", "base", "--org", "org.json", "--format", "json").stdout,
    ) as PlanReport;
    assert.deepStrictEqual(report.diff?.organizations?.before, "base:infra/org.json");
    assert.strictEqual(report.diff?.changes[0].path, 'accountNames["Audit"]');
  });

  it("refuses a symlink at the ref (git shows its target's path, no snapshot) and a file outside the repository", () => {
    renameSync(path.join(root, "org.json"), path.join(root, "snap.json"));
    symlinkSync("snap.json", path.join(root, "org.json"));
    git("add", "-A");
    git("commit", "-qm", "link");
    git("branch", "-qf", "base");
    const link = plan("--against", "base", "--org", "../org.json");
    assert.deepStrictEqual(
      [link.code, link.stderr.trim()],
      [
        1,
        "--org ../org.json: at the --against ref, org.json is a symbolic link, not a file: name the before " +
          "side's organization with --against-org <file>",
      ],
    );
    const outside = mkdtempSync(path.join(tmpdir(), "plan-outside-"));
    try {
      writeFileSync(path.join(outside, "org.json"), orgFile());
      const far = plan("--against", "base", "--org", path.join(outside, "org.json"));
      assert.strictEqual(far.code, 1);
      assert.match(
        far.stderr,
        /: outside the git repository at .*, so it has no version at the --against ref: /,
      );
      // Named with --against-org, the before side needs no version at the ref.
      const named = plan(
        ...["--against", "base", "--org", path.join(outside, "org.json")],
        ...["--against-org", "../snap.json"],
      );
      assert.strictEqual(named.code, 0, named.stderr);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("plan --against: a tag selector's gains and losses, through the org file's tags (#37)", () => {
  let dir: string;
  const TAGGED = (env: (id: string) => Record<string, string> = (id) => ORG_ACCOUNT_TAGS[id] ?? {}) =>
    JSON.stringify({
      managementAccountId: MANAGEMENT_ACCOUNT,
      accounts: ORG_ACCOUNTS.map((a) => ({ ...a, tags: env(a.id) })),
      organizationalUnits: ORG_UNITS,
    });
  const stack = (tags: string) =>
    STACK.replace('  admin-access:accountNames: ["Audit"]', `  admin-access:accountTags: ${tags}`);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir });
  const plan = (...argv: string[]) =>
    runPlan(["--stack", "org", "--org", "org.json", "--against", "base", ...argv], dir);
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "plan-tags-"));
    copyFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    writeFileSync(path.join(dir, "Pulumi.org.yaml"), stack("{ env: prod }"));
    writeFileSync(path.join(dir, "org.json"), TAGGED());
    git("init", "-q");
    git("add", "Pulumi.org.yaml", "org.json");
    git("commit", "-qm", "base");
    git("branch", "-q", "base");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("a value added: the line names the account gained, critical, and its assignment says accountTags", () => {
    writeFileSync(path.join(dir, "Pulumi.org.yaml"), stack("{ env: [prod, dev] }"));
    const text = plan().stdout;
    assert.match(
      text,
      /^ {2}CRITICAL accountTags\.env: "prod" -> "prod \| dev" \(.*: the tag selector gains 210987654321 \("Workloads Dev"\)\)$/m,
    );
    assert.match(
      text,
      /^ {2}CRITICAL assignments: \(none\) -> "210987654321 \(\\"Workloads Dev\\"\)" \(the admins get administrator access in this account \(selected by accountTags\)\)$/m,
    );
    const report = JSON.parse(plan("--format", "json").stdout) as PlanReport;
    assert.deepStrictEqual(report.diff?.accountsAdded, ["210987654321"]);
  });

  it("a retag since the base branch's snapshot: the assignments it moves, against the org file at the ref", () => {
    // Workloads Dev retagged prod: the config is the same, the organization is not.
    writeFileSync(
      path.join(dir, "org.json"),
      TAGGED((id) => (id === "210987654321" ? { env: "prod" } : (ORG_ACCOUNT_TAGS[id] ?? {}))),
    );
    const report = JSON.parse(plan("--format", "json").stdout) as PlanReport;
    assert.deepStrictEqual(report.diff?.organizations, {
      before: "base:org.json",
      after: "org.json",
      same: false,
    });
    const gained = report.diff?.changes.filter((c) => c.path === "assignments") ?? [];
    assert.deepStrictEqual(
      gained.map((c) => [c.severity, c.new]),
      [["critical", '210987654321 ("Workloads Dev")']],
    );
    assert.match(gained[0].why, /\(selected by accountTags\)$/);
  });
});
