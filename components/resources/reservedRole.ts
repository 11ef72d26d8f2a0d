// Resolves the ARN of the role a permission set gives an account, for consumers that reference it (EKS
// access entries, aws-auth, KMS and S3 policies): the suffix is AWS's and changes whenever the role is
// recreated, so it is looked up, never written down.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RESERVED_ROLE_PATH, reservedRoleNameRegex, reservedRoleProblem } from "../families/reservedRole";

/**
 * The ARN of the role IAM Identity Center created for this permission set in the account `opts.provider`
 * reaches. Fails, naming the account, when the set has no role there (it is not assigned there yet) or
 * more than one. Pass `dependsOn` (e.g. the AdminAccessComponent) so that the lookup waits for the
 * assignments: an output invoke waits for its dependsOn and their components' children, and answers unknown
 * while one's ID is (@pulumi/pulumi runtime/invoke.js, invokeAsync `checkDependencies`), so a preview that
 * creates them shows the ARN as unknown instead of failing the lookup.
 */
export function resolveReservedRoleArn(
  permissionSetName: pulumi.Input<string>,
  opts: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  // The name is checked before the invoke: a throw while serializing its arguments is also logged as an error.
  return pulumi.output(permissionSetName).apply((setName) => {
    const nameRegex = reservedRoleNameRegex(setName);
    return aws.iam.getRolesOutput({ pathPrefix: RESERVED_ROLE_PATH, nameRegex }, opts).apply(({ arns }) =>
      arns.length === 1
        ? pulumi.output(arns[0])
        : // The account is named only on failure: one lookup more, where it helps.
          aws.getCallerIdentityOutput({}, opts).apply(({ accountId }): string => {
            throw new Error(reservedRoleProblem(setName, accountId, arns));
          }),
    );
  });
}
