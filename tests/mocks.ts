// The one Pulumi mocks setup: setMocks is process-global, so every test file shares this runtime.
// It records each registration (with the parent and dependencies only the resource monitor sees),
// answers the invokes the program makes, and fails loudly on any invoke it was not told about.
import * as pulumi from "@pulumi/pulumi";

// The AWS SDK's notice that its 2027 releases need Node 22 is true, but once is enough: docs/commands.md says it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const PROJECT = "admin-access";
export const INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
export const IDENTITY_STORE_ID = "d-1234567890";

export interface Registration {
  /** Position among all registrations and invokes, to show what waited for what. */
  sequence: number;
  type: string;
  name: string;
  urn: string;
  parent: string;
  dependencies: string[];
  inputs: Record<string, unknown>;
  custom: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  protect: boolean;
  /** The engine's customTimeouts, as Go durations ("" when unset). */
  customTimeouts: { create: string; update: string; delete: string };
}

/** The mock organization: a management account, active and suspended members, and two OUs. */
export const MANAGEMENT_ACCOUNT = "999999999999";
export const ORG_ACCOUNTS = [
  { id: MANAGEMENT_ACCOUNT, name: "Management", state: "ACTIVE" },
  { id: "012345678901", name: "Workloads Prod", state: "ACTIVE" },
  { id: "111111111111", name: "Shared Services", state: "ACTIVE" },
  { id: "210987654321", name: "Workloads Dev", state: "ACTIVE" },
  { id: "222222222222", name: "Old Sandbox", state: "SUSPENDED" },
  { id: "333333333333", name: "Audit", state: "ACTIVE" },
  { id: "555555555555", name: "Data", state: "ACTIVE" },
  { id: "666666666666", name: "Data", state: "ACTIVE" },
];
/** What allAccounts reaches in it: every ACTIVE account but the management account. */
export const ACTIVE_MEMBER_ACCOUNTS = [
  "012345678901",
  "111111111111",
  "210987654321",
  "333333333333",
  "555555555555",
  "666666666666",
];
/**
 * Each account's tags, as organizations.getResourceTags answers them: separate from ORG_ACCOUNTS, which
 * getOrganization answers and which, like ListAccounts, carries no tags.
 */
export const ORG_ACCOUNT_TAGS: Record<string, Record<string, string>> = {
  [MANAGEMENT_ACCOUNT]: { env: "prod" },
  "012345678901": { env: "prod", team: "payments" },
  "111111111111": { env: "prod", team: "search" },
  "210987654321": { env: "dev", team: "payments" },
  "222222222222": { env: "prod", team: "payments" },
  "333333333333": { env: "Prod", team: "payments" },
  "555555555555": { team: "payments" },
  "666666666666": {},
};
export const ORG_UNITS: Record<string, string[]> = {
  "ou-prod-11111111": ["012345678901", "333333333333"],
  "ou-wkld-22222222": ["012345678901", "210987654321", "222222222222", MANAGEMENT_ACCOUNT],
};

/** An invoke's answer from its inputs and the name of the explicit provider it went through, if any. */
type Responder = (
  inputs: Record<string, unknown>,
  provider?: string,
) => Record<string, unknown> | Promise<Record<string, unknown>>;
type Inputs = Record<string, unknown>;

const attribute = (inputs: Inputs) =>
  (inputs.alternateIdentifier as { uniqueAttribute: { attributeValue: string } }).uniqueAttribute
    .attributeValue;

/** A provider reference (`<urn>::<id>`) as the name the program gave the provider. */
const providerName = (reference: string | undefined) => reference?.split("::").at(-2);

/**
 * IAM's ListRoles as the provider's aws_iam_roles reads it (terraform-provider-aws
 * internal/service/iam/roles_data_source.go): roles whose path starts with pathPrefix, then those whose name
 * nameRegex matches anywhere (Go's MatchString, unanchored like RegExp.test), from the account the provider
 * reaches: the test's table, by provider name. A provider the table does not list fails the invoke.
 */
function listRoles(inputs: Inputs, provider?: string) {
  const name = provider ?? "default";
  const roleArns = mocks.iamRoles[name];
  if (!roleArns) throw new Error(`getRoles through provider ${name}: no mocks.iamRoles entry for it`);
  const roles = roleArns.map((arn) => {
    const [, path, roleName] = /^arn:[^:]+:iam::\d{12}:role(\/(?:.*\/)?)([^/]+)$/.exec(arn) ?? [];
    if (!roleName) throw new Error(`mocks.iamRoles: ${arn} is not a role ARN`);
    return { arn, path, roleName };
  });
  const matched = roles.filter(
    (r) =>
      r.path.startsWith((inputs.pathPrefix as string | undefined) ?? "/") &&
      (inputs.nameRegex === undefined || new RegExp(inputs.nameRegex as string).test(r.roleName)),
  );
  return {
    arns: matched.map((r) => r.arn),
    names: matched.map((r) => r.roleName),
    id: "eu-west-1",
    ...inputs,
  };
}

