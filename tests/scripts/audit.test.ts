import * as assert from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { AuditReport, allowsEverything, classify } from "../../components/audit";
import { runAudit } from "../../scripts/audit";
import { parseOrganization } from "../../scripts/orgFile";
import { runOrgSnapshot } from "../../scripts/orgSnapshot";
import { FakeOptions, FakeOrganization, startFakeAws } from "../live/fakeAws";
import { AWS_ENV, withEnv } from "../live/env";
import { PS_ARN, runbookOrganization } from "../live/runbook";

const ROOT = path.join(__dirname, "..", "..");

async function inFake<T>(org: FakeOrganization, options: FakeOptions, run: (dir: string) => Promise<T>) {
  const dir = mkdtempSync(path.join(tmpdir(), "admin-access-audit-"));
  for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml"]) copyFileSync(path.join(ROOT, f), path.join(dir, f));
  const fake = await startFakeAws(org, options);
  try {
    const result = await withEnv({ ...AWS_ENV, AWS_ENDPOINT_URL: fake.url }, () => run(dir));
    return { result, calls: fake.calls, writes: fake.writes, dir };
  } finally {
    await fake.close();
  }
}

async function auditOf(org: FakeOrganization, options: FakeOptions = {}) {
  const { result, writes, calls } = await inFake(org, options, (dir) =>
    runAudit(["--stack", "dev", "--format", "json"], dir),
  );
  assert.deepStrictEqual(writes, []);
  return { ...result, calls, report: result.stdout ? (JSON.parse(result.stdout) as AuditReport) : undefined };
}

