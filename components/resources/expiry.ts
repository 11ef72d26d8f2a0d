// Registers the expiry family. Ends access at each expiresAt between deploys: one EventBridge Scheduler
// schedule per admin fires once, at that instant in UTC, and calls identitystore:DeleteGroupMembership on
// that admin's membership, as one role trusted only by the scheduler of this account and allowed only that
// call on this identity store, group and memberships. The next `pulumi up`, the admin now expired, deletes
// a membership that is already gone without error: the provider treats ResourceNotFoundException on delete
// as deleted (hashicorp/terraform-provider-aws internal/service/identitystore/group_membership.go, and
// scheduler/schedule.go for the schedule that deleted itself).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  atExpression,
  ExpiryPlan,
  membershipRemovalPolicy,
  membershipRemovalTarget,
  scheduleName,
  schedulerTrust,
} from "../families/expiry";
import { PlannedAdmin } from "../families/users";
import { BuildContext } from "./context";

export function buildExpiry(
  ctx: BuildContext,
  componentName: string,
  expiry: ExpiryPlan | undefined,
  admins: PlannedAdmin[],
  memberships: Map<string, aws.identitystore.GroupMembership>,
  groupId: pulumi.Output<string>,
): void {
  if (!expiry) return;
  const { parent, partition, identityStoreId } = ctx;
  const account = aws.getCallerIdentityOutput({}, parent).accountId;
  const role = new aws.iam.Role(
    expiry.role,
    {
      description: "Lets EventBridge Scheduler end administrator access at each admin's expiresAt",
      assumeRolePolicy: account.apply((accountId) => JSON.stringify(schedulerTrust(accountId))),
    },
    parent,
  );
  const expiring = admins.filter((a) => a.expiryResource);
  // An admin with an expiry to come has not expired, so it has a membership.
  const membershipOf = (a: PlannedAdmin) => memberships.get(a.userName) as aws.identitystore.GroupMembership;
  const members = expiring.map((a) => {
    const m = membershipOf(a);
    return pulumi
      .all([m.membershipId, m.memberId])
      .apply(([membershipId, userId]) => ({ membershipId, userId }));
  });
  // The identity store belongs to the management account, whoever deploys (see membershipRemovalPolicy);
  // the component always resolves against the live organization, so it is known here.
  const storeOwner = ctx.resolved.apply((r) => r.managementAccountId as string);
  const policy = new aws.iam.RolePolicy(
    expiry.policy,
    {
      role: role.id,
      policy: pulumi
        .all([partition, storeOwner, identityStoreId, groupId, pulumi.all(members)])
        .apply(([p, owner, store, group, removed]) =>
          JSON.stringify(membershipRemovalPolicy(p, owner, store, group, removed)),
        ),
    },
    parent,
  );
  for (const admin of expiring) {
    new aws.scheduler.Schedule(
      admin.expiryResource as string,
      {
        name: scheduleName(pulumi.getStack(), componentName, admin.userName),
        description: `Ends ${admin.userName}'s administrator access at ${admin.expiresAt}`,
        scheduleExpression: atExpression(admin.expiresAt as string),
        scheduleExpressionTimezone: "UTC",
        flexibleTimeWindow: { mode: "OFF" },
        actionAfterCompletion: "DELETE",
        target: {
          arn: partition.apply(membershipRemovalTarget),
          roleArn: role.arn,
          input: pulumi
            .all([identityStoreId, membershipOf(admin).membershipId])
            .apply(([IdentityStoreId, MembershipId]) => JSON.stringify({ IdentityStoreId, MembershipId })),
          // Retried for a day: a throttled or briefly failing call must not leave access in place.
          retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86400 },
        },
      },
      { ...parent, dependsOn: [policy] },
    );
  }
}