/**
 * An invoke failure as the SDK receives it: the engine's gRPC error, whose details become the Error's message
 * (@pulumi/pulumi runtime/invoke.js: `new Error(err.details)`); the mock monitor passes on what is thrown.
 */
export const invokeError = (message: string): Error =>
  Object.assign(new Error(message), { details: message });

/**
 * GetUserId's answer for a userName the identity store does not hold, as the SDK receives it through the
 * engine (which prefixes "invocation of <token> returned an error", seen on the real one in
 * tests/engine/deferred.engine.ts): the data source's diagnostic (terraform-provider-aws
 * user_data_source.go) around aws-sdk-go-v2's error text.
 */
export const userNotFoundText = (identityStoreId: string) =>
  "invocation of aws:identitystore/getUser:getUser returned an error: " +
  `invoking aws:identitystore/getUser:getUser: 1 error occurred:\n\t* reading IdentityStore User ` +
  `(${identityStoreId}): operation error identitystore: GetUserId, https response error StatusCode: 400, ` +
  `RequestID: 6f0c2a5e-8d1b-4f3e-9a7c-2b5d4e6f7a8b, ResourceNotFoundException: USER not found.\n\n`;

/** getUser answering as the store does when `absent` userNames are not in it (and `failing` fail). */
export function storeWithout(absent: string[], failing: Record<string, string> = {}): void {
  const found = DEFAULT_RESPONSES["aws:identitystore/getUser:getUser"];
  mocks.respond("aws:identitystore/getUser:getUser", (inputs) => {
    const userName = inputs.userId ? undefined : attribute(inputs);
    if (userName !== undefined && userName in failing) throw invokeError(failing[userName]);
    if (userName !== undefined && absent.includes(userName))
      throw invokeError(userNotFoundText(inputs.identityStoreId as string));
    return found(inputs);
  });
}

/** What a healthy organization answers; a test replaces one with `respond`. */
const DEFAULT_RESPONSES: Record<string, Responder> = {
  "aws:ssoadmin/getInstances:getInstances": () => ({
    arns: [INSTANCE_ARN],
    identityStoreIds: [IDENTITY_STORE_ID],
    id: "eu-west-1",
    region: "eu-west-1",
  }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }),
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: "123456789012",
    arn: "arn:aws:iam::123456789012:role/deployer",
    userId: "AROAEXAMPLE",
    id: "123456789012",
  }),
  "aws:ssoadmin/getPermissionSet:getPermissionSet": (inputs) => ({
    arn: `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-existing-${inputs.name}`,
    name: inputs.name,
  }),
  "aws:identitystore/getGroup:getGroup": (inputs) => ({ groupId: `existing-group-${attribute(inputs)}` }),
  "aws:identitystore/getUser:getUser": (inputs) =>
    inputs.userId
      ? { userId: inputs.userId, userName: `name-of-${inputs.userId}` }
      : { userId: `existing-user-${attribute(inputs)}`, userName: attribute(inputs) },
  // A group has only the members this program made, unless a test says otherwise.
  "aws:identitystore/getGroupMemberships:getGroupMemberships": () => ({ groupMemberships: [] }),
  // Like the API, returnOrganizationOnly answers DescribeOrganization alone, without the account list.
  "aws:organizations/getOrganization:getOrganization": (inputs) => ({
    masterAccountId: MANAGEMENT_ACCOUNT,
    accounts: inputs.returnOrganizationOnly ? [] : ORG_ACCOUNTS,
  }),
  // The orgEvents token: a value a test can look for, to prove it reaches the state only as a secret.
  "aws:secretsmanager/getSecretVersion:getSecretVersion": (inputs) => ({
    arn: inputs.secretId,
    secretString: "ghp_mocktoken",
    id: inputs.secretId,
  }),
  "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts": (
    inputs,
  ) => {
    const ids = ORG_UNITS[inputs.parentId as string];
    if (!ids) throw new Error(`OU ${inputs.parentId} not found`);
    return { accounts: ORG_ACCOUNTS.filter((a) => ids.includes(a.id)), parentId: inputs.parentId };
  },
  "aws:iam/getRoles:getRoles": listRoles,
  // ListTagsForResource of an ID outside the organization fails (TargetNotFoundException), as here.
  "aws:organizations/getResourceTags:getResourceTags": (inputs) => {
    const tags = ORG_ACCOUNT_TAGS[inputs.resourceId as string];
    if (!tags) throw new Error(`TargetNotFoundException: ${inputs.resourceId} is not in the organization`);
    return { id: inputs.resourceId, resourceId: inputs.resourceId, tags };
  },
};

