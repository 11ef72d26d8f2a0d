import * as assert from "assert";
import { execFileSync } from "child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { PlanReport, runPlan } from "../../scripts/plan";
import { runIndex } from "../fixtures";
import { MANAGEMENT_ACCOUNT, mocks, ORG_ACCOUNT_TAGS, ORG_ACCOUNTS, ORG_UNITS } from "../mocks";

/** The mock organization, as an --org file. */
const ORG_FILE = JSON.stringify({
  managementAccountId: MANAGEMENT_ACCOUNT,
  accounts: ORG_ACCOUNTS,
  organizationalUnits: ORG_UNITS,
});

const SELECTOR_STACK = [
  "config:",
  "  aws:region: eu-west-1",
  "  admin-access:group: { displayName: Admins }",
  '  admin-access:accounts: ["111111111111"]',
  '  admin-access:organizationalUnits: ["ou-wkld-22222222"]',
  '  admin-access:accountNames: ["Audit"]',
  '  admin-access:excludeAccounts: ["210987654321"]',
  "  admin-access:admins: [{ userName: ann, email: ann@example.com, givenName: Ann, familyName: Lee }]",
].join("\n");

const ROOT = path.join(__dirname, "..", "..");
const json = (argv: string[], dir = ROOT): PlanReport => JSON.parse(runPlan(argv, dir).stdout);
/** A directory with the project's files and the example stack, to write outputs into. */
const ROOT_COPY = (dir: string) => {
  copyFileSync(path.join(ROOT, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
  return dir;
};

describe("npm run plan", () => {
  it("lists exactly what the component registers for the same stack file", async () => {
    const report = json(["--stack", "dev", "--format", "json"]);
    await runIndex("Pulumi.dev.yaml");
    const registered = mocks.registrations
      .filter((r) => r.custom)
      .map((r) => ({ type: r.type, name: r.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const planned = [...report.resources].sort((a, b) => a.name.localeCompare(b.name));
    assert.deepStrictEqual(planned, registered);
    assert.strictEqual(report.totalResources, registered.length);
  });

  it("describes the dev stack as JSON, in the documented shape", () => {
    const report = json(["--stack", "dev", "--format", "json"]);
    assert.deepStrictEqual(
      { ...report, resources: report.resources.length },
      {
        version: 1,
        stack: "dev",
        region: "eu-west-1",
        permissionSet: {
          name: "AdministratorAccess",
          existing: false,
          sessionDuration: "PT4H",
          description: "Full administrator access, granted through the platform admin group",
          relayState: null,
          policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
          tags: { owner: "platform-team", "cost-center": "4200" },
          inlinePolicy: null,
          customerManagedPolicies: [],
          permissionsBoundary: null,
          guardrails: 0,
          sessionCuts: [],
          fanout: { accounts: 2, minutes: 1, timeoutMinutes: 12 },
        },
        group: {
          displayName: "Platform Admins",
          description: "Administrators of the organization's workload accounts",
          existing: false,
        },
        usersToCreate: [{ userName: "alice", displayName: "Alice Liddell", email: "alice@example.com" }],
        existingUsers: ["bob@example.com"],
        admins: [
          { userName: "alice", existing: false, expiresAt: null, expired: false, deferred: false },
          { userName: "bob@example.com", existing: true, expiresAt: null, expired: false, deferred: false },
        ],
        deferredAdmins: null,
        protect: false,
        management: null,
        orgEvents: null,
        managementAccountId: null,
        tagLookups: 0,
        assignments: ["012345678901", "210987654321"].map((accountId) => ({
          accountId,
          accountName: null,
          selectedBy: ["accounts"],
          principalType: "GROUP",
          group: "Platform Admins",
          permissionSet: "AdministratorAccess",
          lane: null, // no assignmentConcurrency: independent assignments
        })),
        skippedAccounts: [],
        accessMatrix: [
          {
            userName: "alice",
            accountId: "012345678901",
            permissionSet: "AdministratorAccess",
            expiresAt: null,
          },
          {
            userName: "alice",
            accountId: "210987654321",
            permissionSet: "AdministratorAccess",
            expiresAt: null,
          },
          {
            userName: "bob@example.com",
            accountId: "012345678901",
            permissionSet: "AdministratorAccess",
            expiresAt: null,
          },
          {
            userName: "bob@example.com",
            accountId: "210987654321",
            permissionSet: "AdministratorAccess",
            expiresAt: null,
          },
        ],
        // #33: what the set grants after its guardrails, by the meaning engine.
        adminAccess: [
          {
            path: "permissionSet",
            set: "AdministratorAccess",
            verdict: "admin",
            administrator: true,
            reasons: ["allows every action on every resource (AWS managed AdministratorAccess statement 1)"],
            unverified: [],
          },
        ],
        resources: 10,
        resourceCounts: {
          "aws:ssoadmin/permissionSet:PermissionSet": 1,
          "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": 1,
          "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive": 1,
          "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive": 1,
          "aws:identitystore/group:Group": 1,
          "aws:identitystore/user:User": 1,
          "aws:identitystore/groupMembership:GroupMembership": 2,
          "aws:ssoadmin/accountAssignment:AccountAssignment": 2,
        },
        totalResources: 10,
      },
    );
  });

  it("prints text by default: the set, the group, the users, the assignments and the matrix", () => {
    const { code, stdout, stderr } = runPlan(["--stack", "dev"], ROOT);
    assert.strictEqual(code, 0, stderr);
    for (const line of [
      'admin-access plan for stack "dev" (region eu-west-1)',
      "Permission set   AdministratorAccess (create)",
      "  policy         arn:aws:iam::aws:policy/AdministratorAccess",
      "Group            Platform Admins (create)",
      "  alice  Alice Liddell <alice@example.com>",
      "  bob@example.com",
      "  012345678901  (accounts)",
      "Management account not checked: pass --org or --management-account (see docs/reviewing-changes.md).",
      "  admin            012345678901  210987654321",
      "  bob@example.com  A             A",
      "Resources (10)",
      "  fan-out        a change reprovisions 2 account(s), about 1 min; waits up to 12 min",
      "  policy lists   owned whole: policies added by hand go at the next pulumi up --refresh, or sooner",
      "      2  AccountAssignment",
    ]) {
      assert.ok(stdout.split("\n").includes(line), `missing line ${JSON.stringify(line)} in:\n${stdout}`);
    }
  });

  it("prints markdown for a pull request", () => {
    const { stdout } = runPlan(["--stack", "dev", "--format", "markdown"], ROOT);
    assert.match(stdout, /^### admin-access plan: stack dev \(eu-west-1\)$/m);
    assert.match(stdout, /^\| admin \| 012345678901 \| 210987654321 \|$/m);
    assert.match(stdout, /^\| alice \| AdministratorAccess \| AdministratorAccess \|$/m);
  });

  describe("in a directory of other stacks", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "admin-access-plan-"));
      copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("with --org, shows which selector brought each account in and what was left out", () => {
      writeFileSync(path.join(dir, "Pulumi.org.yaml"), SELECTOR_STACK);
      writeFileSync(path.join(dir, "org.json"), ORG_FILE);
      const report = json(["--stack", "org", "--format", "json", "--org", "org.json"], dir);
      assert.strictEqual(report.managementAccountId, MANAGEMENT_ACCOUNT);
      assert.deepStrictEqual(
        report.assignments.map((a) => [a.accountId, a.accountName, a.selectedBy]),
        [
          ["012345678901", "Workloads Prod", ["organizationalUnits:ou-wkld-22222222"]],
          ["111111111111", "Shared Services", ["accounts"]],
          ["333333333333", "Audit", ["accountNames:Audit"]],
        ],
      );
      assert.deepStrictEqual(report.skippedAccounts, [
        { accountId: "210987654321", reason: "excludeAccounts" },
        { accountId: "222222222222", reason: "not ACTIVE (SUSPENDED)" },
        {
          accountId: MANAGEMENT_ACCOUNT,
          reason: "the management account (set includeManagementAccount: true to include it)",
        },
      ]);
      const text = runPlan(["--stack", "org", "--org", "org.json"], dir).stdout;
      assert.match(text, /^ {2}012345678901 {2}Workloads Prod {2}\(organizationalUnits:ou-wkld-22222222\)$/m);
      assert.match(text, /^ {2}222222222222 {2}not ACTIVE \(SUSPENDED\)$/m);
    });

    describe("accountTags, from the org file's tags", () => {
      const TAG_STACK = [
        "config:",
        "  aws:region: eu-west-1",
        "  admin-access:group: { displayName: Admins }",
        "  admin-access:accountTags: { env: [prod, dev] }",
        '  admin-access:excludeAccounts: ["111111111111"]',
        "  admin-access:admins: [{ userName: ann, email: ann@example.com, givenName: Ann, familyName: Lee }]",
      ].join("\n");
      /** The mock organization with each ACTIVE account's tags, as org-snapshot records them. */
      const TAGGED_ORG = JSON.stringify({
        managementAccountId: MANAGEMENT_ACCOUNT,
        accounts: ORG_ACCOUNTS.map((a) =>
          a.state === "ACTIVE" ? { ...a, tags: ORG_ACCOUNT_TAGS[a.id] } : a,
        ),
        organizationalUnits: ORG_UNITS,
      });
      const ACTIVE = ORG_ACCOUNTS.filter((a) => a.state === "ACTIVE").length;

      it("selects as the component does, and says how many lookups the component makes, in every format", async () => {
        const stackFile = path.join(dir, "Pulumi.tags.yaml");
        writeFileSync(stackFile, TAG_STACK);
        writeFileSync(path.join(dir, "org.json"), TAGGED_ORG);
        const argv = (format: string) => ["--stack", "tags", "--format", format, "--org", "org.json"];
        const report = json(argv("json"), dir);
        assert.deepStrictEqual(
          report.assignments.map((a) => [a.accountId, a.selectedBy]),
          [
            ["012345678901", ["accountTags"]],
            ["210987654321", ["accountTags"]],
          ],
        );
        // Its tags match too: the management account is left out, as is the excluded one; "Prod" is not prod.
        assert.deepStrictEqual(
          report.skippedAccounts.map((x) => x.accountId),
          ["111111111111", MANAGEMENT_ACCOUNT],
        );
        assert.strictEqual(report.tagLookups, ACTIVE);
        const line =
          `${ACTIVE} organizations.getResourceTags calls each time the program runs, one per ACTIVE account, at ` +
          "most 5 a second: about 2 s a run; pulumi up runs it twice (preview, then update: about 4 s) unless --skip-preview";
        assert.ok(runPlan(argv("text"), dir).stdout.split("\n").includes(`Tag lookups: ${line}`));
        assert.ok(runPlan(argv("markdown"), dir).stdout.split("\n").includes(`| Tag lookups | ${line} |`));
        assert.match(
          runPlan(argv("text"), dir).stdout,
          /^ {2}012345678901 {2}Workloads Prod {2}\(accountTags\)$/m,
        );
        // The component, under mocks answering getResourceTags with the same tags, registers the same.
        const planned = report.resources;
        await runIndex(stackFile);
        const registered = mocks.registrations
          .filter((r) => r.custom)
          .map((r) => ({ type: r.type, name: r.name }));
        const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
        assert.deepStrictEqual([...planned].sort(byName), registered.sort(byName));
        const lookups = mocks.invokes.filter(
          (i) => i.token === "aws:organizations/getResourceTags:getResourceTags",
        );
        assert.strictEqual(lookups.length, report.tagLookups);
      });

      it("refuses an org file with no tags recorded, saying to run org-snapshot again", () => {
        writeFileSync(path.join(dir, "Pulumi.tags.yaml"), TAG_STACK);
        writeFileSync(path.join(dir, "org.json"), ORG_FILE);
        const { code, stderr } = runPlan(["--stack", "tags", "--org", "org.json"], dir);
        assert.strictEqual(code, 1);
        assert.strictEqual(
          stderr,
          "Pulumi.tags.yaml selects accounts by accountTags, but the --org file records no account's tags (it " +
            "was written before org-snapshot recorded them, or by hand): run `npm run org-snapshot` again\n",
        );
        // Some recorded, some not: still refused, naming the accounts, never resolved as untagged.
        const partial = JSON.parse(TAGGED_ORG);
        delete partial.accounts[2].tags;
        writeFileSync(path.join(dir, "org.json"), JSON.stringify(partial));
        const again = runPlan(["--stack", "tags", "--org", "org.json"], dir);
        assert.strictEqual(again.code, 1);
        assert.match(
          again.stderr,
          /accountTags: needs the tags of every ACTIVE account, but 1 have none recorded \(111111111111\).*npm run org-snapshot/s,
        );
      });

      it("says nothing of tag lookups without accountTags", () => {
        writeFileSync(path.join(dir, "Pulumi.org.yaml"), SELECTOR_STACK);
        writeFileSync(path.join(dir, "org.json"), TAGGED_ORG);
        const report = json(["--stack", "org", "--format", "json", "--org", "org.json"], dir);
        assert.strictEqual(report.tagLookups, 0);
        assert.doesNotMatch(runPlan(["--stack", "org", "--org", "org.json"], dir).stdout, /Tag lookups/);
      });
    });

    it("lists what the component registers for a stack that selects by OU and name", async () => {
      const stackFile = path.join(dir, "Pulumi.org.yaml");
      writeFileSync(stackFile, SELECTOR_STACK);
      writeFileSync(path.join(dir, "org.json"), ORG_FILE);
      const planned = json(["--stack", "org", "--format", "json", "--org", "org.json"], dir).resources;
      await runIndex(stackFile);
      const registered = mocks.registrations
        .filter((r) => r.custom)
        .map((r) => ({ type: r.type, name: r.name }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      assert.deepStrictEqual([...planned].sort(byName), registered.sort(byName));
    });

    it("selectors need --org offline; the management account can come from a flag", () => {
      writeFileSync(path.join(dir, "Pulumi.org.yaml"), SELECTOR_STACK);
      assert.match(
        runPlan(["--stack", "org"], dir).stderr,
        /^Pulumi\.org\.yaml selects accounts by organizationalUnits, accountNames, accountTags or allAccounts, which need the organization: pass --org <file>/,
      );
      writeFileSync(
        path.join(dir, "Pulumi.mgmt.yaml"),
        [
          "config:",
          "  admin-access:group: { displayName: Admins }",
          `  admin-access:accounts: ["${MANAGEMENT_ACCOUNT}"]`,
          "  admin-access:admins: []",
        ].join("\n"),
      );
      const { code, stderr } = runPlan(["--stack", "mgmt", "--management-account", MANAGEMENT_ACCOUNT], dir);
      assert.strictEqual(code, 1);
      assert.match(stderr, /accounts\[0\]: "999999999999" is the organization's management account/);
    });

    it("a broken --org file is reported", () => {
      writeFileSync(path.join(dir, "Pulumi.org.yaml"), SELECTOR_STACK);
      writeFileSync(path.join(dir, "org.json"), '{"accounts": 3}');
      const { code, stderr } = runPlan(["--stack", "org", "--org", "org.json"], dir);
      assert.strictEqual(code, 1);
      assert.match(stderr, /org\.json: expected an "accounts" list/);
      writeFileSync(
        path.join(dir, "org.json"),
        '{"managementAccountId": "999999999999", "accounts": [], "organizationalUnits": {"ou-wkld-22222222": "x"}}',
      );
      assert.match(
        runPlan(["--stack", "org", "--org", "org.json"], dir).stderr,
        /org\.json: 1 problem:\n {2}- organizationalUnits\.ou-wkld-22222222: "x" is not a list of account IDs/,
      );
    });

    it("takes the partition of the policy from a GovCloud region", () => {
      writeFileSync(
        path.join(dir, "Pulumi.gov.yaml"),
        [
          "config:",
          "  aws:region: us-gov-west-1",
          "  admin-access:group: { displayName: Admins }",
          '  admin-access:accounts: ["123456789012"]',
          "  admin-access:admins: [{ userName: ann, existing: true }]",
        ].join("\n"),
      );
      assert.strictEqual(
        json(["--stack", "gov", "--format", "json"], dir).permissionSet.policyArn,
        "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
      );
    });

    it("bad config prints every problem with its path and exits 1", () => {
      writeFileSync(
        path.join(dir, "Pulumi.bad.yaml"),
        [
          "config:",
          "  admin-access:group: { displayName: Admins }",
          "  admin-access:accounts: [12345678901]",
          "  admin-access:admins: [{ userName: bob, email: 'bob@' }]",
        ].join("\n"),
      );
      const { code, stdout, stderr } = runPlan(["--stack", "bad"], dir);
      assert.strictEqual(code, 1);
      assert.strictEqual(stdout, "");
      assert.match(stderr, /^Pulumi\.bad\.yaml: admin-access config has 5 problems:/);
      // The CLI's own refusal comes first, then the program's explanation of the same value.
      assert.match(stderr, /- Stack 'bad' with configuration key 'accounts' must be of type 'array<string>'/);
      assert.match(stderr, /- accounts\[0\]: 12345678901 is a number with 11 digits/);
      assert.match(stderr, /- admins\[0\]\.email: "bob@" is not a valid email address/);
    });

    const stackWith = (name: string, lines: string[]) =>
      writeFileSync(
        path.join(dir, `Pulumi.${name}.yaml`),
        [
          "config:",
          "  admin-access:group: { displayName: Admins }",
          '  admin-access:accounts: ["012345678901"]',
          "  admin-access:admins: [{ userName: bob, existing: true }]",
          ...lines,
        ].join("\n"),
      );

    it("reads the stack file as the CLI does: namespaces, slips, ESC environments and secrets", () => {
      stackWith("slip", [
        '  admin-acess:excludeAccounts: ["012345678901"]',
        '  excludeAccounts: ["012345678901"]',
      ]);
      const slip = runPlan(["--stack", "slip"], dir);
      assert.strictEqual(slip.code, 1);
      // A bare key is the project's, as the CLI reads it: this exclusion is read, and refused for what it says.
      assert.match(slip.stderr, /- excludeAccounts\[0\]: "012345678901" is also listed in accounts/);
      assert.match(
        slip.stderr,
        /- admin-acess:excludeAccounts: the namespace "admin-acess" is not "admin-access", so this key would be ignored/,
      );

      writeFileSync(
        path.join(dir, "Pulumi.esc.yaml"),
        "environment:\n  - org/admins\n" +
          readFileSync(path.join(dir, "Pulumi.slip.yaml"), "utf8").split("\n").slice(0, 5).join("\n"),
      );
      assert.match(
        runPlan(["--stack", "esc"], dir).stderr,
        /environment: the stack imports a Pulumi ESC environment/,
      );

      stackWith("secret", ["  admin-access:accessPortalUrl: { secure: AAABAMx0 }"]);
      const secret = runPlan(["--stack", "secret"], dir);
      assert.strictEqual(secret.code, 1);
      assert.match(
        secret.stderr,
        /- admin-access:accessPortalUrl: is encrypted \(secure:\), and this offline command cannot read secrets/,
      );
      assert.doesNotMatch(secret.stderr, /JSON/);
    });

    it("says plainly that an existing group's other members also get admin", () => {
      stackWith("existing", ["  admin-access:permissionSet: { existing: true }"]);
      writeFileSync(
        path.join(dir, "Pulumi.existing.yaml"),
        readFileSync(path.join(dir, "Pulumi.existing.yaml"), "utf8").replace(
          "{ displayName: Admins }",
          "{ displayName: Admins, existing: true }",
        ),
      );
      const text = runPlan(["--stack", "existing"], dir).stdout;
      assert.match(
        text,
        /! The group exists already: every member it has now also gets administrator access/,
      );
      const markdown = runPlan(["--stack", "existing", "--format", "markdown"], dir).stdout;
      assert.match(markdown, /^> \*\*Warning:\*\* The group exists already/m);
    });

    it("--output writes the chosen format to a file; --format csv writes the access matrix", () => {
      const result = runPlan(["--stack", "dev", "--format", "csv", "--output", "plan.csv"], ROOT_COPY(dir));
      assert.deepStrictEqual([result.code, result.stdout], [0, ""]);
      assert.strictEqual(
        readFileSync(path.join(dir, "plan.csv"), "utf8"),
        "userName,accountId,accountName,permissionSet,group,expiresAt\r\n" +
          "alice,012345678901,,AdministratorAccess,Platform Admins,\r\n" +
          "alice,210987654321,,AdministratorAccess,Platform Admins,\r\n" +
          "bob@example.com,012345678901,,AdministratorAccess,Platform Admins,\r\n" +
          "bob@example.com,210987654321,,AdministratorAccess,Platform Admins,\r\n",
      );
      runPlan(["--stack", "dev", "--format", "json", "--output", "plan.json"], dir);
      assert.strictEqual(JSON.parse(readFileSync(path.join(dir, "plan.json"), "utf8")).stack, "dev");
    });

    it("names from an org file cannot forge the markdown or the terminal", () => {
      writeFileSync(
        path.join(dir, "org.json"),
        JSON.stringify({
          managementAccountId: MANAGEMENT_ACCOUNT,
          accounts: [{ id: "012345678901", name: "Prod | evil `x` <b>\u001b[2K\n| 999 |", state: "ACTIVE" }],
        }),
      );
      stackWith("forge", []);
      const markdown = runPlan(["--stack", "forge", "--format", "markdown", "--org", "org.json"], dir).stdout;
      // One row with its three cells: every | of the name escaped, the newline and ESC shown as escapes.
      const row = markdown.split("\n").find((l) => l.startsWith("| 012345678901 | Prod"));
      assert.ok(row, markdown);
      assert.strictEqual(row.match(/(?<!\\)\|/g)?.length, 5, row);
      assert.ok(row.includes("\\<b\\>") && row.includes("\\`x\\`") && row.includes("u001b"), row);
      const text = runPlan(["--stack", "forge", "--org", "org.json"], dir).stdout;
      assert.ok(!text.includes("\u001b") && !text.includes("<b>\n"));
    });

    it("CSV escapes what the text escapes: bidi controls, invisible characters, ESC", () => {
      // An org file's account name is not validated as config is: it reaches every format as written.
      const name = "Prod\u202egnp.exe\u200b\u2066x\u2069\u001b[2K\u00a0=1+1";
      writeFileSync(
        path.join(dir, "org.json"),
        JSON.stringify({
          managementAccountId: MANAGEMENT_ACCOUNT,
          accounts: [{ id: "012345678901", name, state: "ACTIVE" }],
        }),
      );
      stackWith("forge", []);
      const csv = runPlan(["--stack", "forge", "--format", "csv", "--org", "org.json"], dir).stdout;
      const text = runPlan(["--stack", "forge", "--org", "org.json"], dir).stdout;
      const escaped = "Prod\\u202egnp.exe\\u200b\\u2066x\\u2069\\u001b[2K\\u00a0=1+1";
      assert.ok(csv.includes(`,${escaped},`), csv);
      assert.ok(text.includes(escaped), text);
      for (const hidden of ["\u202e", "\u200b", "\u2066", "\u2069", "\u001b", "\u00a0"])
        assert.ok(!csv.includes(hidden), JSON.stringify(csv));
    });

    it("an unquoted or impossible expiresAt in a stack file is named with its path, never a crash", () => {
      for (const [value, expected] of [
        [
          "2026-11-01T00:00:00Z",
          /admins\[0\]\.expiresAt: "2026-11-01 00:00:00 \+0000 UTC" is what the Pulumi CLI makes of an unquoted instant\. YAML read this as a timestamp: quote it, e\.g\. "2026-11-01T00:00:00Z"/,
        ],
        ['"2026-12-31T23:59:60Z"', /admins\[0\]\.expiresAt: "2026-12-31T23:59:60Z" is not a real instant/],
        ["2026-13-01T00:00:00Z", /admins\[0\]\.expiresAt: "2026-13-01T00:00:00Z" is not a real instant/],
        ["2026-12-31T99:00:00Z", /admins\[0\]\.expiresAt: "2026-12-31T99:00:00Z" is not a real instant/],
      ] as const) {
        writeFileSync(
          path.join(dir, "Pulumi.inst.yaml"),
          [
            "config:",
            "  admin-access:group: { displayName: Admins }",
            '  admin-access:accounts: ["012345678901"]',
            `  admin-access:admins: [{ userName: old, existing: true, expiresAt: ${value} }]`,
          ].join("\n"),
        );
        const { code, stderr } = runPlan(["--stack", "inst"], dir);
        assert.strictEqual(code, 1, stderr);
        assert.match(stderr, expected);
        assert.doesNotMatch(stderr, /Invalid time value|\n\s+at /);
      }
    });

    it("shows each admin's expiry, and expired admins as expired, never silently missing", () => {
      writeFileSync(
        path.join(dir, "Pulumi.exp.yaml"),
        [
          "config:",
          "  admin-access:group: { displayName: Admins }",
          '  admin-access:accounts: ["012345678901"]',
          "  admin-access:admins:",
          '    - { userName: old, existing: true, expiresAt: "2000-01-01T00:00:00Z" }',
          '    - { userName: temp, existing: true, expiresAt: "2099-01-01T00:00:00Z" }',
        ].join("\n"),
      );
      const report = json(["--stack", "exp", "--format", "json"], dir);
      assert.deepStrictEqual(report.admins, [
        {
          userName: "old",
          existing: true,
          expiresAt: "2000-01-01T00:00:00Z",
          expired: true,
          deferred: false,
        },
        {
          userName: "temp",
          existing: true,
          expiresAt: "2099-01-01T00:00:00Z",
          expired: false,
          deferred: false,
        },
      ]);
      assert.deepStrictEqual(report.accessMatrix, [
        {
          userName: "temp",
          accountId: "012345678901",
          permissionSet: "AdministratorAccess",
          expiresAt: "2099-01-01T00:00:00Z",
        },
      ]);
      const text = runPlan(["--stack", "exp"], dir).stdout;
      assert.match(text, /^ {2}temp \(until 2099-01-01T00:00:00Z\) {2}A$/m);
      assert.match(text, /^ {4}old \(expired 2000-01-01T00:00:00Z\)$/m);
    });

    it("shows the set's guardrails and counts them", () => {
      writeFileSync(
        path.join(dir, "Pulumi.guard.yaml"),
        [
          "config:",
          "  admin-access:group: { displayName: Admins }",
          '  admin-access:accounts: ["012345678901"]',
          "  admin-access:admins: [{ userName: bob, existing: true }]",
          "  admin-access:permissionSet:",
          "    inlinePolicy:",
          '      Version: "2012-10-17"',
          "      Statement: [{ Sid: ProtectAuditTrail, Effect: Deny, Action: cloudtrail:StopLogging, Resource: '*' }]",
          "    customerManagedPolicies: [{ name: Ops, path: /guardrails/ }]",
          "    permissionsBoundary: { managedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }",
        ].join("\n"),
      );
      const report = json(["--stack", "guard", "--format", "json"], dir);
      assert.strictEqual(report.permissionSet.guardrails, 3);
      assert.deepStrictEqual(report.permissionSet.customerManagedPolicies, [
        { name: "Ops", path: "/guardrails/" },
      ]);
      const text = runPlan(["--stack", "guard"], dir).stdout;
      assert.match(text, /^ {2}guardrails {5}3$/m);
      assert.match(text, /^ {2}inline policy {2}1 statement\(s\)$/m);
      assert.match(
        text,
        /^ {4}statement 1 {2}Deny cloudtrail:StopLogging on \* \(Sid "ProtectAuditTrail"\)$/m,
      );
      assert.match(text, /^ {2}customer policy \/guardrails\/Ops$/m);
      assert.match(text, /^ {2}boundary {7}arn:aws:iam::aws:policy\/PowerUserAccess$/m);
      const markdown = runPlan(["--stack", "guard", "--format", "markdown"], dir).stdout;
      assert.match(markdown, /^\| guardrails \| 3 \|$/m);
    });

    it("groups the access matrix at scale so that it reads in a terminal", () => {
      const ids = Array.from({ length: 500 }, (_, i) => `"${String(100000000000 + i)}"`);
      const admins = Array.from({ length: 1000 }, (_, i) => `{ userName: user${i}, existing: true }`);
      writeFileSync(
        path.join(dir, "Pulumi.big.yaml"),
        [
          "config:",
          "  admin-access:group: { displayName: Admins }",
          `  admin-access:accounts: [${ids.join(", ")}]`,
          `  admin-access:admins: [${admins.join(", ")}]`,
        ].join("\n"),
      );
      const text = runPlan(["--stack", "big"], dir).stdout;
      assert.ok(Math.max(...text.split("\n").map((l) => l.length)) <= 100);
      assert.match(text, /^ {2}1000 admins, each with administrator access in all 500 accounts above:$/m);
    });

    describe("--against", () => {
      const BEFORE = readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
      const AFTER = BEFORE.replace("name: AdministratorAccess", "name: PlatformAdmin").replace(
        '    - "210987654321"\n',
        "",
      );

      it("a file: the diff in JSON, and warnings first in text and markdown", () => {
        ROOT_COPY(dir);
        writeFileSync(path.join(dir, "Pulumi.dev.yaml"), AFTER);
        writeFileSync(path.join(dir, "before.yaml"), BEFORE);
        const report = json(["--stack", "dev", "--format", "json", "--against", "before.yaml"], dir);
        assert.strictEqual(report.diff?.against, "before.yaml");
        assert.deepStrictEqual(report.diff?.accountsRemoved, ["210987654321"]);
        assert.deepStrictEqual(report.diff?.grantsRemoved, [
          { userName: "alice", accountId: "210987654321" },
          { userName: "bob@example.com", accountId: "210987654321" },
        ]);
        assert.deepStrictEqual(report.diff?.replaced.map((r) => r.name).sort(), [
          "admin-access-assignment-012345678901",
          "admin-access-customer-policies",
          "admin-access-managed-policies",
          "admin-access-permission-set",
          "admin-access-policy-AdministratorAccess",
        ]);
        // The field-level changes lead, critical first; then the warnings.
        const text = runPlan(["--stack", "dev", "--against", "before.yaml"], dir).stdout;
        assert.match(
          text.split("\n")[2],
          /^Access changes against before\.yaml \(0 critical, 2 high, 2 info\)$/,
        );
        assert.match(text.split("\n")[3], /^ {2}HIGH {5}permissionSet\.name: /);
        // The rename replaces every account's role, and reprovisions the new set in its one account.
        assert.match(
          text,
          /^ {2}HIGH {5}permissionSet: "AdministratorAccess" -> "PlatformAdmin" \(every account's AWSReservedSSO_AdministratorAccess_… role is replaced: references to its ARN \(EKS access entries, aws-auth, KMS\/S3 policies\) break; resolve the new ARN with resolveReservedRoleArn instead of hard-coding it\)$/m,
        );
        assert.match(text, /^WARNING: This change replaces 1 account assignment/m);
        const markdown = runPlan(
          ["--stack", "dev", "--format", "markdown", "--against", "before.yaml"],
          dir,
        ).stdout;
        assert.match(
          markdown.split("\n")[2],
          /^#### Access changes against before\.yaml: 0 critical, 2 high, 2 info$/,
        );
        assert.match(markdown, /^> \*\*Warning:\*\* This change replaces 1 account assignment/m);
        assert.match(
          markdown,
          // #33: an email is shown as code, so that GitHub makes no link (or mention) of it.
          /^\| grants removed \| alice in 210987654321, `bob@example\.com` in 210987654321 \|$/m,
        );
      });

      it("every format carries the field-level changes, critical first, as the config holds them", () => {
        ROOT_COPY(dir);
        const hostile = BEFORE.replace("email: alice@example.com", "email: alice@evil.example")
          .replace(
            "title: Platform Engineer",
            'title: Platform Engineer\n      expiresAt: "2099-01-01T00:00:00Z"',
          )
          .replace(
            "description: Administrators of the organization's workload accounts",
            "description: '&#97;lice | <b>x</b> `y` of'",
          );
        const before = BEFORE.replace(
          "title: Platform Engineer",
          'title: Platform Engineer\n      expiresAt: "2026-12-08T00:00:00Z"',
        );
        writeFileSync(path.join(dir, "Pulumi.dev.yaml"), hostile);
        writeFileSync(path.join(dir, "before.yaml"), before);
        const argv = (format: string) => ["--stack", "dev", "--format", format, "--against", "before.yaml"];
        const changes = json(argv("json"), dir).diff?.changes ?? [];
        assert.deepStrictEqual(
          changes.map((c) => [c.severity, c.path]),
          [
            ["critical", "admins[alice].expiresAt"],
            ["critical", "admins[alice].email"],
            // The expiry moves the inline policy's session cut, which reprovisions the set.
            ["high", "permissionSet"],
            ["info", "group.description"],
          ],
        );
        const text = runPlan(argv("text"), dir).stdout.split("\n");
        assert.match(
          text[3],
          /^ {2}CRITICAL admins\[alice\]\.expiresAt: "2026-12-08T00:00:00Z" -> "2099-01-01T00:00:00Z"/,
        );
        const markdown = runPlan(argv("markdown"), dir).stdout;
        assert.match(markdown.split("\n")[4], /^\| severity \| field \| old \| new \| why \|$/);
        assert.match(markdown.split("\n")[6], /^\| CRITICAL \| admins\\\[alice\\\]\.expiresAt \|/);
        assert.ok(markdown.includes("\\&\\#97;lice \\| \\<b\\>x\\</b\\> \\`y\\` of"), markdown);
        const csv = runPlan(argv("csv"), dir).stdout.split("\r\n");
        assert.strictEqual(csv[0], "severity,field,old,new,why");
        assert.match(
          csv[1],
          /^critical,admins\[alice\]\.expiresAt,2026-12-08T00:00:00Z,2099-01-01T00:00:00Z,/,
        );
        assert.match(csv[2], /^critical,admins\[alice\]\.email,alice@example\.com,alice@evil\.example,/);
      });

      /** The project in a repository whose one commit holds the stack file as BEFORE; its git, for more. */
      const committedBefore = () => {
        ROOT_COPY(dir);
        writeFileSync(path.join(dir, "Pulumi.dev.yaml"), BEFORE);
        const git = (...args: string[]) =>
          execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir });
        git("init", "-q");
        git("add", "Pulumi.dev.yaml");
        git("commit", "-qm", "before");
        return git;
      };

      it("a git ref: the same stack file as committed there, as in CI with origin/main", () => {
        const git = committedBefore();
        git("branch", "-q", "base");
        writeFileSync(path.join(dir, "Pulumi.dev.yaml"), AFTER);
        const report = json(["--stack", "dev", "--format", "json", "--against", "base"], dir);
        assert.strictEqual(report.diff?.against, "base");
        assert.deepStrictEqual(report.diff?.accountsRemoved, ["210987654321"]);
        const missing = runPlan(["--stack", "dev", "--against", "no-such-ref"], dir);
        assert.strictEqual(missing.code, 1);
        assert.match(
          missing.stderr,
          /^--against no-such-ref: neither a file nor a git ref with Pulumi\.dev\.yaml/,
        );
        // git would read these as options: --output=<file> writes a file of the attacker's choosing.
        for (const ref of ["--output=owned", "-p", "--end-of-options"]) {
          const refused = runPlan(["--stack", "dev", `--against=${ref}`], dir);
          assert.deepStrictEqual([refused.code, refused.stdout], [1, ""], ref);
          assert.match(refused.stderr, /may not start with "-"/);
        }
        assert.ok(!existsSync(path.join(dir, "owned")));
      });

      it("a ref git could read two ways, or a name that is both a file and a ref, is refused (#37 red team)", () => {
        const git = committedBefore();
        git("update-ref", "refs/remotes/origin/main", "HEAD");
        writeFileSync(path.join(dir, "Pulumi.dev.yaml"), AFTER);
        git("add", "Pulumi.dev.yaml");
        git("commit", "-qm", "after");
        const ok = json(["--stack", "dev", "--format", "json", "--against", "origin/main"], dir);
        assert.deepStrictEqual(ok.diff?.accountsRemoved, ["210987654321"]);
        // A pushed tag of the base branch's name: git prefers refs/tags, and the diff would be against it.
        git("tag", "origin/main", "HEAD");
        const tagged = runPlan(["--stack", "dev", "--against", "origin/main"], dir);
        assert.deepStrictEqual([tagged.code, tagged.stdout], [1, ""]);
        assert.match(
          tagged.stderr,
          /^--against origin\/main: git reads it as any of refs\/tags\/origin\/main, refs\/remotes\/origin\/main; name the one you mean in full/,
        );
        const full = json(
          ["--stack", "dev", "--format", "json", "--against", "refs/remotes/origin/main"],
          dir,
        );
        assert.deepStrictEqual(full.diff?.accountsRemoved, ["210987654321"]);
        // A file of the ref's name, added by the change under review, must not stand in for the base.
        git("tag", "-d", "origin/main");
        mkdirSync(path.join(dir, "origin"));
        writeFileSync(path.join(dir, "origin", "main"), AFTER);
        const shadowed = runPlan(["--stack", "dev", "--against", "origin/main"], dir);
        assert.strictEqual(shadowed.code, 1);
        assert.match(
          shadowed.stderr,
          /^--against origin\/main: names both a file and a git ref \([0-9a-f]{12}\); write \.\/origin\/main for the file/,
        );
      });

      it("the other side is validated by the same code", () => {
        ROOT_COPY(dir);
        writeFileSync(path.join(dir, "bad.yaml"), BEFORE.replace('"012345678901"', "12345678901"));
        const result = runPlan(["--stack", "dev", "--against", "bad.yaml"], dir);
        assert.strictEqual(result.code, 1);
        assert.match(result.stderr, /^bad\.yaml: Pulumi\.dev\.yaml: admin-access config has 2 problems/);
      });
    });

    it("shows orgEvents in every format: where the token goes, and a change to it as critical (#33)", () => {
      const BASE = readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
      const events = (repository: string) =>
        `${BASE.trimEnd()}\n  admin-access:orgEvents:\n    repository: ${repository}\n    eventType: org-changed\n` +
        "    tokenSecretArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:github-token-AbCdEf\n";
      writeFileSync(path.join(dir, "Pulumi.dev.yaml"), events("evil-org/collector"));
      writeFileSync(path.join(dir, "before.yaml"), events("my-org/platform"));
      const plain = ["--stack", "dev", "--format"];
      const section = json([...plain, "json"], dir).orgEvents ?? assert.fail("no orgEvents section");
      assert.strictEqual(section.repository, "evil-org/collector");
      assert.strictEqual(section.eventType, "org-changed");
      assert.strictEqual(
        section.tokenSecretArn,
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:github-token-AbCdEf",
      );
      const text = runPlan([...plain, "text"], dir).stdout;
      assert.match(
        text,
        /^orgEvents: posts a org-changed repository_dispatch to evil-org\/collector \(https:\/\/api\.github\.com\/repos\/evil-org\/collector\/dispatches\)$/m,
      );
      assert.match(
        text,
        /^ {2}token secret: the value of arn:aws:secretsmanager:\S+, sent to GitHub as a bearer token/m,
      );
      const markdown = runPlan([...plain, "markdown"], dir).stdout;
      assert.match(
        markdown,
        /^\| orgEvents \| posts a org-changed repository\\_dispatch to evil-org\/collector/m,
      );
      const against = [...plain, "csv", "--against", "before.yaml"];
      const csv = runPlan(against, dir).stdout.split("\r\n");
      assert.match(
        csv[1],
        /^critical,orgEvents\.repository,my-org\/platform,evil-org\/collector,the token is sent/,
      );
    });

    it("a missing stack file says which stack files exist", () => {
      writeFileSync(path.join(dir, "Pulumi.prod.yaml"), "config: {}\n");
      writeFileSync(path.join(dir, "Pulumi.yaml"), "name: admin-access\n");
      const { code, stderr } = runPlan(["--stack", "stagin"], dir);
      assert.strictEqual(code, 1);
      assert.strictEqual(
        stderr,
        `no stack file Pulumi.stagin.yaml in ${dir}; stack files here: Pulumi.prod.yaml\n`,
      );
    });
  });

  it("rejects bad arguments with the usage", () => {
    assert.strictEqual(runPlan([], ROOT).code, 1);
    assert.match(runPlan([], ROOT).stderr, /--stack is required\nusage: npm run plan/);
    assert.match(
      runPlan(["--stack", "dev", "--format", "html"], ROOT).stderr,
      /--format "html" is not one of/,
    );
    assert.strictEqual(runPlan(["--stak", "dev"], ROOT).code, 1);
  });

  it("shows orgEvents: which rules, where, for which events, posting to which repository (#33)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-plan-org-events-"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    try {
      const stackWith = (secret: string) =>
        readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8") +
        [
          "  admin-access:orgEvents:",
          "    repository: my-org/platform",
          "    eventType: admin-access-org-changed",
          `    tokenSecretArn: arn:aws:secretsmanager:eu-west-1:999999999999:secret:${secret}`,
          "",
        ].join("\n");
      writeFileSync(path.join(dir, "Pulumi.ev.yaml"), stackWith("admin-access/org-events-token-AbCdEf"));
      const report = json(["--stack", "ev", "--format", "json"], dir);
      assert.deepStrictEqual(
        report.orgEvents?.rules.map((r) => [r.rule, r.region, r.sources]),
        [
          ["admin-access-org-events", "us-east-1", ["aws.organizations", "aws.account"]],
          ["admin-access-identity-events", "eu-west-1", ["aws.identitystore"]],
        ],
      );
      assert.ok(report.orgEvents?.rules[0].events.includes("AccountJoinedOrganization"));
      assert.ok(report.orgEvents?.rules[1].events.includes("CreateGroupMembership"));
      assert.strictEqual(
        report.orgEvents?.endpoint,
        "https://api.github.com/repos/my-org/platform/dispatches",
      );
      assert.strictEqual(report.orgEvents?.deployerReadsToken, true);
      const text = runPlan(["--stack", "ev"], dir).stdout;
      assert.match(
        text,
        /^orgEvents: posts a admin-access-org-changed repository_dispatch to my-org\/platform \(https:\/\/api\.github\.com\/repos\/my-org\/platform\/dispatches\)$/m,
      );
      assert.match(
        text,
        /^ {2}rule admin-access-org-events: us-east-1, aws\.organizations and aws\.account: AccountJoinedOrganization, /m,
      );
      assert.match(
        text,
        /^ {2}rule admin-access-identity-events: eu-west-1, aws\.identitystore: CreateUser, /m,
      );
      const markdown = runPlan(["--stack", "ev", "--format", "markdown"], dir).stdout;
      assert.match(
        markdown,
        /\| orgEvents \| posts a admin-access-org-changed repository\\_dispatch to my-org\/platform/,
      );
      assert.match(markdown, /\| {3}rule admin-access-identity-events \| eu-west-1, aws\.identitystore: /);
      // A secret of another name: the shipped deployer policy cannot read it, and the plan says so.
      writeFileSync(path.join(dir, "Pulumi.ev.yaml"), stackWith("github-dispatch-AbCdEf"));
      assert.strictEqual(
        json(["--stack", "ev", "--format", "json"], dir).orgEvents?.deployerReadsToken,
        false,
      );
      assert.match(
        runPlan(["--stack", "ev"], dir).stdout,
        /token secret: the value of arn:aws:secretsmanager:eu-west-1:999999999999:secret:github-dispatch-AbCdEf, sent to GitHub as a bearer token \(policies\/deployer-policy\.json reads only admin-access\/org-events-token-…: the deploy will be denied\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
