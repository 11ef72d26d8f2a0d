// Hostile permission sets through the audit's passes (analysis/audit), one per escalation row and per class of
// issue #32, judged by the real meaning engine on iam-data and the AWS managed policies' real documents: each
// row taken from a set held by a group outside the stack is a high finding (exit 3) where the row applies, names
// the statements that grant it, and the same set under an AWSDenyAll boundary is nothing at all.
import * as assert from "assert";
import { audit, auditExitCode, setPolicies } from "../../../analysis/audit";
import { AuditLive, AuditPermissionSet } from "../../../analysis/views";
import { validateConfig } from "../../../components/config";
import { ESCALATION_PATHS, EscalationPath } from "../../../components/iam/escalation";
import { IamCatalog, meaning } from "../../../components/iam/meaning";
import { AdminAccessPlan, planAdminAccess } from "../../../components/plan";
import { resolveTargets } from "../../../components/targets";
import { iamCatalog } from "../../../live/iamCatalog";
import { managedPolicyLookup } from "../../../live/managedPolicies";
import { auditedAdminSet, permissionSetArn, validArgs } from "../../fixtures";
import { MANAGEMENT_ACCOUNT, ORG_ACCOUNTS } from "../../mocks";

const MEMBER = "111111111111";
const ARN = permissionSetArn;
const DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";

const plan = (): AdminAccessPlan => {
  const spec = validateConfig(
    validArgs({
      accounts: [MEMBER, MANAGEMENT_ACCOUNT],
      includeManagementAccount: true,
      admins: [{ userName: "bob", existing: true }],
    }),
  );
  const org = {
    managementAccountId: MANAGEMENT_ACCOUNT,
    accounts: ORG_ACCOUNTS,
    organizationalUnits: {},
  };
  return planAdminAccess("aa", spec, resolveTargets(spec.targets, org));
};

/** A set of the stack's, as audited: AdministratorAccess. */
const stackSet = auditedAdminSet;

/**
 * One statement per step, its first action on the step's resource (any account): the least a policy needs to
 * take the path. OrganizationAccountAccessRole stays that role: on every role it would be sts-assume-role.
 */
const pathPolicy = (path: EscalationPath) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: path.steps.map((s) => ({
      Effect: "Allow",
      Action: s.anyOf[0],
      Resource: s.resource
        .replace("${Partition}", "aws")
        .replace("${Region}", "*")
        .replace("${Account}", "*"),
    })),
  });

