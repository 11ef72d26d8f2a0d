import * as assert from "assert";
import { spawnSync } from "child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as fc from "fast-check";
import { tmpdir } from "os";
import * as path from "path";
import { AuditReport } from "../../analysis/audit";
import { DriftReport } from "../../analysis/drift";
import { runAdopt } from "../../scripts/adopt";
import { runAudit } from "../../scripts/audit";
import { awsSettings, durationSeconds } from "../../scripts/awsSettings";
import { runDrift } from "../../scripts/drift";
import { runOrgSnapshot } from "../../scripts/orgSnapshot";
import { CommandResult } from "../../scripts/render";
import { AWS_ENV, withEnv } from "../live/env";
import { FakeAws, FakeOptions, FakeOrganization, startFakeAws } from "../live/fakeAws";
import { runbookOrganization } from "../live/runbook";

const ROOT = path.join(__dirname, "..", "..");
const NOW = new Date("2026-12-01T12:00:00Z");
const DEV = readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
const KEY = AWS_ENV.AWS_ACCESS_KEY_ID;

type Run = (argv: string[], dir: string) => Promise<CommandResult>;
const COMMANDS: Record<string, Run> = {
  adopt: runAdopt,
  audit: (argv, dir) => runAudit(argv, dir, NOW),
  drift: (argv, dir) => runDrift(argv, dir, NOW),
  "org-snapshot": (argv, dir) => runOrgSnapshot(["--output", "org.json", ...argv], dir),
};

/** The dev stack with `aws:region: eu-west-1` replaced by these provider settings. */
const withAws = (lines: string[]) =>
  DEV.replace("  aws:region: eu-west-1\n", lines.map((l) => `  ${l}\n`).join(""));

/** A command run in process against the fake, with the stack text given and the environment given. */
async function live(
  command: string,
  stack: string,
  argv: string[] = [],
  env: Record<string, string | undefined> = {},
  org: FakeOrganization = runbookOrganization(),
  options: FakeOptions = {},
): Promise<CommandResult & { fake: FakeAws; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "admin-access-live-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stack);
  const fake = await startFakeAws(org, options);
  try {
    const result = await withEnv({ ...AWS_ENV, AWS_ENDPOINT_URL: fake.url, ...env }, () =>
      COMMANDS[command](["--stack", "dev", ...argv], dir),
    );
    assert.deepStrictEqual(fake.writes, [], "a live command never writes");
    return { ...result, fake, dir };
  } finally {
    await fake.close();
  }
}

