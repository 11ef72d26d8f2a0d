import * as assert from "assert";
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { AdminAccessComponent } from "../../components/adminAccess";
import { configProblems, validateConfig } from "../../components/config";
import {
  ACCOUNT_EVENT_NAMES,
  IDENTITY_EVENT_NAMES,
  ORG_EVENT_NAMES,
  ORG_EVENT_TYPES,
  orgEventsRegion,
  secretProblems,
} from "../../components/families/orgEvents";
import { planAdminAccess } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { validArgs } from "../fixtures";
import { mocks, Registration, settled, valueOf } from "../mocks";

const ROOT = path.join(__dirname, "..", "..");
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:github-dispatch-AbCdEf";
const ORG_EVENTS = { repository: "my-org/platform", eventType: "org-changed", tokenSecretArn: SECRET };
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

async function build(orgEvents?: typeof ORG_EVENTS) {
  const component = new AdminAccessComponent("aa", validArgs({ orgEvents }));
  await valueOf(component.accountIds);
  await settled();
  return component;
}
const named = (name: string): Registration => {
  const found = mocks.registrations.find((r) => r.name === name);
  assert.ok(found, `${name} was not registered`);
  return found;
};
const urnOf = (name: string) => named(name).urn;

/** Where a value appears outside a secret: the paths, so that a leak says where it is. */
function plainPaths(value: unknown, needle: string, at = ""): string[] {
  if (typeof value === "string") return value.includes(needle) ? [at] : [];
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  if (Object.values(record).includes(SECRET_SIG)) return [];
  return Object.entries(record).flatMap(([k, v]) => plainPaths(v, needle, `${at}.${k}`));
}