describe("the audit of hostile permission sets, one per escalation path (#32)", function () {
  this.timeout(60000);
  let catalog: IamCatalog;
  before(async () => {
    catalog = await iamCatalog();
  });

  /** The organization with the stack's grants and the contractors' group holding `set` on both accounts. */
  const live = (
    inline: string,
    boundary?: string,
    identityCenterDelegatedAdmins?: AuditLive["identityCenterDelegatedAdmins"],
  ): AuditLive => {
    const policies = {
      managedPolicies: [],
      inlinePolicy: inline,
      customerManagedPolicies: [],
      boundary,
      unreadable: [],
    };
    const judged = meaning(
      catalog,
      "aws",
      setPolicies(policies, managedPolicyLookup(boundary ? [boundary] : [])),
    );
    const contractors = (accountId: string) => ({
      accountId,
      permissionSetArn: ARN("contractors"),
      principalType: "GROUP" as const,
      principalId: "g-2",
      principal: "Contractors",
      members: ["mallory"],
    });
    const ours = (accountId: string, set: string) => ({
      accountId,
      permissionSetArn: ARN(set),
      principalType: "GROUP" as const,
      principalId: "g-1",
      principal: "Platform Admins",
      members: ["bob"],
    });
    return {
      instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
      partition: "aws",
      managementAccountId: MANAGEMENT_ACCOUNT,
      permissionSets: [
        stackSet("AdministratorAccess"),
        stackSet("ManagementAdministratorAccess"),
        { ...stackSet("contractors"), meaning: judged },
      ],
      holders: [
        ours(MEMBER, "AdministratorAccess"),
        ours(MANAGEMENT_ACCOUNT, "ManagementAdministratorAccess"),
        contractors(MEMBER),
        contractors(MANAGEMENT_ACCOUNT),
      ],
      accountsRead: 2,
      group: { groupId: "g-1", displayName: "Platform Admins", members: ["bob"] },
      unreadable: [],
      ...(identityCenterDelegatedAdmins ? { identityCenterDelegatedAdmins } : {}),
    };
  };
  const NOW = new Date("2026-12-01T00:00:00Z");
  const contractorsFindings = (
    inline: string,
    boundary?: string,
    delegated?: AuditLive["identityCenterDelegatedAdmins"],
  ) => {
    const report = audit(plan(), live(inline, boundary, delegated), NOW);
    const found = report.findings.filter((f) => f.permissionSet === "contractors");
    return { report, found: found.map((f) => [f.severity, f.kind, f.accountId ?? ""]), details: found };
  };

  /** sts:AssumeRole on one named role takes over that role where it is held (sts-assume-role, scoped): low. */
  const NAMED_ROLE = [["low", "near-admin-permission-set", ""]];
  const assumesNamedRole = (path: EscalationPath) =>
    path.steps.some((s) => s.anyOf.includes("sts:AssumeRole") && !s.resource.endsWith("role/*"));

  for (const path of ESCALATION_PATHS) {
    const expected =
      path.where === "any"
        ? [
            ["high", "unmanaged-grant", MEMBER],
            ["high", "unmanaged-grant", MANAGEMENT_ACCOUNT],
          ]
        : path.where === "management"
          ? [["high", "unmanaged-grant", MANAGEMENT_ACCOUNT], ...(assumesNamedRole(path) ? NAMED_ROLE : [])]
          : [["low", "near-admin-permission-set", ""]];
    it(`${path.id} (${path.where}): ${expected.map((e) => e.slice(0, 2).join(" ")).join(", ")}; under AWSDenyAll nothing`, () => {
      const { report, found, details } = contractorsFindings(pathPolicy(path));
      assert.deepStrictEqual(found, expected);
      assert.strictEqual(auditExitCode(report), path.where === "existing" ? 0 : 3);
      const set = report.permissionSets.find((p) => p.name === "contractors");
      assert.ok(set?.paths.some((p) => p.id === path.id && p.source === path.source));
      // The verdict names the statements that made it: here one per step.
      const statements = path.steps.map((_, k) => `inline policy statement ${k + 1}`).join(", ");
      assert.ok(
        set?.reasons.some((r) => r.startsWith(`can ${path.title}`) && r.endsWith(`(${statements})`)),
        set?.reasons.join("; "),
      );
      if (path.where !== "existing") assert.match(details[0].detail, /by escalation: can /);
      // What the path rests on and the audit cannot read is said in its reason.
      if (path.dependsOn) assert.ok(set?.reasons.join("; ").includes(path.dependsOn), path.id);

      const held = contractorsFindings(pathPolicy(path), DENY_ALL);
      assert.deepStrictEqual(held.found, []);
      assert.strictEqual(auditExitCode(held.report), 0);
      assert.ok(!held.report.permissionSets.some((p) => p.name === "contractors"));
    });
  }

  it("sts:AssumeRole on * is high everywhere and says it rests on trust policies; on OrganizationAccountAccessRole only from the management account", () => {
    const assume = (Resource: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource }],
      });
    const any = contractorsFindings(assume("*"));
    assert.deepStrictEqual(any.found, [
      ["high", "unmanaged-grant", MEMBER],
      ["high", "unmanaged-grant", MANAGEMENT_ACCOUNT],
    ]);
    assert.match(any.details[0].detail, /assume any role in its accounts.*cannot be read here/);
    // On one named role: that role taken over where it is held (low: an administrator only if it is one and
    // trusts the holder), and from the management account the member accounts' access role (high).
    const orgRole = contractorsFindings(assume("arn:aws:iam::*:role/OrganizationAccountAccessRole"));
    assert.deepStrictEqual(orgRole.found, [["high", "unmanaged-grant", MANAGEMENT_ACCOUNT], ...NAMED_ROLE]);
    assert.match(
      orgRole.details[0].detail,
      /OrganizationAccountAccessRole, administrator of every member account/,
    );
  });

  it("a scheduler or Step Functions set with the PassRole scoped to another service's roles still escalates: the role is what is passed, not where", () => {
    // iam:PassRole on the account's roles and scheduler:* on its schedules, as real policies are written.
    const scoped = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::*:role/*" },
        { Effect: "Allow", Action: "scheduler:*", Resource: "arn:aws:scheduler:*:*:schedule/*" },
      ],
    });
    const { report, found } = contractorsFindings(scoped);
    assert.strictEqual(found.length, 2);
    assert.strictEqual(auditExitCode(report), 3);
  });
  const allow = (Action: string | string[], Resource: string = "*") =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });
  const BOTH = [
    ["high", "unmanaged-grant", MEMBER],
    ["high", "unmanaged-grant", MANAGEMENT_ACCOUNT],
  ];

  it("same-account trust (red team 2): iam:UpdateAssumeRolePolicy alone takes over existing roles, high and saying what it rests on; CreateRole with Attach/PutRolePolicy escalates anywhere", () => {
    const trust = contractorsFindings(allow("iam:UpdateAssumeRolePolicy"));
    assert.deepStrictEqual(trust.found, BOTH);
    assert.strictEqual(auditExitCode(trust.report), 3);
    assert.match(trust.details[0].detail, /needs no sts:AssumeRole permission in the same account/);
    assert.match(trust.details[0].detail, /rests on which roles exist in each account/);
    for (const put of ["iam:AttachRolePolicy", "iam:PutRolePolicy"]) {
      const created = contractorsFindings(allow(["iam:CreateRole", put]));
      assert.deepStrictEqual(created.found, BOTH, put);
      const set = created.report.permissionSets.find((p) => p.name === "contractors");
      assert.deepStrictEqual(
        set?.paths.map((p) => p.id),
        ["iam-create-role"],
      );
    }
    // Either alone: no path (CreateRole makes a role with no policy; PutRolePolicy needs a role it can assume).
    assert.deepStrictEqual(contractorsFindings(allow("iam:CreateRole")).found, []);
  });

  it("taking over IAM users' credentials is ranked like sts:AssumeRole on every role (red team 10): high, resting on which users exist", () => {
    for (const action of ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"]) {
      const { report, found, details } = contractorsFindings(allow(action));
      assert.deepStrictEqual(found, BOTH, action);
      assert.strictEqual(auditExitCode(report), 3);
      assert.match(details[0].detail, /rests on which IAM users exist in each account/);
    }
  });

  it("row corrections (red team 8, 9): a permission set changed but not provisioned, a pipeline never activated, a default policy version switched are not high", () => {
    // sso:PutInlinePolicyToPermissionSet alone changes nothing in the accounts until the set is provisioned.
    assert.deepStrictEqual(contractorsFindings(allow("sso:PutInlinePolicyToPermissionSet")).found, []);
    assert.deepStrictEqual(
      contractorsFindings(allow(["sso:PutInlinePolicyToPermissionSet", "sso:ProvisionPermissionSet"])).found,
      [["high", "unmanaged-grant", MANAGEMENT_ACCOUNT]],
    );
    const pipeline = ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"];
    assert.deepStrictEqual(contractorsFindings(allow(pipeline)).found, []);
    assert.deepStrictEqual(
      contractorsFindings(allow([...pipeline, "datapipeline:ActivatePipeline"])).found,
      BOTH,
    );
    assert.deepStrictEqual(contractorsFindings(allow("iam:SetDefaultPolicyVersion")).found, [
      ["low", "near-admin-permission-set", ""],
    ]);
  });

  it("the missing rows (red team 5): SSM Automation, Lambda configuration, EMR high; CodeDeploy low; AWSControlTowerExecution from the management account", () => {
    const cases: [string[], string, string[][]][] = [
      [["iam:PassRole", "ssm:CreateDocument", "ssm:StartAutomationExecution"], "*", BOTH],
      [["iam:PassRole", "lambda:UpdateFunctionConfiguration", "lambda:UpdateFunctionCode"], "*", BOTH],
      [["iam:PassRole", "elasticmapreduce:RunJobFlow"], "*", BOTH],
      [
        [
          "codedeploy:CreateDeployment",
          "codedeploy:RegisterApplicationRevision",
          "codedeploy:GetDeploymentConfig",
        ],
        "*",
        [["low", "near-admin-permission-set", ""]],
      ],
      [
        ["sts:AssumeRole"],
        "arn:aws:iam::*:role/AWSControlTowerExecution",
        [["high", "unmanaged-grant", MANAGEMENT_ACCOUNT], ...NAMED_ROLE],
      ],
    ];
    for (const [actions, resource, expected] of cases) {
      assert.deepStrictEqual(contractorsFindings(allow(actions, resource)).found, expected, actions.join());
    }
    // UpdateFunctionConfiguration without the code, or without PassRole, is no path of its own.
    assert.deepStrictEqual(
      contractorsFindings(allow(["iam:PassRole", "lambda:UpdateFunctionConfiguration"])).found,
      [],
    );
  });

  it("Identity Center's delegated administrator (red team 3): sso and identitystore writes held there are high; unread, unverifiable wherever held and said in 'not checked'", () => {
    const icAdmin = allow(["sso:*", "identitystore:*"]);
    // Not the delegated administrator: the member account is no way in (as before).
    assert.deepStrictEqual(contractorsFindings(icAdmin, undefined, { accountIds: [] }).found, [
      ["high", "unmanaged-grant", MANAGEMENT_ACCOUNT],
    ]);
    const delegated = contractorsFindings(icAdmin, undefined, { accountIds: [MEMBER] });
    assert.deepStrictEqual(delegated.found, BOTH);
    assert.strictEqual(auditExitCode(delegated.report), 3);
    assert.match(
      delegated.details.find((d) => d.accountId === MEMBER)?.detail ?? "",
      /by escalation: can in the management account or Identity Center's delegated administrator/,
    );
    // The management-only rows stay there: OrganizationAccountAccessRole trusts the management account alone.
    const orgRole = allow("sts:AssumeRole", "arn:aws:iam::*:role/OrganizationAccountAccessRole");
    assert.deepStrictEqual(contractorsFindings(orgRole, undefined, { accountIds: [MEMBER] }).found, [
      ["high", "unmanaged-grant", MANAGEMENT_ACCOUNT],
      ...NAMED_ROLE,
    ]);
    // Organizations would not say: never taken as "not the delegated administrator".
    const unread = contractorsFindings(icAdmin, undefined, { unreadable: "AccessDeniedException" });
    assert.deepStrictEqual(unread.found, BOTH);
    assert.match(
      unread.details.find((d) => d.accountId === MEMBER)?.detail ?? "",
      /unverifiable: .*could not be read/,
    );
    assert.ok(
      unread.report.checked.notChecked.some((l) =>
        l.startsWith(
          "IAM Identity Center's delegated administrator account, which could not be read (AccessDeniedException)",
        ),
      ),
    );
    assert.ok(!delegated.report.checked.notChecked.some((l) => /delegated administrator/.test(l)));
    // A statement that names the delegated administrator alone: judged there, not in the management account.
    const namingOne = (account: string) => {
      const inline = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["sso:*", "identitystore:*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalAccount": account } },
          },
        ],
      });
      const scoped = live(inline, undefined, { accountIds: [MEMBER] });
      const set = scoped.permissionSets.find((p) => p.name === "contractors") as AuditPermissionSet;
      set.meaning = meaning(
        catalog,
        { partition: "aws", accounts: [MEMBER, MANAGEMENT_ACCOUNT], managementAccountId: MANAGEMENT_ACCOUNT },
        setPolicies(
          { managedPolicies: [], inlinePolicy: inline, customerManagedPolicies: [], unreadable: [] },
          managedPolicyLookup([]),
        ),
      );
      const findings = audit(plan(), scoped, NOW).findings.filter((f) => f.permissionSet === "contractors");
      return findings.map((f) => [f.severity, f.accountId]);
    };
    assert.deepStrictEqual(namingOne(MEMBER), [["high", MEMBER]]);
    // Naming the management account only: the delegated administrator's sessions take no path.
    assert.deepStrictEqual(namingOne(MANAGEMENT_ACCOUNT), [["high", MANAGEMENT_ACCOUNT]]);
    // Under AWSDenyAll, nothing anywhere, read or not.
    assert.deepStrictEqual(
      contractorsFindings(icAdmin, DENY_ALL, { unreadable: "AccessDeniedException" }).found,
      [],
    );
  });
});
