// Every command that writes a file (plan, audit, drift, adopt, org-snapshot): never over the project's or a
// stack's own file, never half a file, and a target it cannot write is one line with the usage-error code.
// And what a hostile endpoint answers (ANSI in an error, an OU cycle) or a missing region cannot crash,
// loop or rewrite the terminal.
import * as assert from "assert";
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { runAdopt } from "../../scripts/adopt";
import { runAudit } from "../../scripts/audit";
import { runDrift } from "../../scripts/drift";
import { runOrgSnapshot } from "../../scripts/orgSnapshot";
import { writeOutput } from "../../scripts/output";
import { runPlan } from "../../scripts/plan";
import { CommandResult } from "../../scripts/render";
import { FakeOptions, FakeOrganization, startFakeAws } from "../live/fakeAws";
import { AWS_ENV, withEnv } from "../live/env";
import { runbookOrganization } from "../live/runbook";

const ROOT = path.join(__dirname, "..", "..");
const STACK_TEXT = readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");

/** A directory with the project and its dev stack. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "admin-access-writes-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  writeFileSync(path.join(dir, "Pulumi.dev.yaml"), STACK_TEXT);
  return dir;
}

/** Runs a command in a fresh project against the fake AWS; the directory is removed after `check`. */
async function inFake(
  run: (dir: string) => CommandResult | Promise<CommandResult>,
  check: (result: CommandResult, dir: string) => void,
  org: FakeOrganization = runbookOrganization(),
  options: FakeOptions = {},
  env: NodeJS.ProcessEnv = AWS_ENV,
): Promise<void> {
  const dir = project();
  const fake = await startFakeAws(org, options);
  try {
    check(await withEnv({ ...env, AWS_ENDPOINT_URL: fake.url }, async () => run(dir)), dir);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const NOW = new Date("2026-12-01T12:00:00Z");
/** What a live command says after its first line, which names the account and region it reads. */
const afterIdentity = (stderr: string) => stderr.replace(/^reading account [^\n]*\n/, "");
const COMMANDS: [
  name: string,
  usageCode: number,
  run: (out: string, dir: string) => Promise<CommandResult>,
][] = [
  ["plan", 1, async (out, dir) => runPlan(["--stack", "dev", "--output", out], dir)],
  ["audit", 1, (out, dir) => runAudit(["--stack", "dev", "--output", out], dir, NOW)],
  ["drift", 1, (out, dir) => runDrift(["--stack", "dev", "--output", out], dir, NOW)],
  ["adopt", 1, (out, dir) => runAdopt(["--stack", "dev", "--output", out], dir)],
  ["org-snapshot", 1, (out, dir) => runOrgSnapshot(["--output", out], dir)],
];

describe("--output, for every command that writes", function () {
  this.timeout(60000);

  for (const [name, usageCode, run] of COMMANDS) {
    it(`${name}: refuses Pulumi.yaml, any Pulumi.*.yaml and a directory; one line, the usage-error code`, async () => {
      for (const target of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "pulumi.DEV.yml", "sub"]) {
        await inFake(
          (dir) => {
            mkdirSync(path.join(dir, "sub"));
            return run(target, dir);
          },
          (result, dir) => {
            assert.strictEqual(result.code, usageCode, `${target}: ${result.stderr}`);
            assert.match(
              afterIdentity(result.stderr),
              target === "sub"
                ? /^--output .*sub: is a directory; name a file in it\n$/
                : /^--output .*: .* is the Pulumi project's or a stack's own file, which a report must not replace; write it elsewhere\n$/,
            );
            // Refused before anything is read from AWS: no account was read.
            assert.ok(!result.stderr.includes("reading account"), result.stderr);
            assert.strictEqual(readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8"), STACK_TEXT);
            assert.ok(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8").startsWith("name: admin-access"));
          },
        );
      }
    });

    it(`${name}: an unwritable target is one line with the usage-error code, and leaves nothing behind`, async () => {
      await inFake(
        (dir) => run(path.join("no-such-folder", "out.txt"), dir),
        (result, dir) => {
          assert.strictEqual(result.code, usageCode, result.stderr);
          assert.match(
            afterIdentity(result.stderr),
            /^--output .*out\.txt: cannot write it: its folder does not exist \(ENOENT\)\n$/,
          );
          assert.deepStrictEqual(readdirSync(dir).sort(), ["Pulumi.dev.yaml", "Pulumi.yaml"]);
        },
      );
    });
  }
});

describe("the atomic write", () => {
  it("refuses a symbolic link and a device (/dev/null, as /dev/stdout would be), leaving both as they were", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-links-"));
    try {
      const target = path.join(dir, "kept.txt");
      writeFileSync(target, "kept\n");
      const link = path.join(dir, "link.txt");
      symlinkSync(target, link);
      assert.throws(
        () => writeOutput(link, "report\n"),
        /link\.txt: is a symbolic link; name the file itself$/,
      );
      assert.ok(lstatSync(link).isSymbolicLink());
      assert.strictEqual(readFileSync(target, "utf8"), "kept\n");
      assert.throws(
        () => writeOutput("/dev/null", "report\n"),
        /\/dev\/null: is not a regular file \(a device, pipe or socket\); to print the report, leave out --output$/,
      );
      assert.ok(lstatSync("/dev/null").isCharacterDevice());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes a new file and renames it over the old one, never rewriting the old one in place", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-atomic-"));
    try {
      const file = path.join(dir, "report.txt");
      writeOutput(file, "first\n");
      const before = statSync(file).ino;
      writeOutput(file, "second\n");
      assert.strictEqual(readFileSync(file, "utf8"), "second\n");
      // Another inode: a reader that had the old report open still reads it whole.
      assert.notStrictEqual(statSync(file).ino, before);
      assert.deepStrictEqual(readdirSync(dir), ["report.txt"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a failed adopt bootstrap", function () {
  this.timeout(60000);
  const bootstrap = [
    "--stack",
    "prod",
    "--group",
    "Platform Admins",
    "--permission-set",
    "AdministratorAccess",
  ];

  it("removes the stack file it wrote, so that a rerun bootstraps again", async () => {
    const dir = project();
    const fake = await startFakeAws(runbookOrganization());
    try {
      const env = { ...AWS_ENV, AWS_ENDPOINT_URL: fake.url };
      const argv = [...bootstrap, "--region", "eu-west-1"];
      // The stack file is written, then the import file cannot be: the run fails and takes its file back.
      const failed = await withEnv(env, () => runAdopt([...argv, "--output", "missing/adopt.json"], dir));
      assert.strictEqual(failed.code, 1, failed.stderr);
      assert.match(
        failed.stderr,
        /cannot write it: its folder does not exist \(ENOENT\)\nremoved Pulumi\.prod\.yaml, which this run had written\n$/,
      );
      assert.deepStrictEqual(readdirSync(dir).sort(), ["Pulumi.dev.yaml", "Pulumi.yaml"]);
      const rerun = await withEnv(env, () => runAdopt(argv, dir));
      assert.strictEqual(rerun.code, 0, rerun.stderr);
      assert.match(afterIdentity(rerun.stderr), /^wrote Pulumi\.prod\.yaml from what exists\n$/);
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("hostile or incomplete AWS answers", function () {
  this.timeout(60000);

  it("an AWS error's text is escaped before it reaches the terminal (ANSI, bidi)", async () => {
    const hostile = "\u001b[2J\u001b[1;32mall clear\u001b[0m\u202e";
    await inFake(
      (dir) => runAudit(["--stack", "dev"], dir, NOW),
      (result) => {
        assert.strictEqual(result.code, 4);
        assert.ok(
          !result.stderr.includes("\u001b") && !result.stderr.includes("\u202e"),
          JSON.stringify(result.stderr),
        );
        assert.match(
          result.stderr,
          /AccessDeniedException: \\u001b\[2J\\u001b\[1;32mall clear\\u001b\[0m\\u202e/,
        );
      },
      runbookOrganization(),
      { deny: ["ListInstances"], denyMessage: hostile },
    );
  });

  it("an OU cycle stops the walk with an error naming it, for org-snapshot and drift", async () => {
    const org = runbookOrganization();
    // ou-dev0 lists ou-wkld as its child: ou-wkld > ou-dev0 > ou-wkld > ...
    org.ous?.push({ id: "ou-wkld-11111111", parent: "ou-dev0-22222222", accounts: [] });
    const byOu = (dir: string) =>
      writeFileSync(
        path.join(dir, "Pulumi.dev.yaml"),
        STACK_TEXT.replace(
          /admin-access:accounts:\n(\s+- "\d+"\n)+/,
          'admin-access:organizationalUnits:\n    - "ou-wkld-11111111"\n',
        ),
      );
    const cycle =
      /^Organizations listed the OU ou-wkld-11111111 inside itself \(r-root > ou-wkld-11111111 > ou-dev0-22222222 > ou-wkld-11111111\); a real organization's OUs form a tree/m;
    for (const run of [
      (dir: string) => runOrgSnapshot(["--output", "org.json"], dir),
      (dir: string) => (byOu(dir), runDrift(["--stack", "dev"], dir, NOW)),
    ]) {
      await inFake(
        run,
        (result) => {
          assert.match(result.stderr, cycle);
          assert.notStrictEqual(result.code, 0);
        },
        org,
      );
    }
  });

  it("a missing region names both settings: the stack's aws:region and AWS_REGION", async () => {
    await inFake(
      (dir) => {
        writeFileSync(path.join(dir, "Pulumi.dev.yaml"), STACK_TEXT.replace("  aws:region: eu-west-1\n", ""));
        return runAudit(["--stack", "dev"], dir, NOW);
      },
      (result) => {
        assert.strictEqual(result.code, 4, result.stderr);
        assert.match(
          result.stderr,
          /Region is missing .*\nno AWS region is set: set the stack's aws:region \(`pulumi config set aws:region <region>`\), pass --region, or set AWS_REGION, to the region where IAM Identity Center is enabled\n$/,
        );
      },
      runbookOrganization(),
      {},
      { ...AWS_ENV, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_CONFIG_FILE: "/nonexistent" },
    );
  });
});
