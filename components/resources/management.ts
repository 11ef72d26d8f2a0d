// Registers the management-account family: the management account's own set with AdministratorAccess, and
// the break-glass users' direct assignments of it there.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlannedAssignment } from "../families/assignments";
import { withSessionCuts } from "../families/expiry";
import { ManagementPlan } from "../families/managementPermissionSet";
import { serializePolicy } from "../policy";
import { ManagementPermissionSetSpec } from "../spec";
import { buildAssignments } from "./assignments";
import { BuildContext } from "./context";
import { buildManagedList, BuiltPermissionSet, fanoutOptions, retainedOf } from "./permissionSet";

export function buildManagementSet(
  ctx: BuildContext,
  plan: ManagementPlan,
  spec: ManagementPermissionSetSpec,
  userIds: Record<string, pulumi.Output<string>>,
): BuiltPermissionSet {
  const { instanceArn, parent } = ctx;
  // Provisioned to the management account alone.
  const accounts = 1;
  const secret = <T>(value: T) => ctx.input("managementPermissionSet", value);
  const set = new aws.ssoadmin.PermissionSet(
    plan.permissionSetResource,
    {
      instanceArn,
      name: secret(spec.name),
      description: secret(spec.description),
      sessionDuration: secret(spec.sessionDuration),
      tags: pulumi.output(secret(spec.tags)), // an Output: see permissionSet.ts
    },
    { ...parent, ...fanoutOptions(accounts), protect: ctx.protect },
  );
  // Config declares no customer-managed policy here, so no list of them is owned: one attached by hand (a
  // guardrail someone added) stays, and the audit reports it.
  const attachments = buildManagedList(
    ctx,
    { instanceArn, permissionSetArn: set.arn },
    { list: plan.managedPoliciesResource, legacy: plan.policyAttachmentResource },
    accounts,
  );
  if (plan.inlinePolicyResource) {
    // The same denies as the member set's, for the same user IDs (families/expiry.ts, withSessionCuts).
    const cuts = plan.sessionCuts.map((c) =>
      pulumi.all(c.userNames.map((u) => userIds[u])).apply((ids) => ({ instant: c.instant, userIds: ids })),
    );
    const inlinePolicy = ctx.input<string>(
      "managementPermissionSet",
      pulumi.all(cuts).apply((resolved) => serializePolicy(withSessionCuts(undefined, resolved))),
    );
    attachments.push(
      new aws.ssoadmin.PermissionSetInlinePolicy(
        plan.inlinePolicyResource,
        { instanceArn, permissionSetArn: set.arn, inlinePolicy },
        { ...parent, ...fanoutOptions(accounts) },
      ),
    );
  }
  return { arn: set.arn, attachments, legacy: retainedOf(attachments) };
}

/**
 * Each break-glass user's direct (USER) assignment of the management set on the management account: an
 * existing user, looked up by userName; protected with the rest, since it is the way back in.
 */
export function buildBreakGlass(
  ctx: BuildContext,
  plan: ManagementPlan,
  set: BuiltPermissionSet,
): aws.ssoadmin.AccountAssignment[] {
  const { identityStoreId, instanceArn, parent } = ctx;
  return plan.breakGlass.map((user) => {
    const principalId = aws.identitystore.getUserOutput(
      {
        identityStoreId,
        alternateIdentifier: {
          uniqueAttribute: { attributePath: "UserName", attributeValue: user.userName },
        },
      },
      parent,
    ).userId;
    return new aws.ssoadmin.AccountAssignment(
      user.resource,
      {
        instanceArn,
        permissionSetArn: set.arn,
        principalId,
        principalType: "USER",
        targetId: plan.accountId,
        targetType: "AWS_ACCOUNT",
      },
      { ...parent, protect: ctx.protect, dependsOn: set.attachments },
    );
  });
}

/**
 * What the resolved targets decide: the management set (only with includeManagementAccount), the group's
 * assignment in each account (the management account's with its own set) and the break-glass assignments.
 */
export function buildAccountAccess(
  ctx: BuildContext,
  planned: { management?: ManagementPlan; assignments: PlannedAssignment[] },
  spec: ManagementPermissionSetSpec,
  member: BuiltPermissionSet,
  groupId: pulumi.Output<string>,
  userIds: Record<string, pulumi.Output<string>>,
): {
  assignments: aws.ssoadmin.AccountAssignment[];
  breakGlass: aws.ssoadmin.AccountAssignment[];
  legacy: pulumi.CustomResource[];
} {
  const plan = planned.management;
  const management = plan && buildManagementSet(ctx, plan, spec, userIds);
  const assignments = buildAssignments(
    ctx,
    planned.assignments,
    (accountId) => (management && accountId === plan.accountId ? management : member),
    groupId,
  );
  return {
    assignments,
    breakGlass: plan && management ? buildBreakGlass(ctx, plan, management) : [],
    legacy: management?.legacy ?? [],
  };
}
