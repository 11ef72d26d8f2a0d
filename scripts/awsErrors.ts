// AWS errors in the operator's words: the AWS error code, and what to do about it; and the one way the
// live commands turn any failure into their documented exit code.
import * as path from "path";
import { AdminAccessConfigError, visible } from "../components/config";
import { describeAwsError, isAwsError, notAnAwsAnswer } from "../live/clients";
import { AwsProblem } from "../live/gather";
import { fail } from "./command";
import { EXIT } from "./exitCodes";
import { CommandResult } from "./render";
import { CommandError } from "./stackFile";

const ADVICE: Record<string, string> = {
  CredentialsProviderError:
    "no AWS credentials were found: pass --profile, set AWS_PROFILE, or run `aws sso login` for the management or delegated-admin account",
  AccessDeniedException:
    "the credentials may not read IAM Identity Center or Organizations: attach policies/reader-policy.json to the role you use",
  AccessDenied:
    "the credentials may not assume the stack's aws:assumeRoles role: check the role's trust policy and its externalId",
  UnrecognizedClientException:
    "the credentials are not valid: refresh them (e.g. `aws sso login`) and run again",
  ExpiredTokenException: "the credentials have expired: refresh them (e.g. `aws sso login`) and run again",
  InvalidClientTokenId: "the credentials are not valid: refresh them and run again",
  AWSOrganizationsNotInUseException: "this account is not in an AWS Organization",
  ThrottlingException: "AWS kept throttling after every retry: run again later",
  SyntaxError:
    "the endpoint did not answer as AWS does (check AWS_ENDPOINT_URL and any proxy); if it is AWS, run again later",
};

/** The SDK's own words when neither the client config nor the environment names a region. */
const NO_REGION = /^Region is missing/;

/** A one-paragraph account of an AWS error for exit code 4, or undefined when it is not one. */
function awsProblem(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  if (!isAwsError(err) && err.name !== "CredentialsProviderError") return undefined;
  const advice = NO_REGION.test(err.message)
    ? "no AWS region is set: set the stack's aws:region (`pulumi config set aws:region <region>`), pass " +
      "--region, or set AWS_REGION, to the region where IAM Identity Center is enabled"
    : Object.prototype.hasOwnProperty.call(ADVICE, err.name)
      ? ADVICE[err.name]
      : "look the error code up in the operation's AWS API reference";
  // The message is the endpoint's text: escaped, so that an ANSI sequence cannot rewrite the terminal.
  const line = isAwsError(err) ? describeAwsError(err) : `${err.name}: ${visible(err.message)}`;
  return `AWS error${notAnAwsAnswer(err) ? ":" : ""} ${line}\n${advice}`;
}

/**
 * A command's failure as its documented exit code (scripts/exitCodes.ts): usage or config, or an AWS or read
 * failure; --help as its usage on stdout; anything else (a bug) rethrown.
 */
export function failure(err: unknown, stackFile: string): CommandResult {
  if (err instanceof CommandError) return fail(err.message, err.code);
  if (err instanceof AdminAccessConfigError)
    return fail(`${path.basename(stackFile)}: ${err.message}`, EXIT.usage);
  if (err instanceof AwsProblem) return fail(err.message, EXIT.aws);
  const problem = awsProblem(err);
  if (problem) return fail(problem, EXIT.aws);
  throw err;
}
