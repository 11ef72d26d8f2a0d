// Issue #33: lockout by meaning. A set assigned to admins that, after its guardrails, grants no administrator
// access (an inline `Deny *`, a Deny with NotAction sts:GetCallerIdentity, a boundary of AWSDenyAll or
// ReadOnlyAccess) is refused by the plan and the component unless allowNoAdmins, which say what the set still
// grants; the review ranks it critical. Each verdict is checked against @cloud-copilot/iam-simulate (AWS's
// evaluation logic, an oracle of its own) on the documents the package has.
import * as assert from "assert";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { spawnSync } from "child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { AdminAccessComponentArgs } from "../../components/adminAccess";
import { validateConfig } from "../../components/config";
import { diffPlans } from "../../analysis/diff";
import { ADMINISTRATOR_ONLY, judgeAdminSets } from "../../components/iam/adminSets";
import { loadedIamCatalog } from "../../components/iam/iamCatalog";
import { meaning } from "../../components/iam/meaning";
import { managedPolicyLookup } from "../../components/iam/managedPolicies";
import { lastAdminsExpiring, lockoutProblems, unverifiedNotes } from "../../components/lockout";
import { planAdminAccess } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { PlanReport, runPlan } from "../../scripts/plan";
import { validArgs } from "../fixtures";

const ROOT = path.join(__dirname, "..", "..");
const ORG = {
  managementAccountId: "999999999999",
  accounts: ["111111111111", "012345678901", "999999999999"].map((id) => ({ id, name: id, state: "ACTIVE" })),
  organizationalUnits: {},
};
const MANAGED = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const policy = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const DENY_ALL = policy({ Effect: "Deny", Action: "*", Resource: "*" });
const DENY_BUT_WHOAMI = policy({ Effect: "Deny", NotAction: "sts:GetCallerIdentity", Resource: "*" });
const GUARDRAIL = policy({ Effect: "Deny", Action: ["cloudtrail:StopLogging"], Resource: "*" });

type Ps = Record<string, unknown>;
const args = (ps: Ps, rest: Record<string, unknown> = {}) =>
  validArgs({
    ...rest,
    permissionSet: { ...validArgs().permissionSet, ...ps },
  } as Partial<AdminAccessComponentArgs>);
const planOf = (a: object, now?: Date) => {
  const spec = validateConfig(a);
  return planAdminAccess("aa", spec, resolveTargets(spec.targets, ORG), now);
};

/** [what, permissionSet settings, what the refusal says the set still grants] */
const LOCKED: [string, Ps, RegExp][] = [
  [
    "an inline Deny *",
    { inlinePolicy: DENY_ALL },
    /still grants nothing that needs a permission: its inline policy denies every action/,
  ],
  [
    "a Deny with NotAction sts:GetCallerIdentity",
    { inlinePolicy: DENY_BUT_WHOAMI },
    /still grants only sts:GetCallerIdentity: its inline policy denies every other action/,
  ],
  [
    "a boundary of AWSDenyAll",
    { permissionsBoundary: { managedPolicyArn: MANAGED("AWSDenyAll") } },
    /still grants at most what its permissions boundary AWSDenyAll allows/,
  ],
  [
    "a boundary of ReadOnlyAccess",
    { permissionsBoundary: { managedPolicyArn: MANAGED("ReadOnlyAccess") } },
    /still grants at most what its permissions boundary ReadOnlyAccess allows/,
  ],
];
/** Guardrails that leave administrator access (or a path to it): accepted. */
const KEPT: [string, Ps][] = [
  ["a guardrail denying one action", { inlinePolicy: GUARDRAIL }],
  [
    "a boundary of PowerUserAccess",
    { permissionsBoundary: { managedPolicyArn: MANAGED("PowerUserAccess") } },
  ],
  ["AdministratorAccess alone", {}],
];