/** The outputs a provider computes on create, so that children can consume them. */
function computedState(type: string, name: string, inputs: Inputs): Inputs {
  switch (type) {
    case "aws:ssoadmin/permissionSet:PermissionSet":
      return { arn: `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${inputs.name}` };
    case "aws:identitystore/group:Group":
      return { groupId: `group-${name}` };
    case "aws:identitystore/user:User":
      return { userId: `user-${inputs.userName}` };
    case "aws:identitystore/groupMembership:GroupMembership":
      return { membershipId: `membership-${name}` };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::123456789012:role/${name}` };
    // Without a region argument, the provider's (mocks' eu-west-1).
    case "aws:cloudwatch/eventRule:EventRule":
      return { arn: `arn:aws:events:${inputs.region ?? "eu-west-1"}:123456789012:rule/${name}`, name };
    case "aws:cloudwatch/eventConnection:EventConnection":
      return { arn: `arn:aws:events:${inputs.region ?? "eu-west-1"}:123456789012:connection/${name}/mock` };
    case "aws:cloudwatch/eventApiDestination:EventApiDestination":
      return {
        arn: `arn:aws:events:${inputs.region ?? "eu-west-1"}:123456789012:api-destination/${name}/mock`,
      };
    case "aws:sqs/queue:Queue":
      return {
        arn: `arn:aws:sqs:${inputs.region ?? "eu-west-1"}:123456789012:${name}`,
        url: `https://sqs.${inputs.region ?? "eu-west-1"}.amazonaws.com/123456789012/${name}`,
      };
    default:
      return {};
  }
}

export const mocks = {
  registrations: [] as Registration[],
  invokes: [] as { sequence: number; token: string; inputs: Inputs; provider?: string }[],
  sequence: 0,
  responses: { ...DEFAULT_RESPONSES },

  /** Replaces the answer to one invoke for the current test. */
  respond(token: string, responder: Responder): void {
    this.responses[token] = responder;
  },

  /** Registrations of one resource type, by name. */
  ofType(type: string): Registration[] {
    return this.registrations.filter((r) => r.type === type);
  },

  /** Each account's IAM role ARNs, by the name of the provider that reaches it ("default" for none). */
  iamRoles: {} as Record<string, string[]>,

  /** What the program logged, instead of printing it over the test report. */
  logs: [] as { severity: "info" | "warn"; message: string }[],

  reset(): void {
    this.logs = [];
    this.registrations = [];
    this.invokes = [];
    this.iamRoles = {};
    this.responses = { ...DEFAULT_RESPONSES };
    pulumi.runtime.setAllConfig({});
  },
};

void pulumi.runtime.setMocks(
  {
    newResource: (args) => ({
      // Custom resources need a non-empty ID; components have none.
      id: args.custom ? `${args.name}-id` : undefined,
      state: { ...args.inputs, ...computedState(args.type, args.name, args.inputs) },
    }),
    call: async (args) => {
      const responder = mocks.responses[args.token];
      if (!responder) throw new Error(`unmocked invoke ${args.token}: add it to tests/mocks.ts`);
      const provider = providerName(args.provider);
      const result = await responder(args.inputs, provider);
      // Recorded when answered, so that a test can tell what waited for the answer.
      mocks.invokes.push({
        sequence: mocks.sequence++,
        token: args.token,
        inputs: args.inputs,
        ...(provider && { provider }),
      });
      return result;
    },
  },
  PROJECT,
  "dev",
  false,
);

// The program's log lines are recorded for tests to assert on, not printed into mocha's report.
for (const severity of ["info", "warn"] as const) {
  (pulumi.log as Record<typeof severity, (message: string) => void>)[severity] = (message) =>
    void mocks.logs.push({ severity, message });
}

// Parent, dependencies and options reach only the resource monitor, so record registrations there.
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getDependenciesList(): string[];
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getProtect(): boolean;
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
  getObject(): Parameters<typeof pulumi.runtime.deserializeProperties>[0];
}
type Callback = (err: unknown, response?: { getUrn(): string }) => void;
const monitor = pulumi.runtime.getMonitor() as unknown as {
  registerResource(req: RegisterRequest, callback: Callback): void;
};
const register = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, callback) => {
  register(req, (err, response) => {
    if (response) {
      mocks.registrations.push({
        sequence: mocks.sequence++,
        type: req.getType(),
        name: req.getName(),
        urn: response.getUrn(),
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
        inputs: pulumi.runtime.deserializeProperties(req.getObject()) as Inputs,
        custom: req.getCustom(),
        retainOnDelete: req.getRetainondelete(),
        deleteBeforeReplace: req.getDeletebeforereplace(),
        protect: req.getProtect(),
        customTimeouts: {
          create: req.getCustomtimeouts()?.getCreate() ?? "",
          update: req.getCustomtimeouts()?.getUpdate() ?? "",
          delete: req.getCustomtimeouts()?.getDelete() ?? "",
        },
      });
    }
    callback(err, response);
  });
};

/** The registrations as comparable data: URN, parent and inputs, sorted by URN. */
export function snapshot(): { urn: string; parent: string; inputs: Inputs }[] {
  return mocks.registrations
    .map((r) => ({ urn: r.urn, parent: r.parent, inputs: r.inputs }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

/** An Output's value, or its error: the SDK's internal promise is the only way to see a rejection. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as { promise(): Promise<T> }).promise();
}

/** Waits until every registration the program started has reached the mock monitor. */
export async function settled(): Promise<void> {
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

export const mochaHooks = {
  beforeEach(): void {
    mocks.reset();
  },
};
