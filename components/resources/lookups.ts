// Looks up each existing admin by userName before anything of theirs is registered, and tells the three
// answers apart: found (its user ID), not there (deferred: no membership until a run finds it), or a failed
// lookup (fatal, with AWS's words).
//
// What the provider answers (hashicorp/terraform-provider-aws internal/service/identitystore/
// user_data_source.go, dataSourceUserRead): with alternate_identifier it calls GetUserId and returns ANY error
// as the diagnostic `reading IdentityStore User (<identity store ID>): <err>`, a missing user included; the
// bridge returns that as the invoke's gRPC error ("invoking <token>: …", pulumi-terraform-bridge
// pkg/tfbridge/provider.go Invoke), which @pulumi/pulumi 3.248 rejects the invoke's promise with
// (runtime/invoke.js invokeAsync: `new Error(err.details)`) after the engine's prefix "invocation of <token>
// returned an error: " (seen on the real engine, tests/engine/deferred.engine.ts); caught, it fails nothing. GetUserId's errors (the AWS SDK's identitystore
// model, @aws-sdk/client-identitystore GetUserIdCommand): ResourceNotFoundException for a user that is not
// there; AccessDeniedException, ThrottlingException, ValidationException, InternalServerException otherwise.
// aws-sdk-go-v2 writes a service error as `operation error identitystore: GetUserId, https response error
// StatusCode: <n>, RequestID: <id>, <Code>: <message>` (smithy-go's OperationError and ResponseError), so only
// that shape with ResourceNotFoundException means "not there"; anything else, a different wording included,
// stays a failure, which is what it was before deferral.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlannedAdmin } from "../families/users";
import { visible } from "../values";

/** One existing admin's lookup: its user ID, or not in the identity store. */
export type UserLookup = { userId: string | undefined } | { absent: true };

const GET_USER = "aws:identitystore/getUser:getUser";

/** The GetUserId failure that means "no such user", as aws-sdk-go-v2 words it in the provider's diagnostic. */
const NOT_FOUND =
  /\breading IdentityStore User \([^)]*\): operation error identitystore: GetUserId, https response error StatusCode: \d{3}, RequestID: [\w-]*, ResourceNotFoundException: /;

/** Whether an invoke error says the user is not in the identity store (and nothing else went wrong). */
export const userNotFound = (message: string): boolean => NOT_FOUND.test(message);

/**
 * The fatal error for a lookup that failed, AWS's text on one line with its hidden characters escaped: it
 * reaches a terminal.
 */
export const lookupFailure = (index: number, userName: string, message: string): string =>
  `admins[${index}].userName: the lookup of the existing user ${visible(JSON.stringify(userName))} in the ` +
  `identity store failed (not a "no such user" answer, so it is not deferred): ` +
  visible(message.replace(/[\t\n\r]+/g, " ").trim());

/**
 * Every existing admin's lookup, by userName. The store ID may be an Output (a secret, or another stack's):
 * the promise form serializes it; while it is unknown (preview) the answer is {}, an unknown user ID.
 */
export async function lookupExistingAdmins(
  component: pulumi.Resource,
  identityStoreId: pulumi.Input<string>,
  admins: readonly (PlannedAdmin & { index: number })[],
): Promise<Map<string, UserLookup>> {
  const opts = { parent: component };
  const answers = await Promise.all(
    admins.map(async (admin): Promise<[string, UserLookup]> => {
      try {
        const found = await aws.identitystore.getUser(
          {
            identityStoreId: identityStoreId as string,
            alternateIdentifier: {
              uniqueAttribute: { attributePath: "UserName", attributeValue: admin.userName },
            },
          },
          opts,
        );
        return [admin.userName, { userId: found.userId }];
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (userNotFound(message)) return [admin.userName, { absent: true }];
        // Not the invoke's own failure (the instance not discovered, say): reported as it is, not as this admin's.
        if (!message.includes(GET_USER)) throw err;
        throw new Error(lookupFailure(admin.index, admin.userName, message), { cause: err });
      }
    }),
  );
  return new Map(answers);
}

/** The userNames the identity store does not hold. */
export const absentOf = (lookups: ReadonlyMap<string, UserLookup>): Set<string> =>
  new Set([...lookups].filter(([, l]) => "absent" in l).map(([u]) => u));