/** What AWS decides for the set's holder, by iam-simulate. */
async function decide(ps: Ps, action: string, resource: string): Promise<string> {
  const spec = validateConfig(args(ps)).permissionSet;
  const b = spec.permissionsBoundary;
  const docs = managedPolicyLookup([
    MANAGED("AdministratorAccess"),
    ...(b && "managedPolicyArn" in b ? [b.managedPolicyArn] : []),
  ]);
  const result = await runSimulation(
    {
      request: {
        principal:
          "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice",
        action,
        resource: { resource, accountId: "111111111111" },
        contextVariables: {},
      },
      identityPolicies: [
        { name: "AdministratorAccess", policy: docs(MANAGED("AdministratorAccess")) },
        ...(spec.inlinePolicy ? [{ name: "inline", policy: spec.inlinePolicy }] : []),
      ],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(b && "managedPolicyArn" in b
        ? { permissionBoundaryPolicies: [{ name: "boundary", policy: docs(b.managedPolicyArn) }] }
        : {}),
    },
    {},
  );
  assert.notStrictEqual(result.resultType, "error", JSON.stringify(result));
  return (result as { overallResult: string }).overallResult;
}

describe("lockout by meaning (#33)", () => {
  it("refuses each set that grants no administrator access, saying what it still grants", () => {
    for (const [what, ps, grants] of LOCKED) {
      const plan = planOf(args(ps));
      const problems = lockoutProblems(plan, judgeAdminSets(plan));
      assert.strictEqual(problems.length, 1, `${what}: ${problems.join("\n")}`);
      assert.match(
        problems[0],
        /^permissionSet: the set AdministratorAccess grants no administrator access /,
        what,
      );
      assert.match(problems[0], grants, what);
      assert.match(problems[0], /; set allowNoAdmins: true if you mean it$/, what);
      assert.deepStrictEqual(lockoutProblems(planOf(args(ps, { allowNoAdmins: true }))), [], what);
    }
    for (const [what, ps] of KEPT) {
      const plan = planOf(args(ps));
      assert.deepStrictEqual(lockoutProblems(plan, judgeAdminSets(plan)), [], what);
    }
  });

  it("agrees with iam-simulate: an administrator's action is denied under each refused set, allowed under each kept one", async () => {
    const ADMIN_ACTION: [string, string] = ["iam:CreateRole", "arn:aws:iam::111111111111:role/x"];
    for (const [what, ps] of LOCKED)
      assert.notStrictEqual(await decide(ps, ...ADMIN_ACTION), "Allowed", what);
    assert.strictEqual(await decide({ inlinePolicy: GUARDRAIL }, ...ADMIN_ACTION), "Allowed");
    assert.strictEqual(await decide({}, ...ADMIN_ACTION), "Allowed");
    // PowerUserAccess leaves every service but IAM, Organizations and Account: near-admin, not refused.
    const ec2: [string, string] = [
      "ec2:RunInstances",
      "arn:aws:ec2:us-east-1:111111111111:instance/i-0123456789abcdef0",
    ];
    assert.strictEqual(
      await decide({ permissionsBoundary: { managedPolicyArn: MANAGED("PowerUserAccess") } }, ...ec2),
      "Allowed",
    );
    // What the refusals say each set still grants. sts:GetCallerIdentity needs no permission, so AWS allows it
    // even under a Deny * (STS API reference, GetCallerIdentity; iam-simulate agrees): a set denying all but it
    // denies every action that needs one.
    const whoami: [string, string] = ["sts:GetCallerIdentity", "*"];
    const list: [string, string] = ["s3:ListAllMyBuckets", "*"];
    assert.strictEqual(await decide({ inlinePolicy: DENY_BUT_WHOAMI }, ...whoami), "Allowed");
    assert.notStrictEqual(await decide({ inlinePolicy: DENY_BUT_WHOAMI }, ...list), "Allowed");
    assert.notStrictEqual(await decide({ inlinePolicy: DENY_ALL }, ...list), "Allowed");
    const read: [string, string] = ["s3:GetObject", "arn:aws:s3:::bucket/key"];
    assert.strictEqual(
      await decide({ permissionsBoundary: { managedPolicyArn: MANAGED("ReadOnlyAccess") } }, ...read),
      "Allowed",
    );
    assert.notStrictEqual(
      await decide({ permissionsBoundary: { managedPolicyArn: MANAGED("AWSDenyAll") } }, ...read),
      "Allowed",
    );
  });

  it("states what it cannot read as unverified, and does not refuse it", () => {
    const plan = planOf(
      args({
        permissionsBoundary: { customerManagedPolicy: { name: "Boundary" } },
        customerManagedPolicies: [{ name: "Extra" }],
      }),
    );
    const judged = judgeAdminSets(plan);
    assert.deepStrictEqual(lockoutProblems(plan, judged), []);
    const [note] = unverifiedNotes(judged);
    assert.match(
      note,
      /^permissionSet: unverified whether the set AdministratorAccess still grants administrator access: /,
    );
    assert.match(
      note,
      /customer-managed policy \/Extra, which lives in each account and cannot be read here/,
    );
    assert.match(note, /permissions boundary customer-managed \/Boundary, which cannot be read here/);
    const looked = planOf(
      args({ existing: true, description: undefined, sessionDuration: undefined, tags: undefined }),
    );
    assert.match(
      unverifiedNotes(judgeAdminSets(looked))[0],
      /looked up by name: its policies are not known here/,
    );
  });

  it("a Deny of every action under a condition (MFA) is stated as unverified, never taken as harmless", () => {
    const mfa = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Action: "*",
          Resource: "*",
          Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
      ],
    };
    const plan = planOf(args({ inlinePolicy: mfa }));
    const judged = judgeAdminSets(plan);
    assert.deepStrictEqual(lockoutProblems(plan, judged), []);
    assert.match(
      unverifiedNotes(judged).join("\n"),
      /inline policy statement 1 denies every action when its condition holds: if the admins' sessions meet it/,
    );
  });

  it("AdministratorAccess alone is judged without the catalog exactly as the meaning engine judges it", () => {
    const arn = MANAGED("AdministratorAccess");
    const document = managedPolicyLookup([arn])(arn);
    const engine = meaning(loadedIamCatalog(), "aws", {
      policies: [{ name: "AWS managed AdministratorAccess", document }],
      unreadable: [],
    });
    const fast = judgeAdminSets(planOf(args({})))[0].meaning;
    assert.strictEqual(fast, ADMINISTRATOR_ONLY);
    assert.deepStrictEqual(
      [fast.verdict, fast.inManagementAccount, fast.reasons, fast.paths],
      [engine.verdict, engine.inManagementAccount, engine.reasons, engine.paths],
    );
  });

  it("judges the management account's set too, where it is assigned", () => {
    const plan = planOf({
      ...args({}),
      includeManagementAccount: true,
      accounts: ["111111111111", "999999999999"],
    });
    assert.deepStrictEqual(
      judgeAdminSets(plan).map((s) => [s.path, s.meaning?.inManagementAccount]),
      [
        ["permissionSet", "admin"],
        ["managementPermissionSet", "admin"],
      ],
    );
  });

  it("the review ranks the change critical, allowed or not, and the diff says it first", () => {
    const before = planOf(args({ inlinePolicy: GUARDRAIL }));
    const after = planOf(args({ inlinePolicy: DENY_ALL }, { allowNoAdmins: true }));
    const diff = diffPlans(before, after, "origin/main", {
      orgKnown: true,
      judged: { before: judgeAdminSets(before), after: judgeAdminSets(after) },
    });
    const line = diff.changes.find((c) => c.path === "permissionSet" && c.new === "no administrator access");
    assert.strictEqual(line?.severity, "critical");
    assert.match(line?.why ?? "", /still grants nothing.*\(allowed by allowNoAdmins: true\)$/);
    assert.match(
      diff.critical.join("\n"),
      /^critical: permissionSet: the set AdministratorAccess grants no administrator access/,
    );
  });

  it("warns when the last admins expire within the session duration of now", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    const expiring = (at: string) =>
      lastAdminsExpiring(
        planOf(
          {
            ...args({ sessionDuration: "PT2H" }),
            admins: [{ userName: "ann", existing: true, expiresAt: at }],
          },
          now,
        ),
        now,
      );
    assert.match(
      expiring("2026-12-06T13:30:00Z") ?? "",
      /^admins: every admin's access ends by 2026-12-06T13:30:00Z, within the session duration \(PT2H\) of now/,
    );
    assert.strictEqual(expiring("2026-12-06T14:30:00Z"), undefined);
    assert.strictEqual(lastAdminsExpiring(planOf(args({}), now), now), undefined);
  });

  describe("in the plan command and the component", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "admin-access-meaning-"));
      copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const stack = (extra: string) =>
      [
        "config:",
        "  aws:region: eu-west-1",
        "  admin-access:group: { displayName: Admins }",
        '  admin-access:accounts: ["111111111111"]',
        "  admin-access:admins: [{ userName: ann, existing: true }]",
        extra,
      ].join("\n");
    const DENY_YAML =
      '  admin-access:permissionSet:\n    inlinePolicy: { Version: "2012-10-17", Statement: [{ Effect: Deny, Action: "*", Resource: "*" }] }';

    it("the plan refuses it (exit 1) and, allowed, shows it in every format", () => {
      writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stack(DENY_YAML));
      const refusal = runPlan(["--stack", "dev"], dir);
      assert.strictEqual(refusal.code, 1);
      assert.match(
        refusal.stderr,
        /permissionSet: the set AdministratorAccess grants no administrator access .*still grants nothing that needs a permission/,
      );
      writeFileSync(
        path.join(dir, "Pulumi.dev.yaml"),
        stack(`${DENY_YAML}\n  admin-access:allowNoAdmins: true`),
      );
      writeFileSync(path.join(dir, "before.yaml"), stack(""));
      const report = JSON.parse(runPlan(["--stack", "dev", "--format", "json"], dir).stdout) as PlanReport;
      assert.deepStrictEqual(
        report.adminAccess.map((a) => [a.path, a.verdict, a.administrator]),
        [["permissionSet", "none", false]],
      );
      assert.match(
        report.warnings?.[0] ?? "",
        /grants no administrator access .*\(allowed by allowNoAdmins: true\)$/,
      );
      const text = runPlan(["--stack", "dev"], dir).stdout;
      assert.match(
        text,
        /^Access matrix \(A = assigned, but a set grants no administrator access after its guardrails: see the warnings\)$/m,
      );
      const markdown = runPlan(["--stack", "dev", "--format", "markdown"], dir).stdout;
      assert.match(
        markdown,
        /^> \*\*Warning:\*\* permissionSet: the set AdministratorAccess grants no administrator access/m,
      );
      const csv = runPlan(
        ["--stack", "dev", "--format", "csv", "--against", "before.yaml"],
        dir,
      ).stdout.split("\r\n");
      assert.ok(
        csv.some((row) => /^critical,permissionSet,administrator access,no administrator access,/.test(row)),
        csv.join("\n"),
      );
    });

    it("the component refuses it before registering anything", () => {
      const child = spawnSync(
        process.execPath,
        [
          "-r",
          "ts-node/register/transpile-only",
          path.join(__dirname, "refusedComponent.ts"),
          JSON.stringify({ permissionSet: { inlinePolicy: DENY_ALL } }),
        ],
        { cwd: ROOT, encoding: "utf8" },
      );
      const { problems, registered } = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}");
      assert.deepStrictEqual(registered, []);
      assert.match(
        problems.join("\n"),
        /^permissionSet: the set AdministratorAccess grants no administrator access .*still grants nothing that needs a permission/,
      );
    });
  });
});
