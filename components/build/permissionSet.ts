// Registers the permission-set family: the set and everything attached to it, or looks an existing set up.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { administratorPolicyArn, samePartition } from "../arns";
import { sameIdOnReplace } from "../families";
import { withSessionCuts } from "../families/expiry";
import { PermissionSetPlan } from "../families/permissionSet";
import { TYPES } from "../families/types";
import { serializePolicy } from "../policy";
import { PermissionSetSpec } from "../spec";
import { BuildContext } from "./context";

export interface BuiltPermissionSet {
  arn: pulumi.Output<string>;
  /** Everything attached to the set: no account is given the set before all of it is on it. */
  attachments: pulumi.Resource[];
}

export function buildPermissionSet(
  ctx: BuildContext,
  plan: PermissionSetPlan | undefined,
  ps: PermissionSetSpec,
  userIds: Record<string, pulumi.Output<string>>,
): BuiltPermissionSet {
  const { instanceArn, parent, partition } = ctx;
  const secret = <T>(value: T) => ctx.input("permissionSet", value);
  if (!plan) {
    const arn = aws.ssoadmin.getPermissionSetOutput({ instanceArn, name: secret(ps.name) }, parent).arn;
    return { arn, attachments: [] };
  }
  const set = new aws.ssoadmin.PermissionSet(
    plan.permissionSetResource,
    {
      instanceArn,
      name: secret(ps.name),
      description: secret(ps.description),
      sessionDuration: secret(ps.sessionDuration),
      relayState: secret(ps.relayState),
      tags: secret(ps.tags),
    },
    { ...parent, protect: ctx.protect },
  );
  const on = { instanceArn, permissionSetArn: set.arn };
  const attachments: pulumi.Resource[] = [
    new aws.ssoadmin.ManagedPolicyAttachment(
      plan.policyAttachmentResource,
      { ...on, managedPolicyArn: partition.apply(administratorPolicyArn) },
      parent,
    ),
  ];
  if (plan.inlinePolicyResource) {
    // The guardrail, plus a deny per expiry instant for the user IDs, known once the users exist.
    const cuts = plan.sessionCuts.map((c) =>
      pulumi.all(c.userNames.map((u) => userIds[u])).apply((ids) => ({ instant: c.instant, userIds: ids })),
    );
    const guardrail = ps.inlinePolicy;
    const inlinePolicy = ctx.input<string>(
      "permissionSet",
      pulumi.all(cuts).apply((resolved) => serializePolicy(withSessionCuts(guardrail, resolved))),
    );
    attachments.push(
      new aws.ssoadmin.PermissionSetInlinePolicy(plan.inlinePolicyResource, { ...on, inlinePolicy }, parent),
    );
  }
  for (const ref of plan.customerPolicyResources) {
    const customerManagedPolicyReference = secret({ name: ref.name, path: ref.path });
    attachments.push(
      new aws.ssoadmin.CustomerManagedPolicyAttachment(
        ref.resource,
        { ...on, customerManagedPolicyReference },
        parent,
      ),
    );
  }
  const boundary = ps.permissionsBoundary;
  if (plan.permissionsBoundaryResource && boundary) {
    const permissionsBoundary = secret(
      "managedPolicyArn" in boundary
        ? { managedPolicyArn: partition.apply((p) => samePartition(boundary.managedPolicyArn, p)) }
        : { customerManagedPolicyReference: boundary.customerManagedPolicy },
    );
    // A changed boundary replaces the attachment under the same ID (families/upstream.ts): the old one's
    // delete would remove the new boundary. Kept on delete rather than deleted first, which would leave the
    // assigned set unbounded for a while (tests/engine/scenarios.engine.ts).
    const retainOnDelete = sameIdOnReplace(TYPES.permissionsBoundary);
    attachments.push(
      new aws.ssoadmin.PermissionsBoundaryAttachment(
        plan.permissionsBoundaryResource,
        { ...on, permissionsBoundary },
        // Kept on delete: the new boundary's Put replaces it, and a delete would drop whichever is in place.
        { ...parent, retainOnDelete },
      ),
    );
  }
  return { arn: set.arn, attachments };
}
