import * as assert from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { PlanReport, runPlan } from "../../scripts/plan";
import { runIndex } from "../fixtures";
import { mocks } from "../mocks";

const ROOT = path.join(__dirname, "..", "..");
const json = (argv: string[], dir = ROOT): PlanReport => JSON.parse(runPlan(argv, dir).stdout);

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
        },
        group: {
          displayName: "Platform Admins",
          description: "Administrators of the organization's workload accounts",
          existing: false,
        },
        usersToCreate: [{ userName: "alice", displayName: "Alice Liddell", email: "alice@example.com" }],
        existingUsers: ["bob@example.com"],
        managementAccountId: null,
        assignments: ["012345678901", "210987654321"].map((accountId) => ({
          accountId,
          accountName: null,
          selectedBy: ["accounts"],
          principalType: "GROUP",
          group: "Platform Admins",
          permissionSet: "AdministratorAccess",
          lane: 3, // FNV-1a of either ID, modulo the default 10 lanes
        })),
        skippedAccounts: [],
        accessMatrix: [
          { userName: "alice", accountId: "012345678901", permissionSet: "AdministratorAccess" },
          { userName: "alice", accountId: "210987654321", permissionSet: "AdministratorAccess" },
          { userName: "bob@example.com", accountId: "012345678901", permissionSet: "AdministratorAccess" },
          { userName: "bob@example.com", accountId: "210987654321", permissionSet: "AdministratorAccess" },
        ],
        resources: 8,
        resourceCounts: {
          "aws:ssoadmin/permissionSet:PermissionSet": 1,
          "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": 1,
          "aws:identitystore/group:Group": 1,
          "aws:identitystore/user:User": 1,
          "aws:identitystore/groupMembership:GroupMembership": 2,
          "aws:ssoadmin/accountAssignment:AccountAssignment": 2,
        },
        totalResources: 8,
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
      "Management account not checked: pass --org or --management-account (see README).",
      "  admin            012345678901  210987654321",
      "  bob@example.com  A             A",
      "Resources (8)",
      "      2  AccountAssignment",
    ]) {
      assert.ok(stdout.split("\n").includes(line), `missing line ${JSON.stringify(line)} in:\n${stdout}`);
    }
  });

  it("prints markdown for a pull request", () => {
    const { stdout } = runPlan(["--stack", "dev", "--format", "markdown"], ROOT);
    assert.match(stdout, /^### admin-access plan: stack `dev` \(eu-west-1\)$/m);
    assert.match(stdout, /^\| admin \| 012345678901 \| 210987654321 \|$/m);
    assert.match(stdout, /^\| `alice` \| AdministratorAccess \| AdministratorAccess \|$/m);
  });

  describe("in a directory of other stacks", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "admin-access-plan-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("takes the partition of the policy from a GovCloud region", () => {
      writeFileSync(
        path.join(dir, "Pulumi.gov.yaml"),
        [
          "config:",
          "  aws:region: us-gov-west-1",
          "  admin-access:group: { displayName: Admins }",
          '  admin-access:accounts: ["123456789012"]',
          "  admin-access:admins: []",
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
      assert.match(stderr, /^Pulumi\.bad\.yaml: admin-access config has 4 problems:/);
      assert.match(stderr, /- accounts\[0\]: 12345678901 is a number with 11 digits/);
      assert.match(stderr, /- admins\[0\]\.email: "bob@" is not a valid email address/);
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
    assert.strictEqual(runPlan([], ROOT).code, 2);
    assert.match(runPlan([], ROOT).stderr, /--stack is required\nusage: npm run plan/);
    assert.match(
      runPlan(["--stack", "dev", "--format", "html"], ROOT).stderr,
      /--format "html" is not one of/,
    );
    assert.strictEqual(runPlan(["--stak", "dev"], ROOT).code, 2);
  });
});
