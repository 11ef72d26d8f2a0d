// Registers the management-account family: the management account's own set with AdministratorAccess, and
// the break-glass users' direct assignments of it there.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planAssignments } from "../families/assignments";
import { ManagementPlan, ManagementResolution, planManagement } from "../families/managementPermissionSet";
import { AdminAccessSpec, ManagementPermissionSetSpec } from "../spec";
import { buildAssignments } from "./assignments";
import { BuildContext } from "./context";
import { buildManagedList, BuiltPermissionSet, fanoutOptions } from "./permissionSet";

export function buildManagementSet(
  ctx: BuildContext,
  plan: ManagementPlan,
  spec: ManagementPermissionSetSpec,
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
  return { arn: set.arn, attachments };
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
  name: string,
  spec: AdminAccessSpec,
  resolution: ManagementResolution,
  member: BuiltPermissionSet,
  groupId: pulumi.Output<string>,
): { assignments: aws.ssoadmin.AccountAssignment[]; breakGlass: aws.ssoadmin.AccountAssignment[] } {
  const plan = planManagement(name, spec, resolution);
  const management = plan && buildManagementSet(ctx, plan, spec.managementPermissionSet);
  const assignments = buildAssignments(
    ctx,
    planAssignments(name, resolution.targets, spec.assignmentConcurrency),
    (accountId) => (management && accountId === plan.accountId ? management : member),
    groupId,
  );
  return { assignments, breakGlass: plan && management ? buildBreakGlass(ctx, plan, management) : [] };
}
