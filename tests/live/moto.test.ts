// org-snapshot, audit and adopt against moto's server, a second AWS written independently of this project's
// fake. Skipped with a reason where Python or moto is missing; a failure in CI (CI=true).
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  DetachCustomerManagedPolicyReferenceFromPermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import * as assert from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { AuditReport } from "../../analysis/audit";
import { liveClients } from "../../live/clients";
import { LiveReader } from "../../live/reader";
import { runAdopt } from "../../scripts/adopt";
import { runAudit } from "../../scripts/audit";
import { runOrgSnapshot } from "../../scripts/orgSnapshot";
import { AWS_ENV, withEnv } from "./env";
import { Moto, motoOrSkip, startMoto } from "./moto";

const ROOT = path.join(__dirname, "..", "..");
const ENV = { ...AWS_ENV, AWS_REGION: "us-east-1" };

describe("the live commands against moto, a second AWS", function () {
  this.timeout(120000);
  let moto: Moto;
  let dir: string;
  const inMoto = <T>(run: () => Promise<T>) => withEnv({ ...ENV, AWS_ENDPOINT_URL: moto.url }, run);

  before(async function () {
    const python = motoOrSkip(this);
    moto = await startMoto(python, ENV);
    dir = mkdtempSync(path.join(tmpdir(), "admin-access-moto-"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const { prod, dev } = moto.seed.accounts;
    writeFileSync(
      path.join(dir, "Pulumi.moto.yaml"),
      [
        "config:",
        "  aws:region: us-east-1",
        "  admin-access:permissionSet: { name: AdministratorAccess, sessionDuration: PT4H }",
        "  admin-access:group: { displayName: Platform Admins }",
        `  admin-access:accounts: ["${prod}", "${dev}"]`,
        "  admin-access:admins:",
        "    - { userName: alice, email: alice@example.com, givenName: Alice, familyName: Liddell }",
        "    - { userName: bob@example.com, existing: true }",
        "",
      ].join("\n"),
    );
  });
  after(async () => {
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("org-snapshot writes the organization moto holds: accounts by name, the OU with both", async () => {
    const result = await inMoto(() => runOrgSnapshot(["--output", "org.json"], dir));
    assert.strictEqual(result.code, 0, result.stderr);
    const org = JSON.parse(readFileSync(path.join(dir, "org.json"), "utf8"));
    const { prod, dev } = moto.seed.accounts;
    assert.strictEqual(org.managementAccountId, moto.seed.managementAccountId);
    assert.deepStrictEqual(
      org.accounts
        .filter((a: { id: string }) => a.id !== org.managementAccountId)
        .map((a: { name: string }) => a.name)
        .sort(),
      ["Workloads Dev", "Workloads Prod"],
    );
    assert.deepStrictEqual(org.organizationalUnits, { [moto.seed.ou]: [prod, dev].sort() });
    // Every ACTIVE account's tags, read with moto's own ListTagsForResource: the seed tagged prod only.
    const tags = Object.fromEntries(org.accounts.map((a: { id: string; tags?: unknown }) => [a.id, a.tags]));
    assert.deepStrictEqual(tags, {
      [org.managementAccountId]: {},
      [prod]: { env: "prod", team: "payments" },
      [dev]: {},
    });
    assert.match(result.stderr, /the tags of 3 ACTIVE accounts \(3 ListTagsForResource lookups/);
  });

  it("audit judges moto's sets by their policies, finds the hand-added member, and lists what moto cannot answer", async () => {
    const result = await inMoto(() => runAudit(["--stack", "moto", "--format", "json"], dir));
    assert.strictEqual(result.code, 3, result.stderr);
    const report = JSON.parse(result.stdout) as AuditReport;
    assert.deepStrictEqual(
      report.permissionSets.map((p) => [p.name, p.verdict]),
      [
        ["AdministratorAccess", "admin"],
        ["PowerUser", "escalation"],
        ["ReadOnly", "none"],
      ],
    );
    const { prod, dev } = moto.seed.accounts;
    assert.deepStrictEqual(
      report.findings.map((f) => [f.kind, f.permissionSet ?? f.userName, f.accountId ?? ""]),
      [
        ["unmanaged-member", "carol", ""],
        ["unreadable", "AdministratorAccess", ""],
        ["unreadable", "PowerUser", ""],
        ["unreadable", "ReadOnly", ""],
        // moto's ListAccountsForProvisionedPermissionSet ignores assignments: the fake covers holders.
        ...[prod, dev].sort().map((account) => ["missing-grant", "AdministratorAccess", account]),
      ],
    );
    assert.match(
      report.findings[1].detail,
      /^its permissions boundary: sso-admin GetPermissionsBoundaryForPermissionSet answered HTTP 500 after 3 attempts with a body that is not the API's JSON/,
    );
    assert.deepStrictEqual([report.checked.assignments, report.checked.accounts], [0, 0]);
    // moto 5.2.5 does not know sso.amazonaws.com as a delegated service: Identity Center's delegated
    // administrator is named as not read, never taken as none.
    assert.match(
      report.checked.notChecked[1],
      /^IAM Identity Center's delegated administrator account, which could not be read \(InvalidInputException: You specified an unrecognized service principal\. \(organizations ListDelegatedAdministrators, HTTP 400\)\)/,
    );
  });

  it("audit reports moto's out-of-band attachments on the stack's set as attachment-drift, by severity", async () => {
    // A plain client: liveClients refuses writes. It finds moto through AWS_ENDPOINT_URL, as the commands do.
    const ssoAdmin = () => new SSOAdminClient({ region: "us-east-1" });
    const InstanceArn = moto.seed.instanceArn;
    const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    const extra = "arn:aws:iam::aws:policy/IAMFullAccess";
    const ops = { Name: "Ops", Path: "/team/" };
    const PermissionSetArn = await inMoto(async () => {
      const reader = new LiveReader(liveClients({ region: "us-east-1" }));
      const arns = await reader.permissionSetArns(InstanceArn);
      const names = await Promise.all(arns.map((arn) => reader.permissionSetName(InstanceArn, arn)));
      return arns[names.indexOf("AdministratorAccess")];
    });
    const on = { InstanceArn, PermissionSetArn };
    await inMoto(async () => {
      await ssoAdmin().send(
        new AttachManagedPolicyToPermissionSetCommand({ ...on, ManagedPolicyArn: extra }),
      );
      await ssoAdmin().send(
        new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
          ...on,
          CustomerManagedPolicyReference: ops,
        }),
      );
      await ssoAdmin().send(
        new DetachManagedPolicyFromPermissionSetCommand({ ...on, ManagedPolicyArn: admin }),
      );
    });
    try {
      const result = await inMoto(() => runAudit(["--stack", "moto", "--format", "json"], dir));
      const report = JSON.parse(result.stdout) as AuditReport;
      assert.deepStrictEqual(
        report.findings
          .filter((f) => f.kind === "attachment-drift")
          .map((f) => [f.severity, f.permissionSet, f.detail.split(";")[0]]),
        [
          ["medium", "AdministratorAccess", `AWS managed policy ${admin} is in config but not attached`],
          ["medium", "AdministratorAccess", `AWS managed policy ${extra} is attached, not in config`],
          ["medium", "AdministratorAccess", "customer-managed policy /team/Ops is attached, not in config"],
        ],
      );
    } finally {
      // As the exclusive resources would after `pulumi up --refresh`: the later cases see the seed's set.
      await inMoto(async () => {
        await ssoAdmin().send(
          new AttachManagedPolicyToPermissionSetCommand({ ...on, ManagedPolicyArn: admin }),
        );
        await ssoAdmin().send(
          new DetachManagedPolicyFromPermissionSetCommand({ ...on, ManagedPolicyArn: extra }),
        );
        await ssoAdmin().send(
          new DetachCustomerManagedPolicyReferenceFromPermissionSetCommand({
            ...on,
            CustomerManagedPolicyReference: ops,
          }),
        );
      });
    }
  });

  it("moto holds the assignments: only ListAccountsForProvisionedPermissionSet does not list them", async () => {
    await inMoto(async () => {
      const reader = new LiveReader(liveClients({ region: "us-east-1" }));
      const arns = await reader.permissionSetArns(moto.seed.instanceArn);
      const names = await Promise.all(
        arns.map((arn) => reader.permissionSetName(moto.seed.instanceArn, arn)),
      );
      const adminArn = arns[names.indexOf("AdministratorAccess")];
      const held = await reader.assignments(moto.seed.instanceArn, moto.seed.accounts.prod, adminArn);
      assert.deepStrictEqual(
        held.map((a) => a.principalType),
        ["GROUP"],
      );
      assert.deepStrictEqual(await reader.accountsForPermissionSet(moto.seed.instanceArn, adminArn), []);
    });
  });

  it("adopt stops with the operation moto cannot answer and its HTTP status, never a parser's SyntaxError", async () => {
    const result = await inMoto(() => runAdopt(["--stack", "moto"], dir));
    assert.strictEqual(result.code, 4);
    // moto's STS says who the credentials are before anything is read, as AWS's does.
    assert.match(
      result.stderr,
      /^reading account \d{12} as arn:aws:(iam|sts)::\d{12}:\S+ in us-east-1 \(from /,
    );
    assert.match(
      result.stderr,
      /^AWS error: sso-admin ListTagsForResource answered HTTP 500 after 3 attempts with a body that is not the API's JSON/m,
    );
    assert.doesNotMatch(result.stderr, /SyntaxError|Unexpected token/);
  });
});
