import * as assert from "assert";
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { docWorkflows, ROOT, shippedWorkflows, WORKFLOWS } from "./files";

const CI = process.env.CI === "true";

/** Why a tool cannot run here: its toolchain is missing. */
function missing(command: string, args: string[]): string | undefined {
  const probe = spawnSync(command, args, { encoding: "utf8" });
  return probe.error || probe.status !== 0 ? `${command} is not installed` : undefined;
}

/** The tool's path, installed (once, into ~/.cache/admin-access) by its .ci script. */
function install(script: string): string {
  const run = spawnSync("bash", [path.join(ROOT, ".ci", script)], {
    encoding: "utf8",
    timeout: 10 * 60 * 1000,
  });
  assert.strictEqual(run.status, 0, `.ci/${script} failed: ${run.stderr}`);
  return run.stdout.trim();
}

function skipOrFail(ctx: Mocha.Context, reason: string | undefined): void {
  if (!reason) return;
  if (CI) assert.fail(`${reason}, and CI must run the analyzer`);
  ctx.skip();
}

interface ZizmorFinding {
  ident: string;
  ignored: boolean;
  locations: {
    symbolic: { key: { Local?: { verbatim_path: string } } };
    concrete: { location: { start_point: { row: number } } };
  }[];
}

interface ActionlintError {
  filepath: string;
  line: number;
  kind: string;
  message: string;
}

describe("the workflow analyzers", () => {
  // Every workflow a user may copy: the shipped ones (with Dependabot's config) and the examples in the README and docs/.
  let examples: string;
  const readme = docWorkflows();
  before(() => {
    examples = mkdtempSync(path.join(tmpdir(), "admin-access-workflows-"));
    mkdirSync(path.join(examples, ".github", "workflows"), { recursive: true });
    readme.forEach((w, i) =>
      writeFileSync(path.join(examples, ".github", "workflows", `readme-${i + 1}.yml`), w.text),
    );
    // A workflow with the faults the analyzers exist for: proof that a run reporting nothing really looked.
    mkdirSync(path.join(examples, "faulty", ".github", "workflows"), { recursive: true });
    writeFileSync(
      path.join(examples, "faulty", ".github", "workflows", "faulty.yml"),
      [
        "on: pull_request",
        "jobs:",
        "  a:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - uses: actions/checkout@v4",
        '      - run: echo "${{ github.event.pull_request.title }}"',
        "      - run: echo $HOME",
      ].join("\n"),
    );
  });
  after(() => rmSync(examples, { recursive: true, force: true }));

  const targets = () => [
    path.join(ROOT, ".github"),
    ...readdirSync(path.join(examples, ".github", "workflows")).map((f) =>
      path.join(examples, ".github", "workflows", f),
    ),
  ];
  const python = missing("python3", ["--version"]);
  const go = missing("go", ["version"]);

  describe(`zizmor 1.32 (offline, default persona)${python ? ` (skipped: ${python})` : ""}`, () => {
    let zizmor: string;
    const run = (paths: string[]) => {
      const out = spawnSync(zizmor, ["--offline", "--no-config", "--format", "json", ...paths], {
        encoding: "utf8",
      });
      assert.ok(out.stdout.startsWith("["), `zizmor failed: ${out.stderr}`);
      return (JSON.parse(out.stdout) as ZizmorFinding[]).map((f) => {
        const at = f.locations[0];
        const file = at.symbolic.key.Local?.verbatim_path ?? "";
        return `${path.relative(ROOT, file)}:${at.concrete.location.start_point.row + 1} ${f.ident}${f.ignored ? " (ignored)" : ""}`;
      });
    };
    before(function () {
      skipOrFail(this, python);
      this.timeout(10 * 60 * 1000);
      zizmor = install("zizmor.sh");
    });

    it("finds nothing in .github/ and in the docs' workflows", function () {
      this.timeout(60000);
      assert.ok(readme.length > 0 && shippedWorkflows().length > 0);
      assert.deepStrictEqual(run(targets()), []);
    });

    it("finds a tag-pinned action and an expression in a script", function () {
      this.timeout(60000);
      const idents = run([path.join(examples, "faulty")]).map((f) => f.split(" ")[1]);
      assert.ok(idents.includes("unpinned-uses") && idents.includes("template-injection"), idents.join(", "));
    });
  });

  // Without Python, actionlint runs without shellcheck and says so; CI has both.
  const shellcheckMissing = python && `without shellcheck: ${python}`;
  describe(`actionlint 1.7.12${go ? ` (skipped: ${go})` : shellcheckMissing ? ` (${shellcheckMissing})` : ""}`, () => {
    let actionlint: string;
    let shellcheck = "";
    const run = (files: string[]) => {
      const out = spawnSync(
        actionlint,
        ["-format", "{{json .}}", `-shellcheck=${shellcheck}`, "-pyflakes=", ...files],
        { encoding: "utf8", cwd: ROOT },
      );
      assert.ok(out.stdout.startsWith("["), `actionlint failed: ${out.stderr}`);
      return (JSON.parse(out.stdout) as ActionlintError[]).map(
        (e) => `${path.relative(ROOT, path.resolve(ROOT, e.filepath))}:${e.line} [${e.kind}] ${e.message}`,
      );
    };
    before(function () {
      skipOrFail(this, go);
      this.timeout(10 * 60 * 1000);
      actionlint = install("actionlint.sh");
      // shellcheck checks the run: scripts, as on a CI runner where it is preinstalled; it comes with zizmor.
      if (!shellcheckMissing) shellcheck = path.join(path.dirname(install("zizmor.sh")), "shellcheck");
    });

    it("finds nothing in the shipped workflows and in the docs' workflows", function () {
      this.timeout(60000);
      const files = [...readdirSync(WORKFLOWS).map((f) => path.join(WORKFLOWS, f)), ...targets().slice(1)];
      assert.deepStrictEqual(run(files), []);
    });

    it(`finds an expression in a script${shellcheckMissing ? "" : ", and an unquoted variable (shellcheck)"}`, function () {
      this.timeout(60000);
      const found = run([path.join(examples, "faulty", ".github", "workflows", "faulty.yml")]);
      assert.ok(
        found.some((e) => e.includes("[expression]")),
        found.join("\n"),
      );
      if (!shellcheckMissing)
        assert.ok(
          found.some((e) => e.includes("[shellcheck]")),
          found.join("\n"),
        );
    });
  });
});
