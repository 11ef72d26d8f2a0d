// The AWS clients of the read-only view: the SDK's standard credential chain, region and AWS_ENDPOINT_URL
// resolution (no endpoint is ever set in code), one shared limit of 20 requests a second across the
// Identity Center APIs (sso-admin and identitystore together, AWS's collective limit) that every attempt
// waits for, the SDK's standard retries bounded to MAX_ATTEMPTS (the limiter keeps throttling rare, so
// retrying longer would only hide a failing endpoint), every error labelled with its operation, and a guard
// that refuses any operation that is not a read.
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SSOAdminClient } from "@aws-sdk/client-sso-admin";
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
  /** Requests a second shared by sso-admin and identitystore. Default: 20. */
  requestsPerSecond?: number;
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

export function liveClients(options: ClientOptions = {}): LiveClients {
  const config = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    retryMode: "standard",
    maxAttempts: MAX_ATTEMPTS,
  };
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
