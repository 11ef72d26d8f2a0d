// Registers the permission-set family: the set and everything attached to it, or looks an existing set up.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { administratorPolicyArn, samePartition } from "../arns";
import { sameIdOnReplace } from "../families";
import { withSessionCuts } from "../families/expiry";
import { fanoutTimeouts } from "../families/fanout";
import { PermissionSetPlan } from "../families/permissionSet";
import { TYPES } from "../families/types";
import { serializePolicy } from "../policy";
import { PermissionSetSpec } from "../spec";
import { BuildContext } from "./context";

export interface BuiltPermissionSet {
  arn: pulumi.Output<string>;
  /** Everything attached to the set: no account is given the set before all of it is on it. */
  attachments: pulumi.Resource[];
  /** The per-policy attachments of earlier releases, registered with retainOnDelete (components/migration.ts). */
  legacy: pulumi.CustomResource[];
}

/**
 * Every change to the set or to what is attached to it reprovisions the set in every account it is
 * provisioned to, and the provider waits: each such child waits as long as `accounts` accounts take
 * (families/fanout.ts). The exclusive resources are plugin-framework resources, for which the bridge drops
 * customTimeouts (pulumi-terraform-bridge pf/tfbridge/provider_create.go: Create's `timeout` is unused; issue
 * #827 open), so they also get their own `timeouts` input, which the provider reads (CreateTimeout, UpdateTimeout).
 */
export const fanoutOptions = (accounts: number) => ({ customTimeouts: fanoutTimeouts(accounts) });
const frameworkTimeouts = (accounts: number) => {
  const { create, update } = fanoutTimeouts(accounts);
  return { create, update };
};

/**
 * The set's AWS-managed policy list, owned whole by one exclusive resource, after the per-policy attachment of
 * earlier releases, kept on delete (families/permissionSet.ts, Migration): the per-policy create
 * attaches first, so the exclusive one finds nothing to attach twice (the provider's per-policy create fails
 * on a policy already attached).
 */
export function buildManagedList(
  ctx: BuildContext,
  on: { instanceArn: pulumi.Input<string>; permissionSetArn: pulumi.Input<string> },
  names: { list: string; legacy: string },
  accounts: number,
): pulumi.Resource[] {
  const { parent, partition } = ctx;
  const timing = fanoutOptions(accounts);
  const legacy = new aws.ssoadmin.ManagedPolicyAttachment(
    names.legacy,
    { ...on, managedPolicyArn: partition.apply(administratorPolicyArn) },
    { ...parent, ...timing, retainOnDelete: true },
  );
  const list = new aws.ssoadmin.ManagedPolicyAttachmentsExclusive(
    names.list,
    {
      ...on,
      managedPolicyArns: [partition.apply(administratorPolicyArn)],
      timeouts: frameworkTimeouts(accounts),
    },
    { ...parent, ...timing, dependsOn: [legacy] },
  );
  return [legacy, list];
}

/**
 * The member set's customer-managed policy list, owned whole the same way, after the per-policy attachments
 * it replaces. Registered when config lists none too: then it detaches every one attached by hand.
 */
function buildCustomerList(
  ctx: BuildContext,
  on: { instanceArn: pulumi.Input<string>; permissionSetArn: pulumi.Input<string> },
  name: string,
  customer: { ref: pulumi.Input<{ name: string; path: string }>; legacy: string }[],
  accounts: number,
): pulumi.Resource[] {
  const { parent } = ctx;
  const timing = fanoutOptions(accounts);
  const legacy = customer.map(
    (c) =>
      new aws.ssoadmin.CustomerManagedPolicyAttachment(
        c.legacy,
        { ...on, customerManagedPolicyReference: c.ref },
        { ...parent, ...timing, retainOnDelete: true },
      ),
  );
  const list = new aws.ssoadmin.CustomerManagedPolicyAttachmentsExclusive(
    name,
    {
      ...on,
      customerManagedPolicyReferences: customer.map((c) => c.ref),
      timeouts: frameworkTimeouts(accounts),
    },
    { ...parent, ...timing, dependsOn: legacy },
  );
  return [...legacy, list];
}

export function buildPermissionSet(
  ctx: BuildContext,
  plan: PermissionSetPlan | undefined,
  ps: PermissionSetSpec,
  userIds: Record<string, pulumi.Output<string>>,
  /** The accounts the set is assigned in, which each of its changes reprovisions. */
  accounts: number,
): BuiltPermissionSet {
  const { instanceArn, parent, partition } = ctx;
  const secret = <T>(value: T) => ctx.input("permissionSet", value);
  const timing = fanoutOptions(accounts);
  if (!plan) {
    const arn = aws.ssoadmin.getPermissionSetOutput({ instanceArn, name: secret(ps.name) }, parent).arn;
    return { arn, attachments: [], legacy: [] };
  }
  const set = new aws.ssoadmin.PermissionSet(
    plan.permissionSetResource,
    {
      instanceArn,
      name: secret(ps.name),
      description: secret(ps.description),
      sessionDuration: secret(ps.sessionDuration),
      relayState: secret(ps.relayState),
      // An Output, even when not secret: the SDK writes a plain input map as `${map}` while registering
      // (@pulumi/pulumi runtime/rpc.js transferProperties, safeToString), which throws for a tag named
      // toString; an Output it names "Output<T>" and serializes key by key.
      tags: pulumi.output(secret(ps.tags)),
    },
    { ...parent, ...timing, protect: ctx.protect },
  );
  const on = { instanceArn, permissionSetArn: set.arn };
  const attachments = [
    ...buildManagedList(
      ctx,
      on,
      { list: plan.managedPoliciesResource, legacy: plan.policyAttachmentResource },
      accounts,
    ),
    ...buildCustomerList(
      ctx,
      on,
      plan.customerPoliciesResource,
      plan.customerPolicyResources.map((ref) => ({
        ref: secret({ name: ref.name, path: ref.path }),
        legacy: ref.resource,
      })),
      accounts,
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
      new aws.ssoadmin.PermissionSetInlinePolicy(
        plan.inlinePolicyResource,
        { ...on, inlinePolicy },
        { ...parent, ...timing },
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
        { ...parent, ...timing, retainOnDelete },
      ),
    );
  }
  return { arn: set.arn, attachments, legacy: retainedOf(attachments) };
}

/** The attachments registered with retainOnDelete for the migration: the per-policy ones. */
export const retainedOf = (attachments: pulumi.Resource[]): pulumi.CustomResource[] =>
  attachments.filter(
    (r): r is pulumi.CustomResource =>
      r instanceof aws.ssoadmin.ManagedPolicyAttachment ||
      r instanceof aws.ssoadmin.CustomerManagedPolicyAttachment,
  );
