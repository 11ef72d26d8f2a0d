// The AWS clients of the read-only view: the SDK's standard credential chain, region and AWS_ENDPOINT_URL
// resolution (no endpoint is ever set in code), adaptive retries for throttling, one shared limit of 20
// requests a second across the Identity Center APIs (sso-admin and identitystore together, AWS's
// collective limit), and a guard that refuses any operation that is not a read.
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SSOAdminClient } from "@aws-sdk/client-sso-admin";

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
  /** Requests a second shared by sso-admin and identitystore. Default: 20. */
  requestsPerSecond?: number;
}

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

export function liveClients(options: ClientOptions = {}): LiveClients {
  const config = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    retryMode: "adaptive",
    maxAttempts: 10,
  };
  const limiter = new RateLimiter(options.requestsPerSecond ?? 20);
  const ssoAdmin = new SSOAdminClient(config);
  const identityStore = new IdentitystoreClient(config);
  const organizations = new OrganizationsClient(config);
  for (const client of [ssoAdmin, identityStore, organizations])
    guardReadOnly(client.middlewareStack as Stack);
  for (const client of [ssoAdmin, identityStore]) limit(client.middlewareStack as Stack, limiter);
  return { ssoAdmin, identityStore, organizations };
}
