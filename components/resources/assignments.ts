// Registers the assignments family: one GROUP assignment per account; with lanes, each waits for the
// previous one of its lane.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlannedAssignment } from "../families/assignments";
import { BuildContext } from "./context";

export function buildAssignments(
  ctx: BuildContext,
  planned: PlannedAssignment[],
  setFor: (accountId: string) => { arn: pulumi.Output<string>; attachments: pulumi.Resource[] },
  groupId: pulumi.Output<string>,
): aws.ssoadmin.AccountAssignment[] {
  const created = new Map<string, aws.ssoadmin.AccountAssignment>();
  for (const assignment of planned) {
    const permissionSet = setFor(assignment.accountId);
    const previous = assignment.after === undefined ? undefined : created.get(assignment.after);
    const dependsOn = [...permissionSet.attachments, ...(previous ? [previous] : [])];
    const resource = new aws.ssoadmin.AccountAssignment(
      assignment.resource,
      {
        instanceArn: ctx.instanceArn,
        permissionSetArn: permissionSet.arn,
        principalId: groupId,
        // Administrator access goes to the group only, never to a user directly.
        principalType: "GROUP",
        targetId: assignment.accountId,
        targetType: "AWS_ACCOUNT",
      },
      // A set without its policy would be provisioned granting nothing; one without its guardrails, too much.
      { ...ctx.parent, dependsOn },
    );
    created.set(assignment.accountId, resource);
  }
  return [...created.values()];
}
