// The AWS clients of the read-only view: the SDK's standard credential chain, region and AWS_ENDPOINT_URL
// resolution (no endpoint is ever set in code), one shared limit of 20 requests a second across the
// Identity Center APIs (sso-admin and identitystore together, AWS's collective limit) that every attempt
// waits for, the SDK's standard retries bounded to MAX_ATTEMPTS (the limiter keeps throttling rare, so
// retrying longer would only hide a failing endpoint), every error labelled with its operation, and a guard
// that refuses any operation that is not a read. The stack's provider settings (a profile, a chain of roles
// to assume) reach the clients as `pulumi up` applies them, and STS says which account they read.
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { IAMClient } from "@aws-sdk/client-iam";
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SQSClient } from "@aws-sdk/client-sqs";
import { SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { visible } from "../components/values";

export interface LiveClients {
  ssoAdmin: SSOAdminClient;
  identityStore: IdentitystoreClient;
  organizations: OrganizationsClient;
}

export interface ClientOptions {
  /** The stack's aws:region; else the SDK's own resolution (AWS_REGION, the profile's region). */
  region?: string;
  /** A named profile, as --profile; else the SDK's default chain (AWS_PROFILE, environment, SSO, ...). */
  profile?: string;
  /** Roles to assume in order, each with the credentials of the one before (the provider's aws:assumeRoles). */
  assumeRoles?: readonly AssumeRole[];
  /** Requests a second shared by sso-admin and identitystore. Default: 20. */
  requestsPerSecond?: number;
}

/**
 * One entry of pulumi-aws 7's `aws:assumeRoles` (node_modules/@pulumi/aws/types/output.d.ts
 * config.AssumeRoles: roleArn, sessionName, externalId, duration, policy, policyArns, tags,
 * transitiveTagKeys, sourceIdentity), as STS AssumeRole takes it.
 */
export interface AssumeRole {
  roleArn: string;
  sessionName?: string;
  externalId?: string;
  durationSeconds?: number;
  policy?: string;
  policyArns?: string[];
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
}

/** Who the clients are: STS GetCallerIdentity's answer, and the region they read. */
export interface CallerIdentity {
  account: string;
  arn: string;
  region: string;
}

/** Attempts per request, the first included: the SDK's standard mode with its default of 3. */
export const MAX_ATTEMPTS = 3;

/** Only these operations may run: reads. */
export const READ_OPERATION = /^(List|Describe|Get)[A-Z]/;

/** Spaces requests evenly: each waits for its slot, `1000 / perSecond` ms after the one before. */
export class RateLimiter {
  private next = 0;
  constructor(private readonly perSecond: number) {}

  async take(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

type Stack = SSOAdminClient["middlewareStack"];

/** Refuses any operation that is not a read, before it is signed or sent. */
function guardReadOnly(stack: Stack): void {
  stack.add(
    (next, context) => async (args) => {
      if (!READ_OPERATION.test(context.commandName ?? "")) {
        throw new Error(`refused ${context.commandName}: the live view only reads`);
      }
      return next(args);
    },
    { step: "initialize", name: "adminAccessReadOnly", priority: "high" },
  );
}

/** An error of an AWS call, as the label middleware leaves it. */
interface LabelledError extends Error {
  $operation?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $fault?: string;
}

/** Names the service and operation on any error a call ends with, after its retries. */
function label(stack: Stack, service: string): void {
  stack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (err instanceof Error && !("$operation" in err)) {
          const operation = `${service} ${(context.commandName ?? "").replace(/Command$/, "")}`;
          Object.defineProperty(err, "$operation", { value: operation, enumerable: false });
        }
        throw err;
      }
    },
    { step: "initialize", name: "adminAccessLabel", priority: "high" },
  );
}

/** Is this an error of an AWS call (an answer, or none), as opposed to a bug? */
export function isAwsError(err: unknown): err is LabelledError {
  return err instanceof Error && ("$metadata" in err || "$fault" in err || "$operation" in err);
}

