// How long a change to the permission set takes, pure: every change to the set or to what is attached to it
// ends with ProvisionPermissionSet to every account the set is provisioned to, and the provider waits for it
// (terraform-provider-aws internal/service/ssoadmin: provisionPermissionSet, called by permission_set.go,
// permission_set_inline_policy.go, permissions_boundary_attachment.go and both *_attachments_exclusive.go).
// Their default timeout is 10 minutes, which an organization of hundreds of accounts exceeds
// (hashicorp/terraform-provider-aws #43212).

/**
 * AWS's measurement: the aws-samples "aws-iam-identity-center-extensions" solution reports about 1,200
 * account operations in 61 minutes, so an account takes 61/1200 of a minute.
 */
export const MINUTES_PER_ACCOUNT = 61 / 1200;

/** The provider's default wait, kept as the floor: below it nothing changes for a small organization. */
export const PROVIDER_DEFAULT_MINUTES = 10;

/** About how long provisioning the set in `accounts` accounts takes, in whole minutes (at least 1). */
export const provisioningMinutes = (accounts: number): number =>
  Math.max(1, Math.ceil(accounts * MINUTES_PER_ACCOUNT));

/**
 * The wait for a set-level change: the provider's default plus twice the estimate, since AWS's rate (about
 * 20 requests a second per instance) is shared with every other caller. 1 account: 12 min; 200: 32 min;
 * 2,000: 214 min.
 */
export const fanoutTimeoutMinutes = (accounts: number): number =>
  PROVIDER_DEFAULT_MINUTES + 2 * provisioningMinutes(accounts);

/** The engine's customTimeouts and the framework resources' own `timeouts` input, as Go durations. */
export function fanoutTimeouts(accounts: number): { create: string; update: string; delete: string } {
  const t = `${fanoutTimeoutMinutes(accounts)}m`;
  return { create: t, update: t, delete: t };
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** The reviewer's line for a set-level change, in the words (#27). */
export const fanoutLine = (accounts: number): string =>
  `this change reprovisions the permission set in ${plural(accounts, "account")} (about ` +
  `${plural(provisioningMinutes(accounts), "minute")}; the provider waits up to ${fanoutTimeoutMinutes(accounts)} minutes)`;

/** The reviewer's line for a replaced set: its role in every account is replaced. */
export const roleChurnLine = (setName: string): string =>
  `every account's AWSReservedSSO_${setName}_… role is replaced: references to its ARN (EKS access entries, ` +
  "aws-auth, KMS/S3 policies) break; resolve the new ARN with resolveReservedRoleArn instead of hard-coding it";