/** A shared credentials file with two profiles, each its own key, so that the fake's STS says which signed. */
function profiles(): { env: Record<string, string>; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "admin-access-profiles-"));
  const credentials = path.join(dir, "credentials");
  writeFileSync(
    credentials,
    [
      "[prod]",
      "aws_access_key_id = AKIAPRODPRODPRODPROD",
      "aws_secret_access_key = prod-secret",
      "[other]",
      "aws_access_key_id = AKIAOTHEROTHEROTHERO",
      "aws_secret_access_key = other-secret",
      "",
    ].join("\n"),
  );
  return {
    env: {
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_ACCESS_KEY_ID: undefined as unknown as string,
      AWS_SECRET_ACCESS_KEY: undefined as unknown as string,
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe("the live commands read the AWS that `pulumi up` deploys to", function () {
  this.timeout(60000);

  for (const command of Object.keys(COMMANDS)) {
    it(`${command}: the stack's aws:profile and aws:region, said before anything is read; --profile and --region override them`, async () => {
      const { env, cleanup } = profiles();
      try {
        const stack = withAws(["aws:profile: prod", "aws:region: eu-central-1"]);
        const fromStack = await live(command, stack, [], { ...env, AWS_REGION: "us-west-2" });
        assert.match(
          fromStack.stderr,
          /^reading account 999999999999 as arn:aws:iam::999999999999:user\/AKIAPRODPRODPRODPROD in eu-central-1 \(from Pulumi\.dev\.yaml's aws:region, Pulumi\.dev\.yaml's aws:profile\)\n/,
        );
        assert.ok(fromStack.fake.calls[0] === "STS.GetCallerIdentity", fromStack.fake.calls.join());
        const overridden = await live(command, stack, ["--profile", "other", "--region", "eu-west-1"], env);
        assert.match(
          overridden.stderr,
          /^reading account 999999999999 as arn:aws:iam::999999999999:user\/AKIAOTHEROTHEROTHERO in eu-west-1 \(from --region, --profile\)\n/,
        );
      } finally {
        cleanup();
      }
    });
  }

  it("aws:assumeRoles: each role assumed with the one before, with every setting the provider passes", async () => {
    const stack = withAws([
      "aws:region: eu-west-1",
      "aws:assumeRoles:",
      "  - roleArn: arn:aws:iam::111111111111:role/hop",
      "    externalId: ext-1",
      "    duration: 1h30m",
      "    sessionName: first",
      "  - roleArn: arn:aws:iam::999999999999:role/admin-access-reader",
      "    tags: { team: platform }",
      "    transitiveTagKeys: [team]",
      "    policyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]",
      "    sourceIdentity: alice",
    ]);
    const result = await live("drift", stack);
    assert.strictEqual(result.code, 0, result.stderr);
    const [hop, reader] = result.fake.assumed;
    assert.deepStrictEqual(
      [hop.roleArn, hop.by, hop.params.ExternalId, hop.params.DurationSeconds, hop.params.RoleSessionName],
      [
        "arn:aws:iam::111111111111:role/hop",
        `arn:aws:iam::999999999999:user/${KEY}`,
        "ext-1",
        "5400",
        "first",
      ],
    );
    assert.strictEqual(reader.by, "arn:aws:sts::111111111111:assumed-role/hop/first");
    assert.deepStrictEqual(
      [
        reader.params["Tags.member.1.Key"],
        reader.params["Tags.member.1.Value"],
        reader.params["TransitiveTagKeys.member.1"],
        reader.params["PolicyArns.member.1.arn"],
        reader.params.SourceIdentity,
      ],
      ["team", "platform", "team", "arn:aws:iam::aws:policy/ReadOnlyAccess", "alice"],
    );
    assert.match(reader.params.RoleSessionName, /^admin-access-\d+$/);
    // Assumed once for the whole run, not once per client.
    assert.strictEqual(result.fake.assumed.length, 2);
    assert.match(
      result.stderr,
      /^reading account 999999999999 as arn:aws:sts::999999999999:assumed-role\/admin-access-reader\/admin-access-\d+ in eu-west-1 \(from Pulumi\.dev\.yaml's aws:region, Pulumi\.dev\.yaml's aws:assumeRoles\)/,
    );
  });

  it("a role that cannot be assumed is an AWS failure (exit 4) that names the role's trust policy", async () => {
    const role = "arn:aws:iam::999999999999:role/nope";
    const result = await live(
      "audit",
      withAws(["aws:region: eu-west-1", "aws:assumeRoles:", `  - roleArn: ${role}`]),
      [],
      {},
      runbookOrganization(),
      { denyRoles: [role] },
    );
    assert.strictEqual(result.code, 4, result.stderr);
    assert.match(
      result.stderr,
      /^AWS error AccessDenied: .*sts:AssumeRole on resource: arn:aws:iam::999999999999:role\/nope \(sts AssumeRole, HTTP 403\)/,
    );
    assert.match(result.stderr, /trust policy/);
  });

  it("settings the provider reads and these commands would not apply are refused, every one, unless --profile chooses", async () => {
    const stack = withAws([
      "aws:region: eu-west-1",
      "aws:assumeRole: { roleArn: arn:aws:iam::1:role/x }",
      "aws:sharedCredentialsFiles: [/elsewhere]",
      "aws:assumeRoles: [{ roleArn: arn:aws:iam::1:role/x, duration: 2d, colour: blue }]",
    ]);
    const refused = await live("audit", stack);
    assert.strictEqual(refused.code, 1);
    assert.deepStrictEqual(refused.fake.calls, [], "refused before AWS is asked anything");
    assert.strictEqual(
      refused.stderr,
      [
        "Pulumi.dev.yaml: the AWS provider settings:",
        "  - aws:assumeRole: pulumi-aws 7 reads aws:assumeRoles (a list of roles), not aws:assumeRole; rename it so that `pulumi up` assumes the role too; without it the live commands could read another account than `pulumi up` deploys to (pass --profile to choose the credentials yourself)",
        "  - aws:sharedCredentialsFiles: the live commands read the SDK's shared files (AWS_SHARED_CREDENTIALS_FILE); without it the live commands could read another account than `pulumi up` deploys to (pass --profile to choose the credentials yourself)",
        "  - aws:assumeRoles[0].colour: is not a setting of the provider's assumeRoles (roleArn, sessionName, externalId, duration, policy, policyArns, tags, transitiveTagKeys, sourceIdentity)",
        '  - aws:assumeRoles[0].duration: "2d" is not a duration between 15m and 12h (e.g. 1h, 90m)',
        "",
      ].join("\n"),
    );
  });

  it("an encrypted provider setting, which these commands cannot decrypt, is refused rather than read as empty", async () => {
    const stack = withAws(["aws:region: eu-west-1", "aws:profile:", "  secure: AAABAMmJ"]);
    const refused = await live("drift", stack);
    assert.strictEqual(refused.code, 1);
    assert.match(
      refused.stderr,
      /aws:profile: is encrypted \(secure:\), and these commands cannot decrypt it/,
    );
    assert.deepStrictEqual(refused.fake.calls, []);
    const { env, cleanup } = profiles();
    try {
      const chosen = await live("drift", stack, ["--profile", "prod"], env);
      assert.strictEqual(chosen.code, 0, chosen.stderr);
    } finally {
      cleanup();
    }
  });

  it("an account the stack's aws:allowedAccountIds excludes is refused, as the provider refuses it (exit 4)", async () => {
    const allowed = await live(
      "drift",
      withAws(["aws:region: eu-west-1", 'aws:allowedAccountIds: ["999999999999"]']),
    );
    assert.strictEqual(allowed.code, 0, allowed.stderr);
    const other = await live(
      "drift",
      withAws(["aws:region: eu-west-1", 'aws:allowedAccountIds: ["123456789012"]']),
    );
    assert.strictEqual(other.code, 4);
    assert.match(
      other.stderr,
      /reach account 999999999999 .* aws:allowedAccountIds \(123456789012\) excludes/,
    );
    assert.deepStrictEqual(
      other.fake.calls,
      ["STS.GetCallerIdentity"],
      "nothing of the organization is read",
    );
    const forbidden = await live(
      "drift",
      withAws(["aws:region: eu-west-1", 'aws:forbiddenAccountIds: ["999999999999"]']),
    );
    assert.strictEqual(forbidden.code, 4);
  });

  it("a hostile setting cannot rewrite the message that refuses it: hidden characters are shown escaped", () => {
    const config = {
      "aws:assumeRoles": JSON.stringify([
        { roleArn: "arn:aws:iam::1:role/x", duration: "1h\u001b[2J", "k\u202e": "v" },
      ]),
    };
    assert.throws(
      () => awsSettings("Pulumi.dev.yaml", { config, secretKeys: [] }, {}),
      (err: Error) => {
        assert.ok(!err.message.includes("\u001b") && !err.message.includes("\u202e"), err.message);
        assert.match(err.message, /duration: "1h\\u001b\[2J" is not a duration/);
        assert.match(err.message, /\[0\]\.k\\u202e: is not a setting/);
        return true;
      },
    );
  });

  it("Go durations as the provider reads them: units, fractions and sums, in whole seconds", () => {
    const cases: [string, number | undefined][] = [
      ["1h", 3600],
      ["90m", 5400],
      ["1h30m", 5400],
      ["1.5h", 5400],
      ["900s", 900],
      ["15m0.5s", 900],
      ["2d", undefined],
      ["1H", undefined],
      ["", undefined],
      ["h", undefined],
      ["-1h", undefined],
    ];
    for (const [text, seconds] of cases) assert.strictEqual(durationSeconds(text), seconds, text);
    fc.assert(
      fc.property(fc.nat(12), fc.nat(600), fc.nat(36000), (h, m, s) => {
        assert.strictEqual(durationSeconds(`${h}h${m}m${s}s`), h * 3600 + m * 60 + s);
      }),
      { seed: 35, numRuns: 2000 },
    );
  });
});

describe("nothing silently missing", function () {
  this.timeout(60000);

  const missingGroup = () => {
    const org = runbookOrganization();
    org.groups = org.groups.filter((g) => g.displayName !== "Platform Admins");
    org.memberships = [];
    org.assignments = [];
    return org;
  };
  const existingGroup = (t: string) =>
    t.replace(
      /(admin-access:group:\n\s+displayName: Platform Admins\n)\s+description: .*\n/,
      "$1    existing: true\n",
    );

  it("adopt fails naming every existing: true resource AWS does not hold and every account outside the organization (exit 1), and writes nothing", async () => {
    const stack = existingGroup(DEV).replace('- "210987654321"', '- "210987654321"\n    - "444444444444"');
    assert.notStrictEqual(stack, DEV);
    const result = await live("adopt", stack, [], {}, missingGroup());
    assert.strictEqual(result.code, 1, result.stderr);
    assert.match(result.stderr, /accounts\[2\]: "444444444444" is not an account of this organization/);
    assert.match(
      result.stderr,
      /group\.displayName: "Platform Admins" is existing: true, but the identity store has no group of that display name; create it, or set existing: false/,
    );
    assert.ok(!result.stdout.includes("Wrote"), result.stdout);
  });

  it("adopt fails when an existing: true user is not there, where it used to warn", async () => {
    const org = runbookOrganization();
    org.users = org.users.filter((u) => u.userName !== "bob@example.com");
    org.memberships = org.memberships.filter((m) => m.userId !== "u-bob");
    const result = await live("adopt", DEV, [], {}, org);
    assert.strictEqual(result.code, 1, result.stdout);
    assert.match(
      result.stderr,
      /admins\[1\]\.userName: "bob@example\.com" is existing: true, but the identity store has no user/,
    );
  });

  it("drift: an existing: true group that is gone is fixed by hand, never by pulumi up --refresh", async () => {
    const result = await live("drift", existingGroup(DEV), ["--format", "json"], {}, missingGroup());
    assert.strictEqual(result.code, 2, result.stderr);
    const item = (JSON.parse(result.stdout) as DriftReport).drift.find(
      (i) => i.subject === "group Platform Admins",
    );
    assert.strictEqual(item?.fix, "by hand");
    assert.match(item?.detail ?? "", /pulumi up --refresh cannot/);
  });

  it("an account outside the organization: unresolved-targets in drift (exit 2), a high finding in the audit (exit 3)", async () => {
    const stack = DEV.replace('- "210987654321"', '- "210987654321"\n    - "444444444444"');
    const drift = await live("drift", stack, ["--format", "json"]);
    assert.strictEqual(drift.code, 2, drift.stderr);
    assert.match(
      (JSON.parse(drift.stdout) as DriftReport).drift[0].detail,
      /^accounts\[2\]: "444444444444" is not an account of this organization/,
    );
    const audit = await live("audit", stack, ["--format", "json"]);
    assert.strictEqual(audit.code, 3, audit.stderr);
    const findings = (JSON.parse(audit.stdout) as AuditReport).findings;
    assert.deepStrictEqual(
      findings.filter((f) => f.kind === "account-outside-organization").map((f) => [f.severity, f.accountId]),
      [["high", "444444444444"]],
    );
    // The accounts that are in the organization are still audited.
    const clean = await live("audit", DEV, ["--format", "json"]);
    assert.strictEqual(clean.code, 0, clean.stderr);
  });
});

describe("no runtime warning on a supported Node", function () {
  this.timeout(60000);
  const major = Number(process.versions.node.split(".")[0]);
  const child = (code: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_REGION: "eu-west-1" };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", code], {
      cwd: ROOT,
      encoding: "utf8",
      env,
    });
  };

  it("the live clients print no NodeVersionSupportWarning; a bare SDK client on Node 20 does", function () {
    const ours = child('require("./live/clients").liveSession({ region: "eu-west-1" })');
    assert.strictEqual(ours.status, 0, ours.stderr);
    assert.doesNotMatch(ours.stderr, /NodeVersionSupportWarning|Warning/);
    // The control: without the live clients' setting the SDK prints it on Node < 22, so the check above can fail.
    if (major >= 22) return this.skip();
    const bare = child('new (require("@aws-sdk/client-sts").STSClient)({ region: "eu-west-1" })');
    assert.match(bare.stderr, /NodeVersionSupportWarning/);
  });
});
