import * as assert from "assert";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { OWNED_LIST_FIX } from "../../analysis/attachments";
import { DriftReport } from "../../analysis/drift";
import {
  atExpression,
  membershipRemovalPolicy,
  membershipRemovalTarget,
  scheduleName,
  schedulerTrust,
  withSessionCuts,
} from "../../components/families/expiry";
import {
  dispatchEndpoint,
  eventsTrust,
  identityEventPattern,
  invokeDestinationPolicy,
  orgEventPattern,
} from "../../components/families/orgEvents";
import { serializePolicy } from "../../components/policy";
import { runDrift } from "../../scripts/drift";
import { FakeOrganization, FakeStack } from "../live/fakeAws";
import { PS_ARN, runbookOrganization, STORE } from "../live/runbook";
import { driftIn } from "./driftRun";

const NOW = new Date("2026-12-01T12:00:00Z");

/** The dev stack targeting the workloads OU (nested dev OU included) instead of listed accounts. */
const byOu = (text: string) =>
  text.replace(
    /admin-access:accounts:\n(\s+- "\d+"\n)+/,
    'admin-access:organizationalUnits:\n    - "ou-wkld-11111111"\n',
  );

async function driftOf(org: FakeOrganization, argv: string[] = [], stackEdit = (t: string) => t) {
  const result = await driftIn(org, { argv, edit: stackEdit, now: NOW });
  const json =
    argv.includes("json") && result.stdout ? (JSON.parse(result.stdout) as DriftReport) : undefined;
  return { ...result, report: json };
}

const kinds = (r: DriftReport | undefined) => r?.drift.map((i) => [i.kind, i.subject, i.fix]);

const ACCOUNT = "123456789012";
const EXPIRY_ROLE = `arn:aws:iam::${ACCOUNT}:role/admin-access-expiry-role-1a2b3c4`;
const EVENTS_ROLE = `arn:aws:iam::${ACCOUNT}:role/admin-access-org-events-role-7654321`;
const REPOSITORY = "my-org/platform";

/** One orgEvents path as the stack makes it: the rule, its target, destination, connection and queue. */
function delivery(child: string, region: string, pattern: unknown) {
  const arn = (type: string, name: string) => `arn:aws:events:${region}:${ACCOUNT}:${type}/${name}`;
  const names = {
    rule: `${child}-0a1b2c3`,
    destination: `${child}-destination-abcdef0`,
    connection: `${child}-connection-1111111`,
    queue: `${child}-dlq-2222222`,
  };
  return {
    rule: {
      Name: names.rule,
      Arn: arn("rule", names.rule),
      EventPattern: JSON.stringify(pattern),
      State: "ENABLED",
      targets: [
        {
          Id: "t",
          Arn: `${arn("api-destination", names.destination)}/uuid`,
          RoleArn: EVENTS_ROLE,
          DeadLetterConfig: { Arn: `arn:aws:sqs:${region}:${ACCOUNT}:${names.queue}` },
        },
      ],
    },
    destination: [
      names.destination,
      {
        ApiDestinationArn: `${arn("api-destination", names.destination)}/uuid`,
        InvocationEndpoint: dispatchEndpoint(REPOSITORY),
        HttpMethod: "POST",
        ConnectionArn: `${arn("connection", names.connection)}/uuid`,
      },
    ] as const,
    connection: names.connection,
    queue: names.queue,
  };
}

/**
 * The rest of the stack as `pulumi up` makes it for `expiring` (each with the runbook's membership) and, with
 * orgEvents, both rules and their role: what drift reads beyond Identity Center.
 */
