// The read-only view of the stack's resources beyond Identity Center: the expiry schedules and their role, and
// the orgEvents rules with their target, API destination, connection, dead-letter queue and role. Names Pulumi
// generated (a rule is `<child name>-<7 hex>`) are found by that pattern; the rest by what the rule's target
// names. A missing thing is undefined, never an error.
import {
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  ResourceNotFoundException as EventsNotFound,
} from "@aws-sdk/client-eventbridge";
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { GetScheduleCommand, ResourceNotFoundException as ScheduleNotFound } from "@aws-sdk/client-scheduler";
import { GetQueueAttributesCommand, GetQueueUrlCommand, QueueDoesNotExist } from "@aws-sdk/client-sqs";
import { scheduleName } from "../components/families/expiry";
import { orgEventsRegion } from "../components/families/orgEvents";
import { AdminAccessPlan } from "../components/plan";
import { LiveDelivery, LiveRole, LiveSchedule, StackLive } from "../analysis/views";
import { StackClients } from "./clients";

const NOT_FOUND = [EventsNotFound, NoSuchEntityException, ScheduleNotFound, QueueDoesNotExist];

async function ifFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (NOT_FOUND.some((type) => err instanceof type)) return undefined;
    throw err;
  }
}

/** An ARN's resource part after `type/`: its name (`name/uuid` for connections and destinations). */
const nameIn = (arn: string, type: string) => arn.split(`:${type}/`)[1]?.split("/")[0] ?? "";
const json = (text: string | undefined): unknown => (text ? JSON.parse(decodeURIComponent(text)) : undefined);
const parse = (text: string | undefined): unknown => (text ? JSON.parse(text) : undefined);

export class StackReader {
  constructor(private readonly clients: StackClients) {}

  /** A schedule of the default group, in the stack's region. */
  async schedule(name: string): Promise<LiveSchedule | undefined> {
    const s = await ifFound(
      this.clients.scheduler.send(new GetScheduleCommand({ Name: name, GroupName: "default" })),
    );
    return (
      s && {
        expression: s.ScheduleExpression ?? "",
        state: s.State ?? "",
        targetArn: s.Target?.Arn ?? "",
        roleArn: s.Target?.RoleArn ?? "",
        input: parse(s.Target?.Input),
      }
    );
  }

  /** A role by ARN: its trust, its inline policies by name and its attached policies. */
  async role(arn: string): Promise<LiveRole | undefined> {
    const RoleName = arn.split("/").pop() as string;
    const found = await ifFound(this.clients.iam.send(new GetRoleCommand({ RoleName })));
    if (!found?.Role) return undefined;
    const names: string[] = [];
    for await (const page of paginateListRolePolicies({ client: this.clients.iam }, { RoleName }))
      names.push(...(page.PolicyNames ?? []));
    const attached: string[] = [];
    for await (const page of paginateListAttachedRolePolicies({ client: this.clients.iam }, { RoleName }))
      attached.push(...(page.AttachedPolicies ?? []).map((p) => p.PolicyArn as string));
    const inlinePolicies: Record<string, unknown> = {};
    for (const PolicyName of names) {
      const p = await this.clients.iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }));
      inlinePolicies[PolicyName] = json(p.PolicyDocument);
    }
    return { arn, trust: json(found.Role.AssumeRolePolicyDocument), inlinePolicies, attached };
  }

  /** Every rule on the default bus whose name Pulumi generated from `child`, with what its target names. */
  async deliveries(region: string, child: string): Promise<LiveDelivery[]> {
    const events = this.clients.events(region);
    const generated = new RegExp(`^${child.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-[0-9a-f]{7}$`);
    const rules = (await events.send(new ListRulesCommand({ NamePrefix: `${child}-` }))).Rules ?? [];
    return Promise.all(
      rules
        .filter((r) => generated.test(r.Name ?? ""))
        .map(async (r) => {
          const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: r.Name }))).Targets ?? [];
          const delivery: LiveDelivery = {
            ruleArn: r.Arn as string,
            pattern: parse(r.EventPattern),
            state: r.State ?? "",
            targets: targets.map((t) => ({
              arn: t.Arn as string,
              roleArn: t.RoleArn,
              deadLetterArn: t.DeadLetterConfig?.Arn,
            })),
          };
          const first = delivery.targets[0];
          if (first?.arn.includes(":api-destination/"))
            delivery.destination = await this.destination(region, first.arn);
          if (first?.deadLetterArn) delivery.undelivered = await this.waiting(region, first.deadLetterArn);
          return delivery;
        }),
    );
  }

  private async destination(region: string, arn: string): Promise<LiveDelivery["destination"]> {
    const events = this.clients.events(region);
    const d = await ifFound(
      events.send(new DescribeApiDestinationCommand({ Name: nameIn(arn, "api-destination") })),
    );
    if (!d) return undefined;
    const connection = d.ConnectionArn
      ? await ifFound(
          events.send(new DescribeConnectionCommand({ Name: nameIn(d.ConnectionArn, "connection") })),
        )
      : undefined;
    return {
      arn: d.ApiDestinationArn ?? arn,
      endpoint: d.InvocationEndpoint ?? "",
      method: d.HttpMethod ?? "",
      connectionState: connection?.ConnectionState,
    };
  }

  /** Messages waiting in a queue, by its ARN; undefined when it does not exist. */
  private async waiting(region: string, arn: string): Promise<number | undefined> {
    const [, , , , QueueOwnerAWSAccountId, QueueName] = arn.split(":");
    const sqs = this.clients.sqs(region);
    const url = await ifFound(sqs.send(new GetQueueUrlCommand({ QueueName, QueueOwnerAWSAccountId })));
    if (!url?.QueueUrl) return undefined;
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url.QueueUrl,
        AttributeNames: ["ApproximateNumberOfMessages"],
      }),
    );
    return Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
  }
}

/**
 * What the plan's expiry and orgEvents resources are in AWS. Of several rules of the same generated name (two
 * stacks with one component name in one account), the one posting to the stack's repository.
 */
export async function gatherStack(
  reader: StackReader,
  plan: AdminAccessPlan,
  stack: string,
  component: string,
  partition: string,
  region: string,
): Promise<StackLive> {
  const expiring = plan.admins.filter((a) => a.expiryResource);
  const schedules = Object.fromEntries(
    await Promise.all(
      expiring.map(
        async (a) => [a.userName, await reader.schedule(scheduleName(stack, component, a.userName))] as const,
      ),
    ),
  );
  const roleArn = Object.values(schedules).find((s) => s?.roleArn)?.roleArn;
  const live: StackLive = { schedules, expiryRole: roleArn ? await reader.role(roleArn) : undefined };
  const o = plan.orgEvents;
  const repository = plan.spec.orgEvents?.repository;
  if (!o || !repository) return live;
  const pick = (all: LiveDelivery[]) =>
    all.find((d) => d.destination?.endpoint.includes(`/repos/${repository}/`)) ?? all[0];
  live.orgRule = pick(await reader.deliveries(orgEventsRegion(partition), o.rule));
  live.identityRule = pick(await reader.deliveries(region, o.identity.rule));
  const eventsRole = live.orgRule?.targets[0]?.roleArn ?? live.identityRule?.targets[0]?.roleArn;
  live.orgEventsRole = eventsRole ? await reader.role(eventsRole) : undefined;
  return live;
}