describe("orgEvents: a repository_dispatch on Organizations events", () => {
  it("the plan lists exactly what the component registers, the event resources included", async () => {
    await build(ORG_EVENTS);
    const spec = validateConfig(validArgs({ orgEvents: ORG_EVENTS }));
    const plan = planAdminAccess("aa", spec, resolveTargets(spec.targets, { organizationalUnits: {} }));
    const registered = mocks.registrations.filter((r) => r.custom).map((r) => `${r.type} ${r.name}`);
    assert.deepStrictEqual(plan.resources.map((r) => `${r.type} ${r.name}`).sort(), registered.sort());
    assert.ok(plan.resources.some((r) => r.type === ORG_EVENT_TYPES.rule));
  });

  it("validates repository, eventType and tokenSecretArn, every problem with its path", () => {
    assert.deepStrictEqual(configProblems(validArgs({ orgEvents: ORG_EVENTS })), []);
    assert.deepStrictEqual(validateConfig(validArgs({ orgEvents: ORG_EVENTS })).orgEvents, ORG_EVENTS);
    assert.strictEqual(validateConfig(validArgs()).orgEvents, undefined);
    const problems = configProblems(
      validArgs({
        orgEvents: {
          repository: "https://github.com/my-org/platform",
          eventType: `x${"y".repeat(100)}`,
          tokenSecretArn: "arn:aws:ssm:eu-west-1:123456789012:parameter/token",
          extra: 1,
        } as unknown as typeof ORG_EVENTS,
      }),
    );
    assert.strictEqual(problems.length, 4, problems.join("\n"));
    assert.match(
      problems.join("\n"),
      /orgEvents\.repository: "https:\/\/github\.com\/my-org\/platform" is not valid: expected owner\/name/,
    );
    assert.match(problems.join("\n"), /orgEvents\.eventType: "xy+" is not valid: expected 1-100 of letters/);
    assert.match(
      problems.join("\n"),
      /orgEvents\.tokenSecretArn: .* expected the ARN of a Secrets Manager secret/,
    );
    assert.match(problems.join("\n"), /orgEvents\.extra/);
    for (const [repository, ok] of [
      ["a/b", true],
      ["my-org/.github", true],
      ["-org/repo", false],
      ["org/..", false],
      ["org/re po", false],
      ["org", false],
    ] as const) {
      const p = configProblems(validArgs({ orgEvents: { ...ORG_EVENTS, repository } }));
      assert.strictEqual(p.length === 0, ok, `${repository}: ${p.join("; ")}`);
    }
    const missing = configProblems(validArgs({ orgEvents: {} as typeof ORG_EVENTS }));
    assert.deepStrictEqual(missing, [
      "orgEvents.repository: is required",
      "orgEvents.eventType: is required",
      "orgEvents.tokenSecretArn: is required",
    ]);
  });

  it("registers nothing of it when orgEvents is not set", async () => {
    await build();
    const types = Object.values(ORG_EVENT_TYPES).filter(
      (t) => t !== ORG_EVENT_TYPES.role && t !== ORG_EVENT_TYPES.rolePolicy,
    );
    assert.deepStrictEqual(
      mocks.registrations.filter((r) => (types as string[]).includes(r.type)),
      [],
    );
    assert.ok(!mocks.invokes.some((i) => i.token.startsWith("aws:secretsmanager/")));
  });

  it("a rule for what the management account's trail records, on the default bus, in us-east-1 whatever the stack's region", async () => {
    await build(ORG_EVENTS);
    const rule = named("aa-org-events");
    assert.strictEqual(rule.type, ORG_EVENT_TYPES.rule);
    assert.strictEqual(rule.inputs.region, "us-east-1");
    assert.strictEqual(rule.inputs.eventBusName, undefined, "the default bus");
    assert.deepStrictEqual(JSON.parse(rule.inputs.eventPattern as string), {
      source: ["aws.organizations", "aws.account"],
      "detail-type": ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"],
      detail: {
        eventSource: ["organizations.amazonaws.com", "account.amazonaws.com"],
        eventName: [
          "AccountJoinedOrganization",
          "CreateAccountResult",
          "MoveAccount",
          "RemoveAccountFromOrganization",
          "AccountDepartedOrganization",
          "CloseAccount",
          "CloseAccountResult",
          "TagResource",
          "UntagResource",
          "PutAccountName",
        ],
      },
    });
    // The invited account's AcceptHandshake is in its own trail, never the management account's.
    assert.ok(!(ORG_EVENT_NAMES as readonly string[]).includes("AcceptHandshake"));
    assert.deepStrictEqual([...ACCOUNT_EVENT_NAMES], ["PutAccountName"]);
    assert.strictEqual(orgEventsRegion("aws-us-gov"), "us-gov-west-1");
    for (const name of [
      "aa-org-events-target",
      "aa-org-events-connection",
      "aa-org-events-destination",
      "aa-org-events-dlq",
      "aa-org-events-dlq-policy",
    ])
      assert.strictEqual(named(name).inputs.region, "us-east-1", name);
  });

  it("a second rule for the identity store's user, group and membership changes, in the stack's region", async () => {
    await build(ORG_EVENTS);
    const rule = named("aa-identity-events");
    assert.strictEqual(rule.inputs.region, undefined, "the provider's region, where Identity Center is");
    assert.deepStrictEqual(JSON.parse(rule.inputs.eventPattern as string), {
      source: ["aws.identitystore"],
      "detail-type": ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"],
      detail: { eventSource: ["identitystore.amazonaws.com"], eventName: [...IDENTITY_EVENT_NAMES] },
    });
    assert.ok(
      IDENTITY_EVENT_NAMES.includes("CreateGroupMembership") && IDENTITY_EVENT_NAMES.includes("DeleteUser"),
    );
    const target = named("aa-identity-events-target");
    assert.strictEqual(target.inputs.rule, "aa-identity-events");
    assert.strictEqual(
      target.inputs.arn,
      "arn:aws:events:eu-west-1:123456789012:api-destination/aa-identity-events-destination/mock",
    );
    assert.deepStrictEqual(target.inputs.deadLetterConfig, {
      arn: "arn:aws:sqs:eu-west-1:123456789012:aa-identity-events-dlq",
    });
    assert.ok(target.dependencies.includes(urnOf("aa-org-events-role-policy")));
  });

  it("the target posts the dispatch through the API destination, with retries and a dead-letter queue", async () => {
    await build(ORG_EVENTS);
    const target = named("aa-org-events-target");
    const destination = named("aa-org-events-destination");
    assert.strictEqual(target.inputs.rule, "aa-org-events");
    assert.strictEqual(
      target.inputs.arn,
      "arn:aws:events:us-east-1:123456789012:api-destination/aa-org-events-destination/mock",
    );
    assert.strictEqual(target.inputs.roleArn, "arn:aws:iam::123456789012:role/aa-org-events-role");
    assert.deepStrictEqual(target.inputs.retryPolicy, {
      maximumRetryAttempts: 185,
      maximumEventAgeInSeconds: 86400,
    });
    assert.deepStrictEqual(target.inputs.deadLetterConfig, {
      arn: "arn:aws:sqs:us-east-1:123456789012:aa-org-events-dlq",
    });
    const transformer = target.inputs.inputTransformer as { inputPaths: object; inputTemplate: string };
    assert.deepStrictEqual(transformer.inputPaths, { eventName: "$.detail.eventName" });
    assert.strictEqual(
      transformer.inputTemplate,
      '{"event_type": "org-changed", "client_payload": {"eventName": <eventName>}}',
    );
    // The target waits for the role's permission, or its first delivery could be denied.
    assert.ok(target.dependencies.includes(urnOf("aa-org-events-role-policy")));
    assert.strictEqual(
      destination.inputs.invocationEndpoint,
      "https://api.github.com/repos/my-org/platform/dispatches",
    );
    assert.strictEqual(destination.inputs.httpMethod, "POST");
    assert.strictEqual(named("aa-org-events-dlq").inputs.sqsManagedSseEnabled, true);
  });

  it("the role: EventBridge for these rules and account only, allowed to invoke these destinations only", async () => {
    await build(ORG_EVENTS);
    const role = named("aa-org-events-role");
    assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy as string).Statement, [
      {
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": "123456789012" },
          ArnEquals: {
            "aws:SourceArn": [
              "arn:aws:events:us-east-1:123456789012:rule/aa-org-events",
              "arn:aws:events:eu-west-1:123456789012:rule/aa-identity-events",
            ],
          },
        },
      },
    ]);
    assert.deepStrictEqual(JSON.parse(named("aa-org-events-role-policy").inputs.policy as string).Statement, [
      {
        Effect: "Allow",
        Action: "events:InvokeApiDestination",
        Resource: [
          "arn:aws:events:us-east-1:123456789012:api-destination/aa-org-events-destination/mock",
          "arn:aws:events:eu-west-1:123456789012:api-destination/aa-identity-events-destination/mock",
        ],
      },
    ]);
    const queuePolicy = JSON.parse(named("aa-org-events-dlq-policy").inputs.policy as string);
    assert.deepStrictEqual(queuePolicy.Statement[0].Condition, {
      ArnEquals: { "aws:SourceArn": "arn:aws:events:us-east-1:123456789012:rule/aa-org-events" },
    });
  });

  it("reads the token from the secret's region and keeps it out of the state in plain text", async () => {
    await build(ORG_EVENTS);
    const invoke = mocks.invokes.find(
      (i) => i.token === "aws:secretsmanager/getSecretVersion:getSecretVersion",
    );
    assert.deepStrictEqual(invoke?.inputs, { secretId: SECRET, region: "eu-west-1" });
    const connection = named("aa-org-events-connection");
    assert.strictEqual(connection.inputs.authorizationType, "API_KEY");
    assert.ok(
      JSON.stringify(connection.inputs).includes("Bearer ghp_mocktoken"),
      "the token reaches the connection",
    );
    for (const r of mocks.registrations)
      assert.deepStrictEqual(
        plainPaths(r.inputs, "ghp_mocktoken"),
        [],
        `${r.name} holds the token in plain text`,
      );
  });

  it("refuses a token secret of another partition, naming the setting", () => {
    assert.deepStrictEqual(secretProblems(SECRET, "aws"), []);
    assert.deepStrictEqual(secretProblems(SECRET, "aws-us-gov"), [
      `orgEvents.tokenSecretArn: "${SECRET}" is not in this stack's partition (aws-us-gov); write arn:aws-us-gov:secretsmanager:…`,
    ]);
  });
});