function stackResources(expiring: Record<string, string>, withOrgEvents: boolean): FakeStack {
  const membership: Record<string, [string, string]> = {
    "bob@example.com": ["m-bob", "u-bob"],
    alice: ["m-alice", "u-alice"],
  };
  const stack: FakeStack = {
    schedules: {},
    roles: {},
    rules: [],
    destinations: {},
    connections: {},
    queues: {},
  };
  for (const [userName, instant] of Object.entries(expiring))
    stack.schedules![scheduleName("dev", "admin-access", userName)] = {
      ScheduleExpression: atExpression(instant),
      State: "ENABLED",
      Target: {
        Arn: membershipRemovalTarget("aws"),
        RoleArn: EXPIRY_ROLE,
        Input: JSON.stringify({ IdentityStoreId: STORE, MembershipId: membership[userName][0] }),
      },
    };
  const members = Object.keys(expiring).map((u) => ({
    membershipId: membership[u][0],
    userId: membership[u][1],
  }));
  stack.roles!["admin-access-expiry-role-1a2b3c4"] = {
    trust: schedulerTrust(ACCOUNT),
    inline: {
      "admin-access-expiry-role-policy-5d6e7f8": membershipRemovalPolicy(
        "aws",
        "999999999999",
        STORE,
        "g-admins",
        members,
      ),
    },
  };
  if (!withOrgEvents) return stack;
  const paths = [
    delivery("admin-access-org-events", "us-east-1", orgEventPattern()),
    delivery("admin-access-identity-events", "eu-west-1", identityEventPattern()),
  ];
  for (const d of paths) {
    stack.rules!.push(d.rule);
    stack.destinations![d.destination[0]] = { ...d.destination[1] };
    stack.connections![d.connection] = { ConnectionState: "AUTHORIZED" };
    stack.queues![d.queue] = 0;
  }
  stack.roles!["admin-access-org-events-role-7654321"] = {
    trust: eventsTrust(
      ACCOUNT,
      paths.map((d) => d.rule.Arn),
    ),
    inline: {
      "admin-access-org-events-role-policy-0f0f0f0": invokeDestinationPolicy(
        paths.map((d) => d.destination[1].ApiDestinationArn),
      ),
    },
  };
  return stack;
}

const withOrgEvents = (t: string) =>
  t +
  [
    "  admin-access:orgEvents:",
    `    repository: ${REPOSITORY}`,
    "    eventType: admin-access-org-changed",
    "    tokenSecretArn: arn:aws:secretsmanager:eu-west-1:999999999999:secret:admin-access/org-events-token-AbCdEf",
    "",
  ].join("\n");
const JSON_FLAGS = ["--format", "json"];

