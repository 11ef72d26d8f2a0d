// The real Pulumi CLI as the oracle for how a stack file is read. For every generated stack file,
// `pulumi config --json` (run several times, to see whether the CLI is deterministic) says what the program
// would be handed, and `pulumi preview` says whether the CLI accepts the file: it validates the stack's
// config before it loads the language host, so `validating stack config: ...` is its refusal and a complaint
// about the missing nodejs language plugin means the config passed. The plan's reader must agree: the same
// values where the CLI is deterministic, a refusal where it is not or where it refuses.
import * as assert from "assert";
import { execFile } from "child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse } from "yaml";
import { engineConfig } from "../../components/stackConfig";
import { checkStackText } from "../../scripts/stackFile";
import { project } from "../fixtures";
import { findPulumiCli } from "./pulumiCli";
import { StackCase, stackCases } from "./stackFiles";

const ROOT = path.resolve(__dirname, "../..");
const STACK = "test";
/** Runs of `pulumi config --json` per file; a file with two spellings of a key gets more. */
const RUNS = 2;
const RUNS_TWO_SPELLINGS = 6;
/** CLI processes at once: the machine has two cores, shared. */
const PARALLEL = 2;
/** `pulumi config` is short: one thread and no GC nearly halve its CPU time. */
const QUICK = { GOMAXPROCS: "1", GOGC: "off" };

/** The project's keys in `pulumi config --json` output, which are all that preview validates. */
const projectKeys = (stdout: string): string =>
  JSON.stringify(
    Object.entries(JSON.parse(stdout) as object).filter(([key]) => key.startsWith("admin-access:")),
  );

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface CliValue {
  value?: string;
  objectValue?: unknown;
  secret: boolean;
}

interface Verdict {
  file: StackCase;
  configRuns: Run[];
  preview?: Run;
}

