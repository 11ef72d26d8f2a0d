// Issue #32 through the whole audit (the real AWS SDK against the project's fake AWS): each hostile class,
// held by a group outside the stack on the account it is provisioned to, is found with its verdict, names the
// statements that make it, and fails the audit (exit 3); a set held back by AWSDenyAll is still none.
import * as assert from "assert";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { AuditReport } from "../../analysis/audit";
import { runAudit } from "../../scripts/audit";
import { FakeOrganization, startFakeAws } from "../live/fakeAws";
import { AWS_ENV, withEnv } from "../live/env";
import { runbookOrganization } from "../live/runbook";

const ROOT = path.join(__dirname, "..", "..");
const NOW = new Date("2026-12-01T12:00:00Z");
const SET = (id: string) => `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${id}`;
const inline = (version: string, ...Statement: unknown[]) => JSON.stringify({ Version: version, Statement });
const allow = (Action: unknown, Resource: unknown = "*", extra: object = {}) => ({
  Effect: "Allow",
  Action,
  Resource,
  ...extra,
});
const AUDIT = "333333333333";

async function auditOf(org: FakeOrganization): Promise<{ code: number; report: AuditReport }> {
  const dir = mkdtempSync(path.join(tmpdir(), "admin-access-audit-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  writeFileSync(path.join(dir, "Pulumi.dev.yaml"), readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8"));
  const fake = await startFakeAws(org, { pageSize: 100 });
  try {
    const result = await withEnv({ ...AWS_ENV, AWS_ENDPOINT_URL: fake.url }, () =>
      runAudit(["--stack", "dev", "--format", "json"], dir, NOW),
    );
    return { code: result.code, report: JSON.parse(result.stdout) as AuditReport };
  } finally {
    await fake.close();
  }
}

const SETS: [string, string, string?][] = [
  [
    "deny-variable",
    inline("2012-10-17", allow("*"), {
      Effect: "Deny",
      Action: "*",
      Resource: "*${aws:PrincipalTag/quarantined}",
    }),
  ],
  [
    "deny-literal-2008",
    inline("2008-10-17", allow("*"), {
      Effect: "Deny",
      Action: "*",
      Resource: "arn:aws:*:*:*:*${aws:PrincipalTag/quarantined}",
    }),
  ],
  [
    "arn-like-star",
    inline("2012-10-17", allow("*", "*", { Condition: { StringLike: { "aws:PrincipalArn": "*" } } })),
  ],
  [
    "userid-not-nobody",
    inline("2012-10-17", allow("*", "*", { Condition: { StringNotEquals: { "aws:userid": "nobody" } } })),
  ],
  [
    "iam-team-tag",
    inline(
      "2012-10-17",
      allow("iam:*", "*", { Condition: { StringLike: { "aws:PrincipalTag/team": "*" } } }),
    ),
  ],
  [
    "policy-version",
    inline("2012-10-17", allow("iam:CreatePolicyVersion", `arn:aws:iam::${AUDIT}:policy/*`)),
  ],
  [
    "pass-role-ec2",
    inline(
      "2012-10-17",
      allow("iam:PassRole", `arn:aws:iam::${AUDIT}:role/*`),
      allow("ec2:RunInstances", `arn:aws:ec2:*:${AUDIT}:*`),
    ),
  ],
  [
    "create-role",
    inline(
      "2012-10-17",
      allow(["iam:CreateRole", "iam:PutRolePolicy", "sts:AssumeRole"], `arn:aws:iam::${AUDIT}:role/*`),
    ),
  ],
  [
    "pass-role-lambda",
    inline(
      "2012-10-17",
      allow("iam:PassRole", `arn:aws:iam::${AUDIT}:role/*`),
      allow(
        ["lambda:CreateFunction", "lambda:InvokeFunction"],
        `arn:aws:lambda:eu-west-1:${AUDIT}:function:*`,
      ),
    ),
  ],
  [
    "app-roles",
    inline("2012-10-17", allow(["iam:AttachRolePolicy", "sts:AssumeRole"], "arn:aws:iam::*:role/app-*")),
  ],
  ["deny-all-boundary", inline("2012-10-17", allow("*")), "arn:aws:iam::aws:policy/AWSDenyAll"],
];

describe("npm run audit against the hostile permission sets of issue #32", function () {
  this.timeout(60000);

  it("finds each with its verdict, names its statements, exits 3; AWSDenyAll's set stays none", async () => {
    const org = runbookOrganization();
    org.groups.push({ id: "g-contractors", displayName: "Contractors" });
    for (const [id, inlinePolicy, boundary] of SETS) {
      org.permissionSets.push({
        arn: SET(id),
        name: id,
        inlinePolicy,
        ...(boundary ? { boundary: { ManagedPolicyArn: boundary } } : {}),
      });
      org.assignments.push({
        accountId: AUDIT,
        permissionSetArn: SET(id),
        principalType: "GROUP",
        principalId: "g-contractors",
      });
    }
    const { code, report } = await auditOf(org);
    assert.strictEqual(code, 3);
    const verdicts = Object.fromEntries(report.permissionSets.map((p) => [p.name, p.verdict]));
    assert.deepStrictEqual(verdicts, {
      AdministratorAccess: "admin",
      "deny-variable": "admin",
      "deny-literal-2008": "admin",
      "arn-like-star": "admin",
      "userid-not-nobody": "admin",
      "iam-team-tag": "escalation",
      "policy-version": "escalation",
      "pass-role-ec2": "escalation",
      "create-role": "escalation",
      "pass-role-lambda": "escalation",
      "app-roles": "escalation",
    });
    const grants = report.findings.filter((f) => f.kind === "unmanaged-grant");
    assert.deepStrictEqual(
      grants.map((f) => [f.severity, f.accountId, f.permissionSet]),
      SETS.filter(([id]) => id !== "deny-all-boundary")
        .map(([id]) => ["high", AUDIT, id])
        .sort((a, b) => (a[2] < b[2] ? -1 : 1)),
    );
    for (const p of report.permissionSets)
      assert.match(
        p.reasons.join("; "),
        /\((AWS managed AdministratorAccess|inline policy) statement \d/,
        p.name,
      );
    assert.match(
      grants.find((f) => f.permissionSet === "deny-variable")?.detail ?? "",
      /limited by a Deny in inline policy statement 2 that applies only when aws:PrincipalTag\/quarantined match/,
    );
  });
});