describe("npm run drift, end to end through the AWS SDK", function () {
  this.timeout(60000);

  it("the inline policy the stack writes to cut an expiring admin's sessions is the stack's, not drift", async () => {
    const org = runbookOrganization();
    const cut = { instant: "2026-12-20T00:00:00Z", userIds: ["u-bob"] };
    const set = org.permissionSets.find((p) => p.arn === PS_ARN);
    assert.ok(set);
    set.inlinePolicy = serializePolicy(withSessionCuts(undefined, [cut]));
    org.stack = stackResources({ "bob@example.com": cut.instant }, false);
    const expiring = (t: string) =>
      t.replace(
        "    - userName: bob@example.com\n      existing: true",
        `    - userName: bob@example.com\n      existing: true\n      expiresAt: "${cut.instant}"`,
      );
    const { code, report, stderr } = await driftOf(org, JSON_FLAGS, expiring);
    assert.strictEqual(code, 0, `${stderr}${JSON.stringify(report?.drift)}`);
    // The same cut naming another user is drift, and no longer called the stack's by hand.
    set.inlinePolicy = serializePolicy(withSessionCuts(undefined, [{ ...cut, userIds: ["u-alice"] }]));
    const other = await driftOf(org, JSON_FLAGS, expiring);
    assert.deepStrictEqual(kinds(other.report), [
      ["edited", "inline policy admin-access-inline-policy", "pulumi up --refresh"],
    ]);
  });

  it("the management account's set: a policy attached by hand is drift, its customer list undone by hand", async () => {
    const org = runbookOrganization();
    const mgmtSet = PS_ARN.replace(/ps-[\w]+$/, "ps-mgmt");
    org.permissionSets.push({
      arn: mgmtSet,
      name: "ManagementAdministratorAccess",
      managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/AWSDenyAll"],
      customerManagedPolicies: [{ Name: "Ops", Path: "/" }],
    });
    org.assignments.push({
      accountId: "999999999999",
      permissionSetArn: mgmtSet,
      principalType: "GROUP",
      principalId: "g-admins",
    });
    const withManagement = (t: string) =>
      t.replace(
        '    - "210987654321"\n',
        '    - "210987654321"\n    - "999999999999"\n  admin-access:includeManagementAccount: true\n',
      );
    const { report } = await driftOf(org, JSON_FLAGS, withManagement);
    const mine = report?.drift.filter((i) => i.subject === "permission set ManagementAdministratorAccess");
    assert.deepStrictEqual(
      mine?.map((i) => [i.kind, i.detail.split(";")[0], i.fix]),
      [
        [
          "attachment-drift",
          "AWS managed policy arn:aws:iam::aws:policy/AWSDenyAll is attached, not in config",
          "pulumi up --refresh",
        ],
        ["extra-attachment", "customer-managed policy /Ops is attached, not in config", "by hand"],
      ],
    );
  });

  describe("the management account's own set", () => {
    const MGMT = "999999999999";
    const MGMT_SET = PS_ARN.replace(/ps-[\w]+$/, "ps-mgmt");
    /** The runbook's organization as a stack with includeManagementAccount and a break-glass user made it. */
    const managed = () => {
      const org = runbookOrganization();
      org.users.push({ id: "u-bg", userName: "bg-admin" });
      org.permissionSets.push({
        arn: MGMT_SET,
        name: "ManagementAdministratorAccess",
        sessionDuration: "PT1H",
        managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      });
      org.assignments.push(
        { accountId: MGMT, permissionSetArn: MGMT_SET, principalType: "GROUP", principalId: "g-admins" },
        { accountId: MGMT, permissionSetArn: MGMT_SET, principalType: "USER", principalId: "u-bg" },
      );
      return { org, set: org.permissionSets[org.permissionSets.length - 1] };
    };
    const withManagement = (t: string) =>
      t.replace(
        '    - "210987654321"\n',
        `    - "210987654321"\n    - "${MGMT}"\n  admin-access:includeManagementAccount: true\n` +
          "  admin-access:breakGlass:\n    users: [bg-admin]\n",
      );

    it("a clean organization is clean: the group's grant there is of the management set (was missing-grant)", async () => {
      const { org } = managed();
      const { code, report, stderr } = await driftOf(org, JSON_FLAGS, withManagement);
      assert.strictEqual(code, 0, `${stderr}${JSON.stringify(report?.drift)}`);
    });

    it("an expiring admin's session cut is on the management set too, and is the stack's", async () => {
      const { org, set } = managed();
      const cut = { instant: "2026-12-20T00:00:00Z", userIds: ["u-bob"] };
      set.inlinePolicy = serializePolicy(withSessionCuts(undefined, [cut]));
      org.permissionSets.find((p) => p.arn === PS_ARN)!.inlinePolicy = set.inlinePolicy;
      org.stack = stackResources({ "bob@example.com": cut.instant }, false);
      const expiring = (t: string) =>
        withManagement(t).replace(
          "      existing: true",
          `      existing: true\n      expiresAt: "${cut.instant}"`,
        );
      const clean = await driftOf(org, JSON_FLAGS, expiring);
      assert.strictEqual(clean.code, 0, JSON.stringify(clean.report?.drift));
      delete set.inlinePolicy;
      const cutMissing = await driftOf(org, JSON_FLAGS, expiring);
      assert.deepStrictEqual(kinds(cutMissing.report), [
        ["missing-resource", "inline policy admin-access-management-inline-policy", "pulumi up --refresh"],
      ]);
    });

    it("a direct grant, a removed break-glass, a longer session, an inline Deny *, a boundary, the member set there: each is drift", async () => {
      const { org, set } = managed();
      org.users.push({ id: "u-mallory", userName: "mallory" });
      org.assignments.push(
        { accountId: MGMT, permissionSetArn: MGMT_SET, principalType: "USER", principalId: "u-mallory" },
        { accountId: MGMT, permissionSetArn: PS_ARN, principalType: "GROUP", principalId: "g-admins" },
      );
      org.assignments = org.assignments.filter((a) => a.principalId !== "u-bg");
      set.sessionDuration = "PT12H";
      set.inlinePolicy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
      });
      set.boundary = { ManagedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" };
      const { code, report } = await driftOf(org, JSON_FLAGS, withManagement);
      assert.strictEqual(code, 2);
      assert.deepStrictEqual(
        report?.drift.map((i) => [i.kind, i.subject, i.detail.split(";")[0]]),
        [
          [
            "missing-grant",
            MGMT,
            "break-glass user bg-admin has no direct assignment of ManagementAdministratorAccess (removed by hand?): the way back in is gone",
          ],
          [
            "stray-grant",
            MGMT,
            "Platform Admins holds AdministratorAccess on an account the stack does not target: the management account holds its own set (managementPermissionSet), not this one",
          ],
          ["other-holder", MGMT, "USER mallory holds ManagementAdministratorAccess, outside the stack"],
          [
            "edited",
            "permission set admin-access-management-permission-set",
            "sessionDuration is PT12H in AWS, PT1H in config",
          ],
          [
            "extra-attachment",
            "permission set ManagementAdministratorAccess",
            "an inline policy is attached, not in config",
          ],
          [
            "extra-attachment",
            "permission set ManagementAdministratorAccess",
            "permissions boundary arn:aws:iam::aws:policy/ReadOnlyAccess is set, not in config",
          ],
        ],
      );
    });
  });

  describe("the rest of the stack: expiry schedules and role, the orgEvents rules (#33)", () => {
    const expiring = (t: string) =>
      withOrgEvents(
        t.replace(
          "    - userName: bob@example.com\n      existing: true",
          '    - userName: bob@example.com\n      existing: true\n      expiresAt: "2026-12-20T00:00:00Z"',
        ),
      );
    const made = () => {
      const org = runbookOrganization();
      const set = org.permissionSets.find((p) => p.arn === PS_ARN)!;
      set.inlinePolicy = serializePolicy(
        withSessionCuts(undefined, [{ instant: "2026-12-20T00:00:00Z", userIds: ["u-bob"] }]),
      );
      org.stack = stackResources({ "bob@example.com": "2026-12-20T00:00:00Z" }, true);
      return { org, stack: org.stack };
    };

    it("as the stack made them: no drift, exit 0", async () => {
      const { code, report, stderr } = await driftOf(made().org, JSON_FLAGS, expiring);
      assert.strictEqual(code, 0, `${stderr}${JSON.stringify(report?.drift, null, 1)}`);
    });

    it("deleted: the schedule, a rule", async () => {
      const { org, stack } = made();
      stack.schedules = {};
      stack.rules = stack.rules!.filter((r) => !r.Name.startsWith("admin-access-identity-events"));
      const { code, report } = await driftOf(org, JSON_FLAGS, expiring);
      assert.strictEqual(code, 2);
      assert.deepStrictEqual(kinds(report), [
        ["missing-resource", "rule admin-access-identity-events", "pulumi up --refresh"],
        ["missing-resource", "schedule admin-access-expiry-bob@example.com", "pulumi up --refresh"],
      ]);
    });

    it("moved, widened, re-pointed, disabled, refused or piling up: each is drift, in the reviewer's words", async () => {
      const { org, stack } = made();
      const schedule = Object.values(stack.schedules!)[0];
      schedule.ScheduleExpression = "at(2027-06-30T00:00:00)";
      stack.roles!["admin-access-expiry-role-1a2b3c4"].inline.extra = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
      };
      stack.roles!["admin-access-expiry-role-1a2b3c4"].attached = [
        "arn:aws:iam::aws:policy/AdministratorAccess",
      ];
      const [orgRule, identityRule] = stack.rules!;
      orgRule.EventPattern = JSON.stringify({
        source: ["aws.organizations"],
        detail: { eventSource: ["organizations.amazonaws.com"], eventName: ["AcceptHandshake"] },
      });
      identityRule.State = "DISABLED";
      orgRule.targets.push({ Id: "spy", Arn: "arn:aws:sqs:us-east-1:210987654321:elsewhere" });
      const [destination] = Object.values(stack.destinations!);
      destination.InvocationEndpoint = dispatchEndpoint("mallory/fork");
      stack.connections!["admin-access-org-events-connection-1111111"].ConnectionState = "DEAUTHORIZED";
      stack.queues!["admin-access-org-events-dlq-2222222"] = 3;
      const { code, report } = await driftOf(org, JSON_FLAGS, expiring);
      assert.strictEqual(code, 2);
      const expected: [string, string, string][] = [
        [
          "edited",
          "destination admin-access-org-events-destination",
          "invocationEndpoint is https://api.github.com/repos/mallory/fork/dispat",
        ],
        [
          "edited",
          "destination admin-access-org-events-destination",
          "its connection is DEAUTHORIZED, not AUTHORIZED: no dispatch is posted ",
        ],
        ["edited", "rule admin-access-identity-events", "state is DISABLED in AWS, ENABLED in config"],
        [
          "edited",
          "rule admin-access-org-events",
          'eventPattern is {"detail":{"eventName":["AcceptHandshake"],"eventSource',
        ],
        [
          "edited",
          "schedule admin-access-expiry-bob@example.com",
          "scheduleExpression is at(2027-06-30T00:00:00) in AWS, at(2026-12-20T00:",
        ],
        [
          "extra-attachment",
          "role admin-access-expiry-role",
          "inline policy extra is on the role, not in config",
        ],
        [
          "extra-attachment",
          "role admin-access-expiry-role",
          "managed policy arn:aws:iam::aws:policy/AdministratorAccess is attached t",
        ],
        [
          "extra-attachment",
          "rule admin-access-org-events",
          "a second target arn:aws:sqs:us-east-1:210987654321:elsewhere on the rule",
        ],
        [
          "undelivered-events",
          "queue admin-access-org-events-dlq",
          "3 dispatch(es) could not be delivered to GitHub (a token GitHub refused",
        ],
      ];
      assert.deepStrictEqual(
        report?.drift.map((i) => [i.kind, i.subject]),
        expected.map(([kind, subject]) => [kind, subject]),
      );
      report?.drift.forEach((item, n) => assert.ok(item.detail.startsWith(expected[n][2]), item.detail));
    });
  });

  it("the runbook's organization as the stack made it: no drift, exit 0", async () => {
    const { code, stdout, stderr } = await driftOf(runbookOrganization());
    assert.strictEqual(code, 0, stderr);
    assert.match(stdout, /No drift: AWS holds what `pulumi up` would make of the stack now/);
  });

  it("a new account in a targeted OU has no grant: missing-grant, exit 2", async () => {
    const org = runbookOrganization();
    org.accounts.push({ Id: "444444444444", Name: "Workloads New", State: "ACTIVE" });
    org.ous?.find((o) => o.id === "ou-dev0-22222222")?.accounts.push("444444444444");
    const { code, report, stderr } = await driftOf(org, JSON_FLAGS, byOu);
    assert.strictEqual(code, 2, stderr);
    assert.deepStrictEqual(kinds(report), [["missing-grant", "444444444444", "pulumi up --refresh"]]);
    assert.deepStrictEqual(
      report?.targets.map((t) => [t.accountId, t.selectedBy]),
      [
        ["012345678901", ["organizationalUnits:ou-wkld-11111111"]],
        ["210987654321", ["organizationalUnits:ou-wkld-11111111"]],
        ["444444444444", ["organizationalUnits:ou-wkld-11111111"]],
      ],
    );
  });

  it("an account moved out of the targeted OU keeps its grant: stray-grant, exit 2", async () => {
    const org = runbookOrganization();
    const ous = org.ous ?? [];
    ous[1].accounts = [];
    ous[2].accounts.push("210987654321");
    const { code, report } = await driftOf(org, JSON_FLAGS, byOu);
    assert.strictEqual(code, 2);
    assert.deepStrictEqual(kinds(report), [["stray-grant", "210987654321", "pulumi up or by hand"]]);
    assert.match(
      report?.drift[0].detail ?? "",
      /no selector includes it \(moved out of an OU, renamed, left, or granted by hand\?\)$/,
    );
  });

  it("a suspended account in the targeted OU: its grant is stray, and says why", async () => {
    const org = runbookOrganization();
    org.accounts[2].State = "SUSPENDED";
    const { code, report } = await driftOf(org, JSON_FLAGS, byOu);
    assert.strictEqual(code, 2);
    assert.deepStrictEqual(kinds(report), [["stray-grant", "210987654321", "pulumi up or by hand"]]);
    assert.match(report?.drift[0].detail ?? "", /not ACTIVE \(SUSPENDED\)/);
  });

  it("a member added by hand and one removed by hand", async () => {
    const org = runbookOrganization();
    org.users.push({ id: "u-mallory", userName: "mallory", email: "m@example.com" });
    org.memberships.push({ id: "m-mallory", groupId: "g-admins", userId: "u-mallory" });
    org.memberships = org.memberships.filter((m) => m.userId !== "u-alice");
    const { code, report } = await driftOf(org, JSON_FLAGS);
    assert.strictEqual(code, 2);
    assert.deepStrictEqual(kinds(report), [
      ["unlisted-member", "mallory", "by hand"],
      ["missing-member", "alice", "pulumi up --refresh"],
    ]);
  });

  it("a set edited in the console: a field, an extra policy, and an account running the old version", async () => {
    const org = runbookOrganization();
    const set = org.permissionSets.find((p) => p.arn === PS_ARN);
    assert.ok(set);
    set.sessionDuration = "PT12H";
    set.managedPolicies?.push("arn:aws:iam::aws:policy/IAMFullAccess");
    set.outdatedAccounts = ["012345678901"];
    const { code, report } = await driftOf(org, JSON_FLAGS);
    assert.strictEqual(code, 2);
    assert.deepStrictEqual(kinds(report), [
      ["edited", "permission set admin-access-permission-set", "pulumi up --refresh"],
      ["attachment-drift", "permission set AdministratorAccess", "pulumi up --refresh"],
      ["outdated-provisioning", "012345678901", "by hand"],
    ]);
    assert.match(report?.drift[0].detail ?? "", /sessionDuration is PT12H in AWS, PT4H in config/);
    assert.strictEqual(
      report?.drift[1].detail,
      `AWS managed policy arn:aws:iam::aws:policy/IAMFullAccess is attached, not in config; ${OWNED_LIST_FIX}`,
    );
  });

  it("policies detached by hand: the same attachment-drift as the audit's, once, not also a missing resource", async () => {
    const org = runbookOrganization();
    const set = org.permissionSets.find((p) => p.arn === PS_ARN);
    assert.ok(set);
    set.managedPolicies = [];
    set.customerManagedPolicies = [{ Name: "Ops", Path: "/" }];
    const guarded = (text: string) =>
      text.replace(
        "  admin-access:group:",
        "    customerManagedPolicies: [{ name: Guardrail }]\n  admin-access:group:",
      );
    const { code, report } = await driftOf(org, JSON_FLAGS, guarded);
    assert.strictEqual(code, 2);
    assert.deepStrictEqual(
      report?.drift.map((i) => [i.kind, i.detail]),
      [
        [
          "attachment-drift",
          `AWS managed policy arn:aws:iam::aws:policy/AdministratorAccess is in config but not attached; ${OWNED_LIST_FIX}`,
        ],
        [
          "attachment-drift",
          `customer-managed policy /Guardrail is in config but not attached; ${OWNED_LIST_FIX}`,
        ],
        ["attachment-drift", `customer-managed policy /Ops is attached, not in config; ${OWNED_LIST_FIX}`],
      ],
    );
  });

  it("a targeted OU deleted: the targets no longer resolve, which is drift, not a config error", async () => {
    const org = runbookOrganization();
    org.ous = org.ous?.filter((o) => o.id === "ou-sec0-33333333");
    const { code, report } = await driftOf(org, JSON_FLAGS, byOu);
    assert.strictEqual(code, 2);
    assert.deepStrictEqual(kinds(report), [["unresolved-targets", "targets", "by hand"]]);
    assert.match(
      report?.drift[0].detail ?? "",
      /organizationalUnits\[0\]: "ou-wkld-11111111" was not found in the organization/,
    );
  });

  it("markdown and text escape what AWS returns, so a name cannot forge the summary", async () => {
    const org = runbookOrganization();
    org.users.push({ id: "u-x", userName: "x|**ok**\u001b[2J" });
    org.memberships.push({ id: "m-x", groupId: "g-admins", userId: "u-x" });
    const markdown = await driftOf(org, ["--format", "markdown"]);
    assert.strictEqual(markdown.code, 2);
    assert.ok(markdown.stdout.includes("| unlisted-member | x\\|\\*\\*ok\\*\\*"), markdown.stdout);
    assert.ok(!markdown.stdout.includes("\u001b"), markdown.stdout);
    const text = await driftOf(org);
    assert.ok(!text.stdout.includes("\u001b"), text.stdout);
  });

  it("exit codes: 1 for usage and config, 4 for AWS problems", async () => {
    assert.strictEqual((await driftOf(runbookOrganization(), ["--format", "csv"])).code, 1);
    const noInstance = runbookOrganization();
    delete noInstance.instance;
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-drift-"));
    assert.strictEqual((await runDrift(["--stack", "nope"], dir)).code, 1);
    const aws = await driftOf(noInstance);
    assert.strictEqual(aws.code, 4, aws.stderr);
    assert.match(aws.stderr, /no IAM Identity Center instance/);
  });
});
