// Registers the orgEvents family (see components/families/orgEvents.ts): every resource in the region where
// Organizations events arrive, through the resources' own `region` argument (pulumi-aws v7), so that the
// stack's provider and its credentials serve it. The GitHub token is read from Secrets Manager at deploy
// time and reaches the connection, and so the state, only as a secret; EventBridge keeps its own copy in a
// secret it manages (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdminAccessConfigError } from "../errors";
import {
  deadLetterPolicy,
  dispatchEndpoint,
  dispatchInput,
  DLQ_RETENTION_SECONDS,
  eventsTrust,
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
  const region = partition.apply(orgEventsRegion);
  const account = aws.getCallerIdentityOutput({}, parent).accountId;
  const token = aws.secretsmanager
    .getSecretVersionOutput(
      { secretId: spec.tokenSecretArn, region: secretRegion(spec.tokenSecretArn) },
      parent,
    )
    .secretString.apply((t) => pulumi.secret(t));

  const rule = new aws.cloudwatch.EventRule(
    plan.rule,
    {
      region,
      description: `Organizations account changes: posts a ${spec.eventType} repository_dispatch to ${spec.repository}`,
      eventPattern: JSON.stringify(orgEventPattern()),
    },
    parent,
  );
  const connection = new aws.cloudwatch.EventConnection(
    plan.connection,
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
    plan.destination,
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
    plan.queue,
    { region, messageRetentionSeconds: DLQ_RETENTION_SECONDS, sqsManagedSseEnabled: true },
    parent,
  );
  new aws.sqs.QueuePolicy(
    plan.queuePolicy,
    {
      region,
      queueUrl: queue.url,
      policy: pulumi.all([queue.arn, rule.arn]).apply(([q, r]) => JSON.stringify(deadLetterPolicy(q, r))),
    },
    parent,
  );
  const role = new aws.iam.Role(
    plan.role,
    {
      description: `Lets EventBridge post ${spec.repository}'s repository_dispatch on Organizations events`,
      assumeRolePolicy: pulumi.all([account, rule.arn]).apply(([a, r]) => JSON.stringify(eventsTrust(a, r))),
    },
    parent,
  );
  const policy = new aws.iam.RolePolicy(
    plan.rolePolicy,
    { role: role.id, policy: destination.arn.apply((d) => JSON.stringify(invokeDestinationPolicy(d))) },
    parent,
  );
  new aws.cloudwatch.EventTarget(
    plan.target,
    {
      region,
      rule: rule.name,
      arn: destination.arn,
      roleArn: role.arn,
      inputTransformer: dispatchInput(spec.eventType),
      retryPolicy: RETRY_POLICY,
      deadLetterConfig: { arn: queue.arn },
    },
    { ...parent, dependsOn: [policy] },
  );
}
