// Drift of the rest of the stack, pure: the expiry schedules (deleted, moved, disabled, re-pointed), the role
// they run as and its policy, and the orgEvents rules with their target, API destination, connection, queue
// and role. What `pulumi up` would write is rebuilt from the plan by the same functions the builders use
// (components/families/expiry.ts, orgEvents.ts), with the IDs AWS holds.
import {
  atExpression,
  membershipRemovalPolicy,
  membershipRemovalTarget,
  schedulerTrust,
} from "../components/families/expiry";
import {
  dispatchEndpoint,
  eventsTrust,
  identityEventPattern,
  invokeDestinationPolicy,
  orgEventPattern,
} from "../components/families/orgEvents";
import { AdminAccessPlan } from "../components/plan";
import { comparablePolicy } from "../components/policy";
import type { DriftKind } from "./drift";
import { DriftLive, LiveDelivery, LiveRole, StackLive } from "./views";

type Add = (kind: DriftKind, subject: string, detail: string) => void;

const same = (a: unknown, b: unknown) => comparablePolicy(a) === comparablePolicy(b);
const accountOf = (arn: string) => arn.split(":")[4] ?? "";

/** The stack's schedules, expiry role, orgEvents rules and role against the plan. */
export function stackDrift(
  plan: AdminAccessPlan,
  live: DriftLive,
  managementAccountId: string | undefined,
  add: Add,
): void {
  const stack = live.stack;
  if (!stack) return;
  expiryDrift(plan, live, stack, managementAccountId, add);
  if (plan.orgEvents && plan.spec.orgEvents) orgEventsDrift(plan, stack, add);
}

/** Each schedule the plan names: there, at the instant, enabled, removing that admin's membership. */
function expiryDrift(
  plan: AdminAccessPlan,
  live: DriftLive,
  stack: StackLive,
  managementAccountId: string | undefined,
  add: Add,
): void {
  const membershipOf = new Map(live.memberships.map((m) => [m.userId, m.membershipId]));
  const expiring = plan.admins.filter((a) => a.expiryResource);
  for (const admin of expiring) {
    const subject = `schedule ${admin.expiryResource}`;
    const s = stack.schedules[admin.userName];
    if (!s) {
      add(
        "missing-resource",
        subject,
        `does not exist: ${admin.userName}'s access would not end at ${admin.expiresAt} (deleted by hand?); ` +
          "pulumi up --refresh creates it",
      );
      continue;
    }
    const userId = live.users[admin.userName]?.userId;
    const wanted = {
      scheduleExpression: atExpression(admin.expiresAt as string),
      state: "ENABLED",
      target: membershipRemovalTarget(live.partition),
      input: comparablePolicy({
        IdentityStoreId: live.identityStoreId,
        MembershipId: (userId && membershipOf.get(userId)) ?? `(no membership of ${admin.userName})`,
      }),
    };
    const actual = {
      scheduleExpression: s.expression,
      state: s.state,
      target: s.targetArn,
      input: comparablePolicy(s.input),
    };
    for (const field of Object.keys(wanted) as (keyof typeof wanted)[])
      if (wanted[field] !== actual[field])
        add("edited", subject, `${field} is ${actual[field]} in AWS, ${wanted[field]} in config`);
  }
  const found = expiring.flatMap((a) => stack.schedules[a.userName] ?? []);
  if (!plan.expiryRoleResource || found.length === 0) return;
  const role = `role ${plan.expiryRoleResource}`;
  if (!stack.expiryRole) {
    add(
      "missing-resource",
      role,
      `the schedules' role ${found[0].roleArn} does not exist: no schedule can end access`,
    );
    return;
  }
  const members = expiring.flatMap((a) => {
    const userId = live.users[a.userName]?.userId;
    const membershipId = userId && membershipOf.get(userId);
    return userId && membershipId ? [{ membershipId, userId }] : [];
  });
  const policy = membershipRemovalPolicy(
    live.partition,
    managementAccountId ?? accountOf(stack.expiryRole.arn),
    live.identityStoreId,
    live.group?.groupId ?? "(no group)",
    members,
  );
  roleDrift(role, stack.expiryRole, schedulerTrust(accountOf(stack.expiryRole.arn)), policy, add);
}

