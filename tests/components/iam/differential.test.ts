// The meaning engine's per-request decision (components/iam/evaluate.ts, which the audit's verdicts are built
// on) held against an independent IAM evaluator, @cloud-copilot/iam-simulate (AGPL-3.0: imported here, by a
// test, and nowhere in shipped code). fast-check generates permission sets (Action/NotAction with wildcards,
// Resource/NotResource scoped to accounts, regions, names and paths, policy variables, both Versions,
// conditions on the principal, boundaries, AWS managed documents) and concrete requests from Identity Center
// sessions; wherever the engine claims certainty ("allowed" or "denied"), the simulator must agree, both on
// the concrete request and where the engine judges for any session of the account, as the audit does. A
// disagreement fails with the smallest (shrunk) case. Where the simulator departs from AWS's documentation
// the documentation wins, and each such case is a named exception below.
import * as assert from "assert";
import { runSimulation, Simulation } from "@cloud-copilot/iam-simulate";
import * as fc from "fast-check";
import { RequestContext } from "../../../components/iam/evaluate";
import { decide, PolicySource, sessionContext } from "../../../components/iam/meaning";
import { managedPolicyLookup } from "../../../live/managedPolicies";

const SEED = 32;
const SETS = 2000;
const ACCOUNTS = ["111122223333", "444455556666"];
const REGIONS = ["us-east-1", "eu-west-1"];
const NAMES = ["app-web", "admin", "ops/deploy", "x"];
const MANAGED = [
  "AdministratorAccess",
  "PowerUserAccess",
  "ReadOnlyAccess",
  "IAMFullAccess",
  "AWSDenyAll",
  "job-function/SystemAdministrator",
  "AWSLambda_FullAccess",
  "AmazonS3FullAccess",
].map((n) => `arn:aws:iam::aws:policy/${n}`);
const managed = managedPolicyLookup(MANAGED);

/**
 * Named exceptions: where the simulator departs from AWS's documentation, the document is rewritten for the
 * simulator into the form that means, to the simulator, what AWS documents; the engine gets the original.
 */