describe("admin-equivalent permission sets", () => {
  const inline = (statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: statement });

  it("an inline Allow of every action on every resource, in any of its spellings, with or without conditions", () => {
    for (const statement of [
      { Effect: "Allow", Action: "*", Resource: "*" },
      [{ Effect: "Allow", Action: ["s3:GetObject", "*:*"], Resource: ["arn:aws:s3:::x", "*"] }],
      [
        {
          Effect: "Allow",
          Action: "*",
          Resource: "*",
          Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
      ],
    ]) {
      assert.ok(allowsEverything(inline(statement)), JSON.stringify(statement));
    }
  });

  it("a read-only or denying policy is not admin", () => {
    for (const statement of [
      { Effect: "Allow", Action: ["s3:Get*", "ec2:Describe*"], Resource: "*" },
      { Effect: "Deny", Action: "*", Resource: "*" },
      { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
      { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket/*" },
    ]) {
      assert.ok(!allowsEverything(inline(statement)), JSON.stringify(statement));
    }
    assert.ok(!allowsEverything("not json"));
  });

  it("customer-managed policies or a boundary make a set unverifiable, never clean", () => {
    const base = { arn: "a", name: "n", managedPolicies: [], customerManagedPolicies: [] };
    assert.deepStrictEqual(
      classify(
        { ...base, managedPolicies: ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"] },
        "aws-us-gov",
      ),
      {
        admin: "AdministratorAccess attached",
        unverifiable: undefined,
      },
    );
    assert.match(
      classify({ ...base, customerManagedPolicies: ["/Ops"] }, "aws").unverifiable ?? "",
      /cannot be read/,
    );
    assert.match(
      classify({ ...base, boundary: "/Limits" }, "aws").unverifiable ?? "",
      /permissions boundary/,
    );
    assert.deepStrictEqual(classify(base, "aws"), { admin: undefined, unverifiable: undefined });
  });
});

describe("npm run audit, end to end through the AWS SDK", function () {
  this.timeout(30000);

  it("a clean organization: no findings, exit 0, and who holds admin where", async () => {
    const { code, report, stderr } = await auditOf(runbookOrganization(), { pageSize: 1, throttle: [3, 4] });
    assert.strictEqual(code, 0, stderr);
    assert.deepStrictEqual(report?.findings, []);
    assert.deepStrictEqual(report?.effectiveAdmins, [
      {
        userName: "alice",
        accountId: "012345678901",
        permissionSet: "AdministratorAccess",
        via: "GROUP:Platform Admins",
      },
      {
        userName: "alice",
        accountId: "210987654321",
        permissionSet: "AdministratorAccess",
        via: "GROUP:Platform Admins",
      },
      {
        userName: "bob@example.com",
        accountId: "012345678901",
        permissionSet: "AdministratorAccess",
        via: "GROUP:Platform Admins",
      },
      {
        userName: "bob@example.com",
        accountId: "210987654321",
        permissionSet: "AdministratorAccess",
        via: "GROUP:Platform Admins",
      },
    ]);
  });

  it("names every out-of-band grant with its kind, and exits 3", async () => {
    const org = runbookOrganization();
    org.permissionSets.push(
      {
        arn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-power",
        name: "PowerUser",
        inlinePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        }),
      },
      {
        arn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-ops",
        name: "Ops",
        customerManagedPolicies: [{ Name: "OpsPolicy", Path: "/" }],
      },
    );
    org.groups.push({ id: "g-contractors", displayName: "Contractors" });
    org.users.push(
      { id: "u-carol", userName: "carol", givenName: "C", familyName: "D", email: "c@example.com" },
      { id: "u-dave", userName: "dave", givenName: "D", familyName: "E", email: "d@example.com" },
    );
    org.memberships.push(
      { id: "m-carol", groupId: "g-admins", userId: "u-carol" },
      { id: "m-dave", groupId: "g-contractors", userId: "u-dave" },
    );
    org.memberships = org.memberships.filter((m) => m.userId !== "u-bob"); // bob left the group by hand
    org.assignments = org.assignments.filter((a) => a.accountId !== "210987654321"); // deleted out of band
    org.assignments.push(
      { accountId: "333333333333", permissionSetArn: PS_ARN, principalType: "USER", principalId: "u-carol" },
      {
        accountId: "333333333333",
        permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-power",
        principalType: "GROUP",
        principalId: "g-contractors",
      },
    );
    const { code, report } = await auditOf(org, { pageSize: 2 });
    assert.strictEqual(code, 3);
    assert.deepStrictEqual(
      report?.findings.map((f) => [
        f.kind,
        f.accountId ?? "",
        f.permissionSet ?? "",
        f.principal ?? "",
        f.userName ?? "",
      ]),
      [
        ["missing-grant", "210987654321", "AdministratorAccess", "Platform Admins", ""],
        ["unmanaged-grant", "333333333333", "PowerUser", "Contractors", ""],
        ["direct-user-grant", "333333333333", "AdministratorAccess", "carol", "carol"],
        ["unmanaged-member", "", "", "Platform Admins", "carol"],
        ["missing-member", "", "", "Platform Admins", "bob@example.com"],
        ["unverifiable-permission-set", "", "Ops", "", ""],
      ],
    );
    assert.ok(
      report?.effectiveAdmins.some(
        (e) => e.userName === "dave" && e.via === "GROUP:Contractors" && e.permissionSet === "PowerUser",
      ),
    );
    assert.ok(report?.effectiveAdmins.some((e) => e.userName === "carol" && e.via === "USER"));
  });

  it("prints findings first in text and markdown, and exits 2 on access denied", async () => {
    const org = runbookOrganization();
    org.memberships.push({ id: "m-x", groupId: "g-admins", userId: "u-x" });
    org.users.push({ id: "u-x", userName: "x|<b>", givenName: "X", familyName: "Y", email: "x@example.com" });
    const { result } = await inFake(org, {}, (dir) =>
      runAudit(["--stack", "dev", "--format", "markdown"], dir),
    );
    assert.strictEqual(result.code, 3);
    assert.ok(result.stdout.indexOf("unmanaged-member") < result.stdout.indexOf("#### Effective admins"));
    assert.match(result.stdout, /x\\\|\\<b\\>/);
    const denied = await inFake(runbookOrganization(), { deny: ["ListPermissionSets"] }, (dir) =>
      runAudit(["--stack", "dev"], dir),
    );
    assert.strictEqual(denied.result.code, 2);
    assert.match(denied.result.stderr, /^AWS error AccessDeniedException/);
  });

  it("reads only the admin-equivalent sets' accounts, not every set on every account", async () => {
    const org = runbookOrganization();
    org.assignments.push({
      accountId: "333333333333",
      permissionSetArn: org.permissionSets[0].arn,
      principalType: "GROUP",
      principalId: "g-admins",
    });
    const { calls } = await auditOf(org, { pageSize: 10 });
    const listed = calls.filter((c) => c.endsWith("ListAccountsForProvisionedPermissionSet"));
    assert.strictEqual(listed.length, 1); // AdministratorAccess only; ReadOnly is not admin
  });
});

describe("npm run org-snapshot", () => {
  it("writes the offline plan's --org file from the live organization, nested OUs included", async () => {
    const { result, dir } = await inFake(runbookOrganization(), { pageSize: 1 }, (d) =>
      runOrgSnapshot(["--output", "org.json"], d),
    );
    try {
      assert.strictEqual(result.code, 0, result.stderr);
      const view = parseOrganization(
        JSON.parse(readFileSync(path.join(dir, "org.json"), "utf8")),
        "org.json",
      );
      assert.strictEqual(view.managementAccountId, "999999999999");
      assert.deepStrictEqual(
        Object.fromEntries(
          Object.entries(view.organizationalUnits).map(([ou, accounts]) => [ou, accounts.map((a) => a.id)]),
        ),
        {
          "ou-dev0-22222222": ["210987654321"],
          "ou-sec0-33333333": ["333333333333"],
          "ou-wkld-11111111": ["012345678901", "210987654321"],
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
