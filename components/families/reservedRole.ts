// The role IAM Identity Center creates in each account a permission set is assigned to, pure: its path and
// name, for consumers that must reference it (EKS access entries, aws-auth, KMS and S3 policies) without
// hard-coding the suffix AWS picks.
//
// AWS IAM Identity Center User Guide, "Referencing permission sets in resource policies, Amazon EKS, and AWS
// KMS" (singlesignon/latest/userguide/referencingpermissionsets.html): the role is named
// `AWSReservedSSO_<permission-set-name>_<unique-suffix>` with ARN
// `arn:<partition>:iam::<account>:role/aws-reserved/sso.amazonaws.com/<aws-region>/AWSReservedSSO_…`; its
// examples' suffixes are 16 lowercase hex digits (1234567890abcdef, abcdef0123456789), and when the last
// assignment goes the role goes, and a new assignment creates a role with a different suffix. The region
// segment is absent for instances in us-east-1 (an AWS blog's note quoted in re:Post question
// QUpP-HDDmXT4C1YvjWvoVl_A, confirmed there by its asker; masterpoint.io "Fix IAM Trust Policy Errors using
// AWS IAM Identity Center SSO Role Regional ARN"), so the path is matched by prefix, as ListRoles'
// PathPrefix does: the provider's own example (@pulumi/aws iam/getRoles.d.ts, "Roles provisioned by AWS
// SSO") uses this path with `AWSReservedSSO_<name>_.*`, unanchored and so also matching longer set names.
import { modelAccepts } from "../awsModel";
import { show } from "../values";

/** The path of every role Identity Center creates; a prefix of the region-scoped paths as well. */
export const RESERVED_ROLE_PATH = "/aws-reserved/sso.amazonaws.com/";

/** What starts the name of the role a permission set gives an account, before AWS's suffix. */
export const reservedRoleNamePrefix = (permissionSetName: string): string =>
  `AWSReservedSSO_${permissionSetName}_`;

/**
 * AWS's suffix: 16 hex digits. 15 + 32 (the longest set name) + 1 + 16 = 64, IAM's limit for a role name,
 * which is consistent with the documented examples. It has no `_`, so a set named `Admin` cannot match
 * the role of a set named `Admin_Extra`.
 */
const SUFFIX = "[0-9a-f]{16}";

/**
 * Go's regexp.QuoteMeta set (golang/go src/regexp/regexp.go, `specialBytes`): the provider matches
 * nameRegex with Go's RE2 regexp. Of them a set name ([\w+=,.@-]) can hold only `+` and `.`; the rest are
 * escaped so the function is right for any string.
 */
const META = /[\\.+*?()|[\]{}^$]/g;

/** A literal string as an RE2 (and JavaScript) regular expression that matches exactly it. */
export const quoteMeta = (s: string): string => s.replace(META, "\\$&");

/**
 * The `nameRegex` of `aws.iam.getRoles` that matches this set's role and no other: anchored, because the
 * provider uses an unanchored MatchString (terraform-provider-aws internal/service/iam/roles_data_source.go,
 * `name_regex`). Throws for a name AWS would refuse (sso-admin model, PermissionSetName), which has no role
 * anywhere and would otherwise read as "not provisioned".
 */
export function reservedRoleNameRegex(permissionSetName: string): string {
  if (!modelAccepts("PermissionSetName", permissionSetName)) {
    throw new Error(
      `${show(permissionSetName)} is not a permission set name: 1-32 ASCII letters, digits and _+=,.@-`,
    );
  }
  return `^${quoteMeta(reservedRoleNamePrefix(permissionSetName))}${SUFFIX}$`;
}

/**
 * Why a lookup of the set's role in an account did not give exactly one ARN, or undefined when it did. No
 * role means no assignment of the set there (yet); more than one cannot come from one Identity Center
 * instance, whose set names are unique, so it names them for the operator to tell apart.
 */
export function reservedRoleProblem(
  permissionSetName: string,
  accountId: string,
  arns: readonly string[],
): string | undefined {
  const role = `${show(reservedRoleNamePrefix(permissionSetName))}…`;
  if (arns.length === 0) {
    return (
      `account ${show(accountId)} has no role ${role} under ${RESERVED_ROLE_PATH}: the permission set ` +
      `${show(permissionSetName)} is not provisioned there (no assignment of it in that account yet). ` +
      "Assign it there, or make the lookup wait for the assignment (dependsOn)."
    );
  }
  if (arns.length > 1) {
    return (
      `account ${show(accountId)} has ${arns.length} roles ${role}, not one: ` +
      `${[...arns].sort().map(show).join(", ")}`
    );
  }
  return undefined;
}
