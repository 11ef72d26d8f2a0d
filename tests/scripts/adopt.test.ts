import * as assert from "assert";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { ImportSpec, LIST_TIMEOUTS_NOTE } from "../../analysis/adoption";
import { configProblems } from "../../components/config";
import { engineConfig, stackSettings } from "../../components/stackConfig";
import { runAdopt } from "../../scripts/adopt";
import { project } from "../fixtures";
import { FakeOptions, FakeOrganization, startFakeAws } from "../live/fakeAws";
import { AWS_ENV, withEnv } from "../live/env";
import { ADMIN_POLICY, INSTANCE, PS_ARN, runbookOrganization, STORE } from "../live/runbook";

const ROOT = path.join(__dirname, "..", "..");
const PARENT = "admin-access";

/** Runs the command itself through the real AWS SDK against the fake, in a directory with the project. */
async function adoptAgainst(
  org: FakeOrganization,
  argv: string[],
  options: FakeOptions = {},
  env = AWS_ENV,
  stackText?: string,
) {
  const dir = mkdtempSync(path.join(tmpdir(), "admin-access-adopt-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  if (stackText) writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackText);
  else if (!argv.includes("--group"))
    copyFileSync(path.join(ROOT, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
  const fake = await startFakeAws(org, options);
  try {
    const result = await withEnv({ ...env, AWS_ENDPOINT_URL: fake.url }, () => runAdopt(argv, dir));
    const file = path.join(dir, "adopt.json");
    const imports = existsSync(file)
      ? (JSON.parse(readFileSync(file, "utf8")) as { resources: ImportSpec[] }).resources
      : undefined;
    const stackFile = path.join(dir, "Pulumi.prod.yaml");
    const written = existsSync(stackFile) ? readFileSync(stackFile, "utf8") : undefined;
    return { ...result, imports, written, calls: fake.calls, writes: fake.writes };
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const COMPONENT: ImportSpec = {
  type: "admin-access:index:AdminAccessComponent",
  name: PARENT,
  component: true,
};
const child = (type: string, name: string, id: string): ImportSpec => ({ type, name, id, parent: PARENT });
const RUNBOOK_IMPORTS = [
  COMPONENT,
  child("aws:ssoadmin/permissionSet:PermissionSet", "admin-access-permission-set", `${PS_ARN},${INSTANCE}`),
  child(
    "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment",
    "admin-access-policy-AdministratorAccess",
    `${ADMIN_POLICY},${PS_ARN},${INSTANCE}`,
  ),
  // The whole lists, by "<instance>,<set>" (managed_policy_attachments_exclusive.go's import ID parser).
  child(
    "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive",
    "admin-access-managed-policies",
    `${INSTANCE},${PS_ARN}`,
  ),
  child(
    "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive",
    "admin-access-customer-policies",
    `${INSTANCE},${PS_ARN}`,
  ),
  child("aws:identitystore/group:Group", "admin-access-group", `${STORE}/g-admins`),
  child("aws:identitystore/user:User", "admin-access-user-alice", `${STORE}/u-alice`),
  child(
    "aws:identitystore/groupMembership:GroupMembership",
    "admin-access-membership-alice",
    `${STORE}/m-alice`,
  ),
  child(
    "aws:identitystore/groupMembership:GroupMembership",
    "admin-access-membership-bob@example.com",
    `${STORE}/m-bob`,
  ),
  child(
    "aws:ssoadmin/accountAssignment:AccountAssignment",
    "admin-access-assignment-012345678901",
    `g-admins,GROUP,012345678901,AWS_ACCOUNT,${PS_ARN},${INSTANCE}`,
  ),
  child(
    "aws:ssoadmin/accountAssignment:AccountAssignment",
    "admin-access-assignment-210987654321",
    `g-admins,GROUP,210987654321,AWS_ACCOUNT,${PS_ARN},${INSTANCE}`,
  ),
];

describe("npm run adopt, end to end through the AWS SDK", function () {
  this.timeout(30000);

  it("on a runbook-built organization, imports exactly what exists, under the component's names", async () => {
    const result = await adoptAgainst(runbookOrganization(), ["--stack", "dev"], {
      pageSize: 1,
      throttle: [2, 5],
    });
    assert.strictEqual(result.code, 0, result.stderr);
    assert.deepStrictEqual(result.imports, RUNBOOK_IMPORTS);
    assert.match(result.stdout, /^ {2}import {2}PermissionSet +admin-access-permission-set$/m);
    assert.match(result.stdout, /^ {2}lookup {2}User +bob@example\.com {2}\(existing: true, looked up\)$/m);
    assert.doesNotMatch(result.stdout, /config .*, live/);
    assert.match(result.stdout, /pulumi import --file adopt\.json --generate-code=false/);
    assert.ok(result.stdout.includes(LIST_TIMEOUTS_NOTE), result.stdout);
    // Pages of one, throttled twice, and not one write attempted.
    assert.ok(result.calls.filter((c) => c.endsWith("ListPermissionSets")).length >= 2);
    assert.deepStrictEqual(result.writes, []);
  });

  it("on a partly built one, imports what exists and says what pulumi up creates and changes", async () => {
    const org = runbookOrganization();
    org.assignments = org.assignments.filter((a) => a.accountId !== "210987654321");
    org.memberships = org.memberships.filter((m) => m.userId !== "u-alice");
    org.permissionSets[1].sessionDuration = "PT1H";
    org.users[0].title = "Engineer";
    const result = await adoptAgainst(org, ["--stack", "dev"]);
    assert.strictEqual(result.code, 0, result.stderr);
    const names = result.imports?.map((i) => i.name);
    assert.ok(!names?.includes("admin-access-assignment-210987654321"));
    assert.ok(!names?.includes("admin-access-membership-alice"));
    assert.match(
      result.stdout,
      /^ {2}create {2}AccountAssignment +admin-access-assignment-210987654321 {2}\(pulumi up creates it\)$/m,
    );
    assert.match(result.stdout, /sessionDuration: config "PT4H", live "PT1H": pulumi up updates it in place/);
    assert.match(
      result.stdout,
      /title: config "Platform Engineer", live "Engineer": pulumi up updates it in place/,
    );
  });

  it("warns about admin that adoption leaves outside the stack", async () => {
    const org = runbookOrganization();
    org.users.push({
      id: "u-carol",
      userName: "carol",
      givenName: "C",
      familyName: "D",
      email: "c@example.com",
    });
    org.memberships.push({ id: "m-carol", groupId: "g-admins", userId: "u-carol" });
    org.assignments.push({
      accountId: "333333333333",
      permissionSetArn: PS_ARN,
      principalType: "USER",
      principalId: "u-carol",
    });
    const result = await adoptAgainst(org, ["--stack", "dev"]);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /! 1 member\(s\) of the group are not in admins and keep administrator access after adoption: carol/,
    );
    assert.match(
      result.stdout,
      /! USER carol also holds the permission set in account 333333333333, outside this stack/,
    );
  });

  it("a SCIM-owned user configured as new is named, since its identity provider overwrites changes", async () => {
    const org = runbookOrganization();
    org.users[0].external = true;
    const result = await adoptAgainst(org, ["--stack", "dev"]);
    assert.match(
      result.stdout,
      /"alice" is owned by an external identity provider \(SCIM\).*set existing: true/,
    );
  });

  it("a missing group: it, its memberships and its assignments are created, nothing of them imported", async () => {
    const org = runbookOrganization();
    org.groups = [];
    const result = await adoptAgainst(org, ["--stack", "dev"]);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.deepStrictEqual(
      result.imports?.map((i) => i.name),
      [
        "admin-access",
        "admin-access-permission-set",
        "admin-access-policy-AdministratorAccess",
        "admin-access-managed-policies",
        "admin-access-customer-policies",
        "admin-access-user-alice",
      ],
    );
  });

  it("imports the set's guardrails by the set they are attached to", async () => {
    const org = runbookOrganization();
    const deny = {
      Version: "2012-10-17",
      Statement: { Effect: "Deny", Action: "cloudtrail:StopLogging", Resource: "*" },
    };
    Object.assign(org.permissionSets[1], {
      inlinePolicy: JSON.stringify(deny),
      customerManagedPolicies: [{ Name: "Ops", Path: "/" }],
    });
    const stack = readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace(
      "    sessionDuration: PT4H\n",
      `    sessionDuration: PT4H\n    inlinePolicy: ${JSON.stringify(deny)}\n    customerManagedPolicies: [{ name: Ops }, { name: Missing }]\n`,
    );
    const result = await adoptAgainst(org, ["--stack", "dev"], {}, AWS_ENV, stack);
    assert.strictEqual(result.code, 0, result.stderr);
    const byName = new Map(result.imports?.map((i) => [i.name, i.id]));
    assert.strictEqual(byName.get("admin-access-inline-policy"), `${PS_ARN},${INSTANCE}`);
    assert.strictEqual(byName.get("admin-access-customer-policy-/Ops"), `Ops,/,${PS_ARN},${INSTANCE}`);
    assert.ok(!byName.has("admin-access-customer-policy-/Missing"));
    assert.match(
      result.stdout,
      /^ {2}create {2}CustomerManagedPolicyAttachment admin-access-customer-policy-\/Missing/m,
    );
  });

  it("says which policies attached by hand the first pulumi up detaches, before it does (#27)", async () => {
    const org = runbookOrganization();
    const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    Object.assign(org.permissionSets[1], {
      managedPolicies: [...(org.permissionSets[1].managedPolicies ?? []), readOnly],
      customerManagedPolicies: [{ Name: "Legacy", Path: "/old/" }],
    });
    const result = await adoptAgainst(org, ["--stack", "dev"]);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /! the first pulumi up after adoption detaches 1 AWS managed polic\(ies\) attached to \S+ but not in config .*: arn:aws:iam::aws:policy\/ReadOnlyAccess; config cannot declare one/,
    );
    assert.match(
      result.stdout,
      /! the first pulumi up after adoption detaches 1 customer-managed polic\(ies\) .*: \/old\/Legacy; to keep one, add it to permissionSet\.customerManagedPolicies before adopting/,
    );
    // The lists differ, so their update is more than their timeouts: the note is not printed.
    assert.ok(!result.stdout.includes(LIST_TIMEOUTS_NOTE), result.stdout);
    assert.match(
      result.stdout,
      /managedPolicyArns: config "[^"]*AdministratorAccess", live "[^"]*ReadOnlyAccess": pulumi up updates it in place/,
    );
  });

  describe("bootstrap from nothing but the runbook's names", () => {
    const argv = [
      "--stack",
      "prod",
      "--group",
      "Platform Admins",
      "--permission-set",
      "AdministratorAccess",
      "--region",
      "eu-west-1",
    ];

    it("writes a stack file that passes the CLI's rules and validation, and an import file covering all of it", async () => {
      const result = await adoptAgainst(runbookOrganization(), argv);
      assert.strictEqual(result.code, 0, result.stderr);
      assert.ok(result.written);
      const engine = engineConfig(project(), result.written, "prod");
      assert.deepStrictEqual(engine.problems, []);
      const settings = stackSettings(engine.config, "admin-access", []).settings;
      assert.deepStrictEqual(configProblems(settings), []);
      assert.deepStrictEqual(settings.accounts, ["012345678901", "210987654321"]);
      assert.deepStrictEqual(settings.admins, [
        {
          userName: "alice",
          email: "alice@example.com",
          givenName: "Alice",
          familyName: "Liddell",
          displayName: "Alice Liddell",
          title: "Platform Engineer",
        },
        { userName: "bob@example.com", existing: true }, // owned by SCIM
      ]);
      // The same resources as the hand-written dev stack, every one imported with no difference.
      assert.deepStrictEqual(result.imports, RUNBOOK_IMPORTS);
      assert.doesNotMatch(result.stdout, /create|config .*, live/);
    });

    it("a missing group is a problem with the flag that named it (exit 1), and writes nothing", async () => {
      const result = await adoptAgainst(runbookOrganization(), [
        ...argv.slice(0, 3),
        "Platform Adminz",
        ...argv.slice(4),
      ]);
      assert.strictEqual(result.code, 1);
      assert.strictEqual(
        result.stderr,
        "reading account 999999999999 as arn:aws:iam::999999999999:user/AKIAFAKEFAKEFAKEFAKE in eu-west-1 (from --region)\n" +
          '--group: no group has the display name "Platform Adminz"\n',
      );
      assert.strictEqual(result.written, undefined);
      assert.strictEqual(result.imports, undefined);
    });
  });

  describe("AWS problems exit 4 with the AWS error code and what to do", () => {
    it("no credentials", async () => {
      const result = await adoptAgainst(runbookOrganization(), ["--stack", "dev"], {}, {
        ...AWS_ENV,
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
      } as never);
      assert.strictEqual(result.code, 4);
      assert.match(result.stderr, /^AWS error CredentialsProviderError: /);
      assert.match(result.stderr, /no AWS credentials were found: pass --profile/);
      assert.deepStrictEqual(result.calls, []);
    });

    it("access denied", async () => {
      const result = await adoptAgainst(runbookOrganization(), ["--stack", "dev"], {
        deny: ["ListInstances"],
      });
      assert.strictEqual(result.code, 4);
      assert.match(
        result.stderr,
        /^AWS error AccessDeniedException: User is not authorized to perform ListInstances/m,
      );
      assert.match(result.stderr, /policies\/reader-policy\.json/);
    });

    it("no Identity Center instance in the region", async () => {
      const org = runbookOrganization();
      delete org.instance;
      const result = await adoptAgainst(org, ["--stack", "dev"]);
      assert.strictEqual(result.code, 4);
      assert.match(result.stderr, /^no IAM Identity Center instance in region eu-west-1/m);
    });
  });

  it("config problems exit 1, every one with its path, before AWS is asked anything", async () => {
    const result = await adoptAgainst(runbookOrganization(), ["--stack", "nope"]);
    assert.strictEqual(result.code, 1);
    assert.match(result.stderr, /no stack file Pulumi\.nope\.yaml/);
    assert.deepStrictEqual(result.calls, []);
  });
});