/** A role of the stack: config's trust, exactly config's one inline policy, nothing attached. */
function roleDrift(subject: string, role: LiveRole, trust: unknown, policy: unknown, add: Add): void {
  if (!same(role.trust, trust))
    add(
      "edited",
      subject,
      `its trust policy is ${comparablePolicy(role.trust)} in AWS, ${comparablePolicy(trust)} in config`,
    );
  const names = Object.keys(role.inlinePolicies).sort();
  const matching = names.filter((n) => same(role.inlinePolicies[n], policy));
  if (matching.length === 0)
    add(
      "edited",
      subject,
      `no inline policy of the role (${names.join(", ") || "none"}) is config's ${comparablePolicy(policy)}; ` +
        "pulumi up --refresh rewrites it",
    );
  for (const n of names.filter((n) => matching.length > 0 && !matching.includes(n)))
    add("extra-attachment", subject, `inline policy ${n} is on the role, not in config`);
  for (const arn of role.attached)
    add("extra-attachment", subject, `managed policy ${arn} is attached to the role, not in config`);
}

/** Both rules: there, matching config's events, enabled, posting to config's repository; and their role. */
function orgEventsDrift(plan: AdminAccessPlan, stack: StackLive, add: Add): void {
  const o = plan.orgEvents!;
  const repository = plan.spec.orgEvents!.repository;
  const paths = [
    [o, stack.orgRule, orgEventPattern()],
    [o.identity, stack.identityRule, identityEventPattern()],
  ] as const;
  for (const [names, rule, pattern] of paths) {
    if (!rule) {
      add("missing-resource", `rule ${names.rule}`, "does not exist: pulumi up --refresh creates it");
      continue;
    }
    deliveryDrift(names, rule, pattern, repository, add);
  }
  const { orgRule, identityRule, orgEventsRole: role } = stack;
  // The role names both rules and both destinations: with one missing (reported above) it cannot match.
  if (!orgRule?.destination || !identityRule?.destination) return;
  const roleArn = orgRule.targets[0]?.roleArn ?? identityRule.targets[0]?.roleArn;
  if (!roleArn) return;
  if (!role) {
    add(
      "missing-resource",
      `role ${o.role}`,
      `the targets' role ${roleArn} does not exist: no dispatch is posted`,
    );
    return;
  }
  const rules = [orgRule.ruleArn, identityRule.ruleArn];
  const destinations = [orgRule.destination.arn, identityRule.destination.arn];
  roleDrift(
    `role ${o.role}`,
    role,
    eventsTrust(accountOf(role.arn), rules),
    invokeDestinationPolicy(destinations),
    add,
  );
}

function deliveryDrift(
  names: { rule: string; target: string; destination: string; queue: string },
  rule: LiveDelivery,
  pattern: unknown,
  repository: string,
  add: Add,
): void {
  const subject = `rule ${names.rule}`;
  if (!same(rule.pattern, pattern))
    add(
      "edited",
      subject,
      `eventPattern is ${comparablePolicy(rule.pattern)} in AWS, ${comparablePolicy(pattern)} in config`,
    );
  if (rule.state !== "ENABLED") add("edited", subject, `state is ${rule.state} in AWS, ENABLED in config`);
  const [target, ...others] = rule.targets;
  for (const t of others)
    add(
      "extra-attachment",
      subject,
      `a second target ${t.arn} on the rule, not in config: events go there too`,
    );
  if (!target) {
    add("missing-resource", `target ${names.target}`, "the rule has no target: no dispatch is posted");
    return;
  }
  const d = rule.destination;
  if (!d)
    add("missing-resource", `destination ${names.destination}`, `the target's ${target.arn} does not exist`);
  else {
    const endpoint = dispatchEndpoint(repository);
    if (d.endpoint !== endpoint)
      add(
        "edited",
        `destination ${names.destination}`,
        `invocationEndpoint is ${d.endpoint} in AWS, ${endpoint} in config: dispatches go elsewhere`,
      );
    if (d.method !== "POST")
      add("edited", `destination ${names.destination}`, `httpMethod is ${d.method} in AWS, POST in config`);
    if (d.connectionState !== "AUTHORIZED")
      add(
        "edited",
        `destination ${names.destination}`,
        `its connection is ${d.connectionState ?? "missing"}, not AUTHORIZED: no dispatch is posted ` +
          "(update the token secret, then pulumi up --refresh)",
      );
  }
  if (!target.deadLetterArn)
    add(
      "edited",
      `target ${names.target}`,
      "has no dead-letter queue in AWS; config keeps failed dispatches",
    );
  if (rule.undelivered)
    add(
      "undelivered-events",
      `queue ${names.queue}`,
      `${rule.undelivered} dispatch(es) could not be delivered to GitHub (a token GitHub refused?): ` +
        "a drift check they asked for never ran; read them in the dead-letter queue",
    );
}