/** Did the call get an answer that is not the API's JSON (an HTML error page from a proxy or an emulator)? */
export const notAnAwsAnswer = (err: Error): boolean =>
  err.name === "SyntaxError" || /Deserialization error/.test(err.message);

/**
 * One line for an AWS error: its code and message, then the operation, the HTTP status and the attempts.
 * An answer that is not the API's JSON is said to be so, rather than quoted as the parser's complaint.
 */
export function describeAwsError(err: LabelledError): string {
  const operation = err.$operation ?? "an AWS call";
  const status = err.$metadata?.httpStatusCode;
  const attempts = err.$metadata?.attempts ?? 1;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
  if (notAnAwsAnswer(err)) {
    return `${operation} answered${status ? ` HTTP ${status}` : ""}${tries} with a body that is not the API's JSON (an error page, not an AWS answer)`;
  }
  const context = [operation, status && `HTTP ${status}`, tries.trim()].filter(Boolean).join(", ");
  // The name and message are the endpoint's text: escaped, so that ANSI or bidi controls show, not act.
  return `${visible(err.name)}: ${visible(err.message.split("\n")[0])} (${context})`;
}

/** Every attempt, retries included, takes a slot of the shared limiter. */
function limit(stack: Stack, limiter: RateLimiter): void {
  stack.add(
    (next) => async (args) => {
      await limiter.take();
      return next(args);
    },
    { step: "finalizeRequest", name: "adminAccessRateLimit", priority: "low" },
  );
}

/**
 * The AWS SDK prints a seven-line NodeVersionSupportWarning once per process on Node < 22 (@aws-sdk/core
 * dist-cjs/submodules/client/index.js emitWarningIfUnsupportedVersion: `process.emitWarning` unless
 * AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED is "true"). It is about SDK releases after January 2027;
 * the pinned clients support Node 20, which package.json's engines support, so on Node 20 and 21 only the
 * notice is turned off, before the first client is made. An operator's own setting is left as it is.
 */
function quietOnSupportedNode(): void {
  const major = Number(process.versions.node.split(".")[0]);
  if (major >= 20 && major < 22) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };

/** STS AssumeRole's request for one role of the chain. */
const assumeRoleInput = (role: AssumeRole) => ({
  RoleArn: role.roleArn,
  RoleSessionName: role.sessionName ?? `admin-access-${Date.now()}`,
  ExternalId: role.externalId,
  DurationSeconds: role.durationSeconds,
  Policy: role.policy,
  PolicyArns: role.policyArns?.map((arn) => ({ arn })),
  Tags: role.tags && Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
  TransitiveTagKeys: role.transitiveTagKeys,
  SourceIdentity: role.sourceIdentity,
});

/**
 * Credentials from the roles assumed in order, the first with the profile's (or the default chain's), each
 * next with the one before: role chaining, as the provider does with several aws:assumeRoles entries.
 * Assumed again five minutes before they expire.
 */
function assumedCredentials(base: { region?: string; profile?: string }, roles: readonly AssumeRole[]) {
  let current: Promise<Credentials> | undefined;
  let expires = 0;
  const chain = async (): Promise<Credentials> => {
    let credentials: Credentials | undefined;
    for (const role of roles) {
      const held = credentials;
      const sts = new STSClient({
        ...(base.region ? { region: base.region } : {}),
        ...(held ? { credentials: held } : base.profile ? { profile: base.profile } : {}),
        maxAttempts: MAX_ATTEMPTS,
      });
      label(sts.middlewareStack as unknown as Stack, "sts");
      const out = await sts.send(new AssumeRoleCommand(assumeRoleInput(role)));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey)
        throw new Error(`sts AssumeRole of ${role.roleArn} answered no credentials`);
      credentials = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    }
    expires = credentials?.expiration?.getTime() ?? Infinity;
    return credentials as Credentials;
  };
  return (): Promise<Credentials> => {
    if (!current || Date.now() > expires - 5 * 60 * 1000) {
      current = chain();
      current.catch(() => (current = undefined));
    }
    return current;
  };
}