describe("orgEvents' event names, against the AWS SDK's own API reference (@aws-sdk/client-*)", () => {
  const docs = (client: string, command: string) =>
    readFileSync(
      path.join(ROOT, "node_modules", "@aws-sdk", client, "dist-types", "commands", `${command}Command.d.ts`),
      "utf8",
    ).replace(/\s*\n\s*\*\s*/g, " ");

  it("each service event is what the API reference says the management account's history records", () => {
    const recorded: [string, string, RegExp][] = [
      [
        "CreateAccount",
        "AccountJoinedOrganization",
        /available only in the management account's event history/,
      ],
      [
        "AcceptHandshake",
        "AccountJoinedOrganization",
        /available only in the management account's event history/,
      ],
      [
        "CreateAccount",
        "CreateAccountResult",
        /CloudTrail log for the <code>CreateAccountResult<\/code> event/,
      ],
      [
        "RemoveAccountFromOrganization",
        "AccountDepartedOrganization",
        /available only in the management account's event history/,
      ],
      [
        "LeaveOrganization",
        "AccountDepartedOrganization",
        /available only in the management account's event history/,
      ],
      ["CloseAccount", "CloseAccountResult", /CloudTrail log for the <code>CloseAccountResult<\/code> event/],
    ];
    for (const [command, event, says] of recorded) {
      const text = docs("client-organizations", command);
      assert.ok(text.includes(event), `${command}'s reference names ${event}`);
      assert.match(text, says, command);
      assert.ok((ORG_EVENT_NAMES as readonly string[]).includes(event), event);
    }
    // The calls the management account makes are operations of the API, called from there.
    for (const call of ["MoveAccount", "RemoveAccountFromOrganization", "CloseAccount"]) {
      assert.ok((ORG_EVENT_NAMES as readonly string[]).includes(call), call);
      assert.match(docs("client-organizations", call), /./);
    }
    assert.match(
      docs("client-organizations", "MoveAccount"),
      /only call this operation from the management account/,
    );
    assert.match(
      docs("client-organizations", "RemoveAccountFromOrganization"),
      /only call this operation from the management account/,
    );
  });

  it("tag changes on accounts are Organizations' TagResource and UntagResource, callable from the management account", () => {
    for (const call of ["TagResource", "UntagResource"]) {
      assert.ok((ORG_EVENT_NAMES as readonly string[]).includes(call), call);
      const text = docs("client-organizations", call);
      assert.match(text, /Amazon Web Services account/, `${call} tags accounts`);
      // A delegated administrator's call is in its own trail: drift, not the trigger, finds that one.
      assert.match(
        text,
        /only call this operation from the management account or a member account that is a delegated administrator/,
      );
    }
  });

  it("each identity store event is an Identity Store API write", () => {
    for (const call of IDENTITY_EVENT_NAMES)
      assert.ok(
        existsSync(
          path.join(
            ROOT,
            "node_modules/@aws-sdk/client-identitystore/dist-types/commands",
            `${call}Command.d.ts`,
          ),
        ),
        call,
      );
  });
});
