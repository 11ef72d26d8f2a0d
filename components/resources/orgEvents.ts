// Registers the orgEvents family (see components/families/orgEvents.ts): the Organizations path in the region
// where Organizations events arrive, through the resources' own `region` argument (pulumi-aws v7), so that the
// stack's provider and its credentials serve it; the identity path in the stack's region. The GitHub token is read from Secrets Manager at deploy
// time and reaches the connection, and so the state, only as a secret; EventBridge keeps its own copy in a
// secret it manages (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdminAccessConfigError } from "../errors";
import {
  deadLetterPolicy,
  DeliveryPlan,
  dispatchEndpoint,
  dispatchInput,
  DLQ_RETENTION_SECONDS,
  eventsTrust,
  identityEventPattern,
  INVOCATIONS_PER_SECOND,
  invokeDestinationPolicy,
  orgEventPattern,
  OrgEventsPlan,
  orgEventsRegion,
  RETRY_POLICY,
  secretProblems,
  secretRegion,
} from "../families/orgEvents";
import { OrgEventsSpec } from "../spec";
import { BuildContext } from "./context";

export function buildOrgEvents(
  ctx: BuildContext,
  plan: OrgEventsPlan | undefined,
  spec: OrgEventsSpec | undefined,
): void {
  if (!plan || !spec) return;
  const { parent } = ctx;
  // A secret of another partition fails before anything is registered that would need it.
  const partition = ctx.partition.apply((p) => {
    const problems = secretProblems(spec.tokenSecretArn, p);
    if (problems.length > 0) throw new AdminAccessConfigError(problems);
    return p;
  });
  const account = aws.getCallerIdentityOutput({}, parent).accountId;
  const token = aws.secretsmanager
    .getSecretVersionOutput(
      { secretId: spec.tokenSecretArn, region: secretRegion(spec.tokenSecretArn) },
      parent,
    )
    .secretString.apply((t) => pulumi.secret(t));
  const org = buildDelivery(ctx, plan, spec, token, {
    region: partition.apply(orgEventsRegion),
    pattern: orgEventPattern(),
    what: "Organizations account changes",
  });
  // The stack's own region (no region argument): where the identity store's calls are recorded.
  const identity = buildDelivery(ctx, plan.identity, spec, token, {
    pattern: identityEventPattern(),
    what: "Identity Store user, group and membership changes",
  });
  const rules = pulumi.all([org.rule.arn, identity.rule.arn]);
  const role = new aws.iam.Role(
    plan.role,
    {
      description: `Lets EventBridge post ${spec.repository}'s repository_dispatch on Organizations and Identity Store events`,
      assumeRolePolicy: pulumi.all([account, rules]).apply(([a, r]) => JSON.stringify(eventsTrust(a, r))),
    },
    parent,
  );
  const policy = new aws.iam.RolePolicy(
    plan.rolePolicy,
    {
      role: role.id,
      policy: pulumi
        .all([org.destination.arn, identity.destination.arn])
        .apply((d) => JSON.stringify(invokeDestinationPolicy(d))),
    },
    parent,
  );
  for (const [names, built] of [
    [plan, org],
    [plan.identity, identity],
  ] as const)
    new aws.cloudwatch.EventTarget(
      names.target,
      {
        region: built.region,
        rule: built.rule.name,
        arn: built.destination.arn,
        roleArn: role.arn,
        inputTransformer: dispatchInput(spec.eventType),
        retryPolicy: RETRY_POLICY,
        deadLetterConfig: { arn: built.queue.arn },
      },
      { ...parent, dependsOn: [policy] },
    );
}

/** A rule on the default bus and what posts its matches to GitHub: connection, destination, dead-letter queue. */
function buildDelivery(
  ctx: BuildContext,
  names: DeliveryPlan,
  spec: OrgEventsSpec,
  token: pulumi.Output<string>,
  how: { region?: pulumi.Output<string>; pattern: object; what: string },
) {
  const { parent } = ctx;
  const region = how.region;
  const rule = new aws.cloudwatch.EventRule(
    names.rule,
    {
      region,
      description: `${how.what}: posts a ${spec.eventType} repository_dispatch to ${spec.repository}`,
      eventPattern: JSON.stringify(how.pattern),
    },
    parent,
  );
  const connection = new aws.cloudwatch.EventConnection(
    names.connection,
    {
      region,
      description: `GitHub token for ${spec.repository}'s repository_dispatch`,
      authorizationType: "API_KEY",
      authParameters: {
        apiKey: { key: "Authorization", value: pulumi.secret(pulumi.interpolate`Bearer ${token}`) },
        invocationHttpParameters: {
          headers: [
            { key: "Accept", value: "application/vnd.github+json", isValueSecret: false },
            { key: "X-GitHub-Api-Version", value: "2022-11-28", isValueSecret: false },
          ],
        },
      },
    },
    parent,
  );
  const destination = new aws.cloudwatch.EventApiDestination(
    names.destination,
    {
      region,
      description: `repository_dispatch of ${spec.repository}`,
      connectionArn: connection.arn,
      invocationEndpoint: dispatchEndpoint(spec.repository),
      httpMethod: "POST",
      invocationRateLimitPerSecond: INVOCATIONS_PER_SECOND,
    },
    parent,
  );
  const queue = new aws.sqs.Queue(
    names.queue,
    { region, messageRetentionSeconds: DLQ_RETENTION_SECONDS, sqsManagedSseEnabled: true },
    parent,
  );
  new aws.sqs.QueuePolicy(
    names.queuePolicy,
    {
      region,
      queueUrl: queue.url,
      policy: pulumi.all([queue.arn, rule.arn]).apply(([q, r]) => JSON.stringify(deadLetterPolicy(q, r))),
    },
    parent,
  );
  return { region, rule, destination, queue };
}