/** The clients' shared settings: region, and the profile or the credentials of the assumed roles. */
function clientConfig(options: ClientOptions) {
  quietOnSupportedNode();
  const roles = options.assumeRoles ?? [];
  const base = { region: options.region, profile: options.profile };
  return {
    ...(options.region ? { region: options.region } : {}),
    ...(roles.length > 0
      ? { credentials: assumedCredentials(base, roles) }
      : options.profile
        ? { profile: options.profile }
        : {}),
    retryMode: "standard",
    maxAttempts: MAX_ATTEMPTS,
  };
}

/** Which account and region clients of this config read: STS GetCallerIdentity, a read. */
async function whoAmI(config: ReturnType<typeof clientConfig>): Promise<CallerIdentity> {
  const sts = new STSClient(config);
  label(sts.middlewareStack as unknown as Stack, "sts");
  const out = await sts.send(new GetCallerIdentityCommand({}));
  return { account: out.Account ?? "", arn: out.Arn ?? "", region: await sts.config.region() };
}

/** The live clients and who they are, with one set of credentials (the roles are assumed once). */
export function liveSession(options: ClientOptions = {}): {
  clients: LiveClients;
  /** The clients drift reads the stack's other resources with, on the same credentials. */
  stack: StackClients;
  identity: () => Promise<CallerIdentity>;
} {
  const config = clientConfig(options);
  return { clients: clientsOf(config, options), stack: stackClients(config), identity: () => whoAmI(config) };
}

export function liveClients(options: ClientOptions = {}): LiveClients {
  return clientsOf(clientConfig(options), options);
}

function clientsOf(config: ReturnType<typeof clientConfig>, options: ClientOptions): LiveClients {
  const limiter = new RateLimiter(options.requestsPerSecond ?? 20);
  const ssoAdmin = new SSOAdminClient(config);
  const identityStore = new IdentitystoreClient(config);
  const organizations = new OrganizationsClient(config);
  for (const client of [ssoAdmin, identityStore, organizations])
    guardReadOnly(client.middlewareStack as Stack);
  label(ssoAdmin.middlewareStack as Stack, "sso-admin");
  label(identityStore.middlewareStack as unknown as Stack, "identitystore");
  label(organizations.middlewareStack as unknown as Stack, "organizations");
  for (const client of [ssoAdmin, identityStore]) limit(client.middlewareStack as Stack, limiter);
  return { ssoAdmin, identityStore, organizations };
}

/** The clients drift reads the stack's other resources with: schedules, roles, rules and queues. */
export interface StackClients {
  scheduler: SchedulerClient;
  iam: IAMClient;
  /** EventBridge and SQS by region: the orgEvents rules live in two (components/families/orgEvents.ts). */
  events(region: string): EventBridgeClient;
  sqs(region: string): SQSClient;
}

/**
 * Read-only and labelled as the live view's clients are, with the same credentials (the stack's profile or
 * assumed roles); the scheduler and IAM in the session's region, EventBridge and SQS where each rule lives.
 */
function stackClients(config: ReturnType<typeof clientConfig>): StackClients {
  const guarded = <C extends { middlewareStack: unknown }>(client: C, service: string): C => {
    guardReadOnly(client.middlewareStack as Stack);
    label(client.middlewareStack as Stack, service);
    return client;
  };
  const byRegion = <C>(make: (region: string) => C) => {
    const made = new Map<string, C>();
    return (region: string) => {
      if (!made.has(region)) made.set(region, make(region));
      return made.get(region) as C;
    };
  };
  return {
    scheduler: guarded(new SchedulerClient(config), "scheduler"),
    iam: guarded(new IAMClient(config), "iam"),
    events: byRegion((r) => guarded(new EventBridgeClient({ ...config, region: r }), "events")),
    sqs: byRegion((r) => guarded(new SQSClient({ ...config, region: r }), "sqs")),
  };
}