describe("stack files read as the real Pulumi CLI reads them", function () {
  const cli = findPulumiCli();
  let work: string;
  let env: NodeJS.ProcessEnv;

  const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> =>
    new Promise((resolve) => {
      const options = { cwd: work, env: { ...env, ...extraEnv }, maxBuffer: 1 << 24 };
      execFile(cli.path as string, args, options, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });

  /** Runs jobs with at most PARALLEL at a time. */
  async function pool<T>(jobs: Array<() => Promise<T>>): Promise<T[]> {
    const results: T[] = new Array(jobs.length);
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return results;
  }

  before(async function () {
    if (!cli.path) {
      if (process.env.CI === "true") throw new Error(`CI=true but ${cli.reason}`);
      console.log(`    skipped: ${cli.reason}`);
      this.skip();
    }
    this.timeout(120000);
    work = mkdtempSync(path.join(tmpdir(), "admin-access-cli-"));
    mkdirSync(path.join(work, "backend"));
    mkdirSync(path.join(work, "cases"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(work, "Pulumi.yaml"));
    writeFileSync(path.join(work, "index.ts"), ""); // Pulumi.yaml's main: preview then stops at the language plugin
    env = {
      // Only the CLI's own folder and the system's: no nodejs language plugin, so preview stops after config.
      PATH: `${path.dirname(cli.path as string)}:/usr/bin:/bin`,
      HOME: work,
      PULUMI_HOME: path.join(work, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(work, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: "admin-access differential test",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CHECKPOINTS: "true",
    };
    const init = await run(["stack", "init", STACK, "--non-interactive"]);
    assert.strictEqual(init.code, 0, init.stderr);
    const set = await run(["config", "set", "--secret", "aws:seed", "s3cr3t", "--stack", STACK]);
    assert.strictEqual(set.code, 0, set.stderr);
  });

  after(() => work && rmSync(work, { recursive: true, force: true }));

  it("agree with `pulumi config --json` and `pulumi preview` on 300+ generated stack files", async function () {
    this.timeout(600000);
    const started = Date.now();
    const seed = parse(readFileSync(path.join(work, `Pulumi.${STACK}.yaml`), "utf8"));
    const files = stackCases({ salt: seed.encryptionsalt, text: seed.config["aws:seed"].secure });
    assert.ok(files.length >= 300, `${files.length} stack files`);

    const verdicts: Verdict[] = files.map((file) => ({ file, configRuns: [] }));
    // One job per file: its config runs, then preview where it can tell something new. A file the CLI
    // cannot load is refused by every command alike; a file with two spellings is refused by the reader
    // whatever the CLI picks; and preview validates only the merged config (pkg/workspace/config.go
    // mergeConfig), so files whose project keys `pulumi config --json` shows alike share one verdict.
    let runs = 0;
    const previews = new Map<string, Promise<Run>>();
    const jobs = verdicts.map((v, i) => async () => {
      const name = path.join(work, "cases", `Pulumi.case${i}.yaml`);
      writeFileSync(name, v.file.text);
      for (let r = 0; r < (v.file.twoSpellings ? RUNS_TWO_SPELLINGS : RUNS); r++) {
        v.configRuns.push(await run(["config", "--json", "--stack", STACK, "--config-file", name], QUICK));
      }
      runs += v.configRuns.length;
      if (v.file.twoSpellings || v.configRuns.some((r) => r.code !== 0)) return;
      const merged = projectKeys(v.configRuns[0].stdout);
      if (!previews.has(merged)) {
        runs++;
        previews.set(
          merged,
          run(["preview", "--stack", STACK, "--config-file", name, "--non-interactive", "--color", "never"]),
        );
      }
      v.preview = await previews.get(merged);
    });
    await pool(jobs);

    const disagreements: string[] = [];
    let nondeterministic = 0;
    let refused = 0;
    for (const v of verdicts) {
      const problem = compare(v);
      if (problem) disagreements.push(`${v.file.name}: ${problem}\n${v.file.text}`);
      if (new Set(v.configRuns.map((r) => `${r.code}${r.stdout}`)).size > 1) nondeterministic++;
      if (cliRefuses(v)) refused++;
    }
    console.log(
      `    ${files.length} stack files, ${runs} CLI runs in ${Math.round((Date.now() - started) / 1000)}s; ` +
        `the CLI refused ${refused}, answered differently between runs on ${nondeterministic}`,
    );
    assert.deepStrictEqual(disagreements.slice(0, 8), [], `${disagreements.length} disagreements`);
  });
});

/** The CLI refuses a file: it cannot load it, or preview rejects its config. */
function cliRefuses(v: Verdict): boolean {
  return (
    v.configRuns.some((r) => r.code !== 0) ||
    (v.preview !== undefined && previewVerdict(v.preview).refused !== undefined)
  );
}

/** What preview says about the config: refused (with the CLI's message, when it validated), or passed. */
function previewVerdict(preview: Run): { refused?: string; validating?: boolean } {
  const out = preview.stdout + preview.stderr;
  const validating = /error: validating stack config: (.*)/.exec(out);
  if (validating) return { refused: validating[1].trim(), validating: true };
  if (/failed to load language plugin nodejs/.test(out)) return {};
  return { refused: out.trim().split("\n").pop() ?? "" };
}

/** Where the plan's reader and the CLI disagree on one stack file, or undefined. */
function compare(v: Verdict): string | undefined {
  const ours = engineConfig(project(), v.file.text, STACK);
  const plan = checkStackText(ROOT, STACK, v.file.text);
  if (v.file.twoSpellings !== ours.ambiguous.length > 0) {
    return `two spellings: generator says ${v.file.twoSpellings}, reader found ${JSON.stringify(ours.ambiguous)}`;
  }
  if (v.file.deliberate) {
    // A refusal on purpose, where the CLI's answer is not one a reviewer could rely on.
    const accepted = !cliRefuses(v);
    return accepted && !plan.spec && ours.problems.length > 0
      ? undefined
      : `expected a deliberate refusal (CLI accepted: ${accepted})`;
  }
  if (ours.ambiguous.length > 0) {
    // Refused whatever the CLI picks, and whether or not it picks differently from run to run.
    return plan.spec ? "two spellings, and the plan accepted" : undefined;
  }
  const first = v.configRuns[0];
  if (new Set(v.configRuns.map((r) => `${r.code}\n${r.stdout}`)).size > 1) {
    return "the CLI answered differently between runs; the reader accepted";
  }
  if (first.code !== 0) {
    if (ours.problems.length === 0)
      return `the CLI cannot load it (${first.stderr.trim()}); the reader accepted`;
    return plan.spec ? "the CLI cannot load it; the plan accepted" : undefined;
  }
  const preview = previewVerdict(v.preview as Run);
  const secret = ours.secretKeys.some((k) => k.startsWith("admin-access:"));
  if (preview.refused !== undefined) {
    if (plan.spec) return `the CLI refuses it (${preview.refused}); the plan accepted`;
    // The CLI decrypts a secret before checking its type; offline the plan refuses the secret instead.
    if (preview.validating && !secret && !ours.problems.includes(preview.refused)) {
      return `the CLI says "${preview.refused}"; the reader says ${JSON.stringify(ours.problems)}`;
    }
    if (!preview.validating) return `preview failed otherwise: ${preview.refused}`;
  } else if (ours.problems.length > 0) {
    return `the CLI accepts it; the reader refuses: ${JSON.stringify(ours.problems)}`;
  }
  const cliValues = JSON.parse(first.stdout) as Record<string, CliValue>;
  const keys = (o: object) => Object.keys(o).sort();
  if (JSON.stringify(keys(cliValues)) !== JSON.stringify(keys(ours.config))) {
    return `keys: CLI ${JSON.stringify(keys(cliValues))}, reader ${JSON.stringify(keys(ours.config))}`;
  }
  for (const [key, cliValue] of Object.entries(cliValues)) {
    if (cliValue.secret !== ours.secretKeys.includes(key))
      return `${key}: secret ${cliValue.secret} in the CLI`;
    if (!cliValue.secret && cliValue.value !== ours.config[key]) {
      return `${key}: the CLI hands ${JSON.stringify(cliValue.value)}, the reader ${JSON.stringify(ours.config[key])}`;
    }
  }
  return undefined;
}
