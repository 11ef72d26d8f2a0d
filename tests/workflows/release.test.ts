import * as assert from "assert";
import { createHash } from "crypto";
import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
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
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown> };
  steps: Step[];
}

const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  version: string;
  license: string;
  files: string[];
  engines: { node: string };
};
const CHANGELOG = readFileSync(path.join(ROOT, "CHANGELOG.md"), "utf8");
const UPGRADING = readFileSync(path.join(ROOT, "docs", "upgrading.md"), "utf8");
const workflow = parse(readFileSync(path.join(WORKFLOWS, "release.yml"), "utf8")) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: { test: Job; publish: Job };
};
const { test, publish } = workflow.jobs;

/** Keep a Changelog 1.1.0: `## [x.y.z] - YYYY-MM-DD`, newest first, after `## [Unreleased]`. */
const VERSIONS = [...CHANGELOG.matchAll(/^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/gm)].map((m) => ({
  version: m[1],
  date: m[2],
}));
const byNumber = (v: string) => v.split(".").map(Number);

/** Runs a step's script as the runner does (bash -e), in `cwd`, with `env`. */
function runStep(step: Step, cwd: string, env: Record<string, string>) {
  const script = path.join(mkdtempSync(path.join(tmpdir(), "admin-access-step-")), "step.sh");
  writeFileSync(script, step.run as string);
  return spawnSync("bash", ["--noprofile", "--norc", "-e", script], {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

describe("a release people can adopt", () => {
  it("LICENSE is the Apache License 2.0 verbatim, as package.json says", () => {
    // The SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt.
    const sha = createHash("sha256")
      .update(readFileSync(path.join(ROOT, "LICENSE")))
      .digest("hex");
    assert.strictEqual(sha, "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30");
    assert.strictEqual(PACKAGE.license, "Apache-2.0");
  });

  it("CHANGELOG.md keeps a changelog: Unreleased first, then one entry per version, newest first, dated", () => {
    assert.match(CHANGELOG, /^# Changelog\n/);
    assert.match(CHANGELOG, /keepachangelog\.com\/en\/1\.1\.0/);
    const headings = [...CHANGELOG.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    assert.strictEqual(headings[0], "[Unreleased]");
    assert.deepStrictEqual(
      headings.slice(1),
      VERSIONS.map((v) => `[${v.version}] - ${v.date}`),
    );
    assert.ok(VERSIONS.some((v) => v.version === "0.1.0"));
    for (let i = 1; i < VERSIONS.length; i++) {
      const [a, b] = [byNumber(VERSIONS[i - 1].version), byNumber(VERSIONS[i].version)];
      assert.ok(a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2]))));
      assert.ok(VERSIONS[i - 1].date >= VERSIONS[i].date);
    }
    for (const section of CHANGELOG.matchAll(/^### (.*)$/gm))
      assert.ok(
        ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"].includes(section[1]),
        section[1],
      );
  });

  it("package.json's version is the newest CHANGELOG entry, and docs/upgrading.md has a section for it", () => {
    assert.strictEqual(VERSIONS[0].version, PACKAGE.version);
    for (const { version } of VERSIONS)
      assert.match(UPGRADING, new RegExp(`^## To ${version.replace(/\./g, "\\.")}$`, "m"));
    assert.ok(PACKAGE.files.includes("CHANGELOG.md"), "the tarball carries the changelog");
  });

  it("runs on v* tags, tests on every supported Node, and publishes with contents: write in one job only", () => {
    assert.deepStrictEqual(workflow.on, { push: { tags: ["v*"] } });
    assert.deepStrictEqual(workflow.permissions, {});
    assert.deepStrictEqual(test.permissions, { contents: "read" });
    assert.deepStrictEqual(test.strategy?.matrix.node, [20, 22]);
    assert.strictEqual(PACKAGE.engines.node, ">=20");
    assert.deepStrictEqual(
      test.steps.filter((s) => s.run && !s.name).map((s) => s.run),
      ["npm ci", "npm test"],
    );
    assert.strictEqual(publish.needs, "test");
    assert.deepStrictEqual(publish.permissions, { contents: "write" });
    const pack = publish.steps.find((s) => s.id === "pack");
    assert.match(pack?.run ?? "", /npm pack/);
    const release = publish.steps[publish.steps.length - 1];
    assert.match(release.run ?? "", /gh release create "\$GITHUB_REF_NAME" "\$TARBALL" --verify-tag/);
    // The token only where the release is made.
    assert.deepStrictEqual(
      publish.steps.filter((s) => JSON.stringify(s).includes("github.token")),
      [release],
    );
  });

  describe("the tag check, run as the workflow runs it", () => {
    const check = test.steps.find((s) => s.name?.startsWith("The tag is package.json's version")) as Step;
    it("passes for v<version> and fails for any other tag or a version the changelog lacks", () => {
      assert.ok(test.steps.indexOf(check) < test.steps.findIndex((s) => s.run === "npm test"));
      const ok = runStep(check, ROOT, { GITHUB_REF_NAME: `v${PACKAGE.version}` });
      assert.strictEqual(ok.status, 0, ok.stdout + ok.stderr);
      for (const tag of ["v0.0.1", PACKAGE.version, `v${PACKAGE.version}-rc.1`, `v${PACKAGE.version}.0`]) {
        const wrong = runStep(check, ROOT, { GITHUB_REF_NAME: tag });
        assert.strictEqual(wrong.status, 1, tag);
        assert.match(wrong.stdout, /::error::the tag .* is not v/);
      }
      const dir = mkdtempSync(path.join(tmpdir(), "admin-access-release-"));
      try {
        writeFileSync(path.join(dir, "package.json"), JSON.stringify({ version: "9.9.9" }));
        writeFileSync(path.join(dir, "CHANGELOG.md"), CHANGELOG);
        const missing = runStep(check, dir, { GITHUB_REF_NAME: "v9.9.9" });
        assert.strictEqual(missing.status, 1);
        assert.match(missing.stdout, /CHANGELOG\.md has no entry "## \[9\.9\.9\] - YYYY-MM-DD"/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("the notes are this version's changelog entry, nothing of the others", () => {
      const pack = publish.steps.find((s) => s.id === "pack") as Step;
      const awk = /awk .*CHANGELOG\.md/s.exec(pack.run ?? "")?.[0].replace(/ > .*$/s, "") ?? "";
      const dir = mkdtempSync(path.join(tmpdir(), "admin-access-notes-"));
      try {
        writeFileSync(path.join(dir, "CHANGELOG.md"), CHANGELOG);
        const run = spawnSync("bash", ["-c", `version=0.1.0; ${awk}`], { cwd: dir, encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^\nThe version package\.json and the README named/);
        assert.doesNotMatch(run.stdout, /## \[|exit-code contract/);
        assert.match(run.stdout, /### Added/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      assert.ok(readdirSync(ROOT).includes("CHANGELOG.md"));
    });
  });
});