const EXCEPTIONS = {
  /**
   * IAM User Guide, "IAM JSON policy elements: Version": without Version 2012-10-17 "variables such as
   * ${aws:username} aren't recognized as variables and are instead treated as literal strings". The
   * simulator resolves them whatever the Version; written as `${$}{…}` they are literal to it too.
   */
  "version-2008-variables-are-literal": (doc: PolicyDoc): PolicyDoc =>
    doc.Version === "2012-10-17"
      ? doc
      : (JSON.parse(JSON.stringify(doc).replace(/\$\{/g, "${$}{")) as PolicyDoc),
};

interface PolicyDoc {
  Version?: string;
  Statement: Record<string, unknown>[];
}

// Patterns, built so that every kind the issue names appears: wildcards, accounts, regions, names, paths,
// variables (resolvable, unresolvable, literal under 2008-10-17).
const account = fc.constantFrom(...ACCOUNTS, "*", "1111*");
const region = fc.constantFrom(...REGIONS, "*", "eu-*");
const variable = fc.constantFrom(
  "${aws:username}",
  "${aws:PrincipalTag/team}",
  "${aws:PrincipalAccount}",
  "${aws:userid}",
  "${aws:PrincipalTag/team, 'platform'}",
);
const name = fc.oneof(
  fc.constantFrom("*", "app-*", "admin", "ops/*", "?dmin", "x"),
  variable,
  variable.map((v) => `app-${v}`),
);
const resourcePattern = fc.oneof(
  fc.constant("*"),
  fc.constant("*"),
  fc.tuple(account, name).map(([a, n]) => `arn:aws:*:*:${a}:*/${n}`),
  fc.constant("arn:aws:iam::*:*"),
  fc.tuple(account, name).map(([a, n]) => `arn:aws:iam::${a}:role/${n}`),
  fc.tuple(account, name).map(([a, n]) => `arn:aws:iam::${a}:policy/${n}`),
  fc.tuple(account, name).map(([a, n]) => `arn:aws:iam::${a}:user/${n}`),
  fc.tuple(region, account, name).map(([r, a, n]) => `arn:aws:lambda:${r}:${a}:function:${n}`),
  fc.tuple(region, account).map(([r, a]) => `arn:aws:ec2:${r}:${a}:instance/*`),
  fc.tuple(region, account).map(([r, a]) => `arn:aws:ec2:${r}:${a}:*`),
  name.map((n) => `arn:aws:s3:::bucket-${n}/*`),
  fc.constant("arn:aws:s3:::*"),
  variable.map((v) => `*${v}`),
);
const actionPattern = fc.constantFrom(
  "*",
  "iam:*",
  "iam:Create*",
  "iam:PassRole",
  "iam:?assRole",
  "iam:*Policy*",
  "sts:AssumeRole",
  "s3:*",
  "s3:Get*",
  "s3:List*",
  "ec2:RunInstances",
  "ec2:Describe*",
  "lambda:*",
  "lambda:CreateFunction",
);
const condition = fc.constantFrom<Record<string, Record<string, unknown>> | undefined>(
  undefined,
  { StringLike: { "aws:PrincipalArn": "*" } },
  { StringNotEquals: { "aws:userid": "nobody" } },
  { StringEquals: { "aws:PrincipalTag/team": "platform" } },
  { StringLike: { "aws:PrincipalTag/team": "*" } },
  { StringEqualsIfExists: { "aws:PrincipalTag/team": "ops" } },
  { StringNotEquals: { "aws:PrincipalTag/team": "ops" } },
  { StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "PLATFORM" } },
  { Null: { "aws:PrincipalTag/team": "true" } },
  { Null: { "aws:PrincipalTag/team": "false" } },
  { StringLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/aws-reserved/*" } },
  { StringEquals: { "aws:username": "alice" } },
  { StringNotLike: { "aws:username": "a*" } },
  { Bool: { "aws:MultiFactorAuthPresent": "true" } },
  { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  { "ForAnyValue:StringEquals": { "aws:PrincipalTag/team": ["ops", "platform"] } },
  { "ForAllValues:StringLike": { "aws:PrincipalTag/team": ["p*"] } },
  { StringEquals: { "aws:PrincipalAccount": "111122223333", "aws:PrincipalTag/team": "ops" } },
  { ArnLike: { "aws:SourceArn": "arn:aws:iam::*:role/app-*" } },
  { ArnEquals: { "aws:SourceArn": "arn:aws:iam::111122223333:role/ops" } },
  { ArnNotLike: { "aws:SourceArn": "arn:aws:*:*:111122223333:*" } },
  { ArnLikeIfExists: { "aws:SourceArn": "arn:aws:s3:::*" } },
);
const list = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));
const statement = fc
  .record({
    effect: fc.constantFrom("Allow", "Allow", "Allow", "Deny"),
    notAction: fc.constantFrom(false, false, false, true),
    actions: list(actionPattern),
    notResource: fc.constantFrom(false, false, false, true),
    resources: list(resourcePattern),
    condition,
  })
  .map((s) => ({
    Effect: s.effect,
    [s.notAction ? "NotAction" : "Action"]: s.actions,
    [s.notResource ? "NotResource" : "Resource"]: s.resources,
    ...(s.condition ? { Condition: s.condition } : {}),
  }));
const version = fc.constantFrom<string | undefined>("2012-10-17", "2012-10-17", "2008-10-17", undefined);
const document = fc
  .tuple(version, fc.array(statement, { minLength: 1, maxLength: 4 }))
  .map(([Version, Statement]): PolicyDoc => ({ ...(Version ? { Version } : {}), Statement }));
const managedDoc = fc.constantFrom(...MANAGED).map((arn) => ({
  name: `AWS managed ${arn.split("/").pop()}`,
  document: managed(arn) as PolicyDoc,
}));
const permissionSet = fc.record({
  inline: fc.option(document, { nil: undefined }),
  managed: fc.array(managedDoc, { maxLength: 1 }),
  boundary: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 4 },
    { arbitrary: managedDoc, weight: 1 },
    { arbitrary: document.map((d) => ({ name: "boundary", document: d })), weight: 1 },
  ),
});

// Requests: an action, a resource of a type it acts on (or "*" when it takes none), an Identity Center session.
const requestFor = fc
  .record({
    account: fc.constantFrom(...ACCOUNTS),
    resourceAccount: fc.constantFrom(...ACCOUNTS),
    region: fc.constantFrom(...REGIONS),
    name: fc.constantFrom(...NAMES),
    kind: fc.integer({ min: 0, max: 10 }),
    team: fc.constantFrom(undefined, "platform", "ops", "PLATFORM"),
    mfa: fc.constantFrom(undefined, "true", "false"),
    sourceArn: fc.constantFrom(
      undefined,
      "arn:aws:iam::111122223333:role/app-web",
      "arn:aws:iam::111122223333:role/ops",
      "arn:aws:s3:::bucket",
      "arn:aws:lambda:eu-west-1:444455556666:function:f",
    ),
  })
  .map((r) => {
    const [action, resource] = (
      [
        ["iam:CreateRole", `arn:aws:iam::${r.resourceAccount}:role/${r.name}`],
        ["iam:PassRole", `arn:aws:iam::${r.resourceAccount}:role/${r.name}`],
        ["iam:PutRolePolicy", `arn:aws:iam::${r.resourceAccount}:role/${r.name}`],
        ["iam:CreatePolicyVersion", `arn:aws:iam::${r.resourceAccount}:policy/${r.name}`],
        ["iam:CreateAccessKey", `arn:aws:iam::${r.resourceAccount}:user/${r.name}`],
        ["sts:AssumeRole", `arn:aws:iam::${r.resourceAccount}:role/${r.name}`],
        ["s3:GetObject", `arn:aws:s3:::bucket-${r.name.replace("/", "-")}/key`],
        ["s3:ListAllMyBuckets", "*"],
        ["ec2:RunInstances", `arn:aws:ec2:${r.region}:${r.resourceAccount}:instance/i-0123456789abcdef0`],
        ["ec2:DescribeInstances", "*"],
        [
          "lambda:CreateFunction",
          `arn:aws:lambda:${r.region}:${r.resourceAccount}:function:${r.name.replace("/", "-")}`,
        ],
      ] as const
    )[r.kind];
    const role = `arn:aws:iam::${r.account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`;
    const context: Record<string, string> = {
      "aws:PrincipalArn": role,
      "aws:userid": "AROAEXAMPLEID0000000:alice",
      "aws:PrincipalAccount": r.account,
      "aws:PrincipalType": "AssumedRole",
      ...(r.team ? { "aws:PrincipalTag/team": r.team } : {}),
      ...(r.mfa ? { "aws:MultiFactorAuthPresent": r.mfa } : {}),
      // ARN operators (ArnLike and the rest) judged on a key the request may carry.
      ...(r.sourceArn ? { "aws:SourceArn": r.sourceArn } : {}),
    };
    return { action, resource, account: r.account, context };
  });

type SetCase = { inline?: PolicyDoc; managed: PolicySource[]; boundary?: PolicySource };
type RequestCase = { action: string; resource: string; account: string; context: Record<string, string> };

const identity = (set: SetCase): PolicySource[] => [
  ...(set.inline ? [{ name: "inline policy", document: set.inline }] : []),
  ...set.managed,
];

/** The engine on the concrete request, and as the audit asks it: for any Identity Center session of the account. */
function engine(set: SetCase, req: RequestCase) {
  const known = Object.fromEntries(Object.entries(req.context).map(([k, v]) => [k.toLowerCase(), v]));
  const ask = (context: RequestContext) =>
    decide({ action: req.action, resource: req.resource, context }, identity(set), set.boundary);
  return { concrete: ask({ known }), session: ask(sessionContext("aws", req.account)) };
}

async function simulator(set: SetCase, req: RequestCase): Promise<"allowed" | "denied"> {
  const exception = EXCEPTIONS["version-2008-variables-are-literal"];
  const simulation: Simulation = {
    request: {
      principal: `arn:aws:sts::${req.account}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice`,
      action: req.action,
      resource: { resource: req.resource, accountId: req.account },
      contextVariables: req.context,
    },
    identityPolicies: identity(set).map((p) => ({
      name: p.name,
      policy: exception(p.document as PolicyDoc),
    })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(set.boundary
      ? {
          permissionBoundaryPolicies: [
            { name: set.boundary.name, policy: exception(set.boundary.document as PolicyDoc) },
          ],
        }
      : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error")
    throw new Error(`the simulator refused the case: ${JSON.stringify(result.errors)}`);
  return result.overallResult === "Allowed" ? "allowed" : "denied";
}

describe("the meaning engine's decisions against @cloud-copilot/iam-simulate", function () {
  this.timeout(120000);

  it(`agrees on every request where it claims certainty (${SETS} generated permission sets, seed ${SEED})`, async () => {
    const tally = { allowed: 0, denied: 0, unknown: 0 };
    await fc.assert(
      fc.asyncProperty(
        permissionSet,
        fc.array(requestFor, { minLength: 4, maxLength: 8 }),
        async (set, requests) => {
          for (const req of requests) {
            const { concrete, session } = engine(set, req);
            tally[concrete]++;
            if (concrete === "unknown" && session === "unknown") continue;
            const simulated = await simulator(set, req);
            const what = `${req.action} on ${req.resource} as ${JSON.stringify(req.context)}`;
            if (concrete !== "unknown") assert.strictEqual(concrete, simulated, what);
            // What the audit claims of every session must hold of this one, which is one of them.
            if (session !== "unknown") assert.strictEqual(session, simulated, `any session: ${what}`);
          }
        },
      ),
      { seed: SEED, numRuns: SETS },
    );
    // The comparison means something only if the engine decides most requests, both ways.
    const decided = tally.allowed + tally.denied;
    assert.ok(tally.allowed > 0 && tally.denied > 0, JSON.stringify(tally));
    assert.ok(decided >= 0.7 * (decided + tally.unknown), JSON.stringify(tally));
  });
});
