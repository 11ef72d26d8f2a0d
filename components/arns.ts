// ARNs and URLs that depend on the partition, pure, for the builders and the offline views alike.
import { AdminAccessConfigError } from "./errors";

/** The AWS managed policy that the permission set grants. */
export const ADMINISTRATOR_POLICY = "AdministratorAccess";

/** The partition a region belongs to, for offline views where no provider can say. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith("us-gov-")) return "aws-us-gov";
  if (region?.startsWith("cn-")) return "aws-cn";
  return "aws";
}

/** The ARN of the AdministratorAccess managed policy in a partition (aws, aws-us-gov, aws-cn, …). */
export function administratorPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/${ADMINISTRATOR_POLICY}`;
}

/** A managed policy ARN of the provider's partition; one of another partition fails before it reaches AWS. */
export function samePartition(arn: string, partition: string): string {
  if (!arn.startsWith(`arn:${partition}:`)) {
    throw new AdminAccessConfigError([
      `permissionSet.permissionsBoundary.managedPolicyArn: "${arn}" is not in this stack's partition (${partition}); ` +
        `write arn:${partition}:iam::aws:policy/…`,
    ]);
  }
  return arn;
}

/** The AWS access portal's default URL; a customised alias cannot be discovered, hence the override. */
export function accessPortalUrl(partition: string, identityStoreId: string): string {
  switch (partition) {
    case "aws-us-gov":
      return `https://start.us-gov-home.awsapps.com/directory/${identityStoreId}`;
    case "aws-cn":
      return `https://start.home.awsapps.cn/directory/${identityStoreId}`;
    default:
      return `https://${identityStoreId}.awsapps.com/start`;
  }
}
