// `npm run bench`: the component against a flat program that registers the same resources directly, both
// under Pulumi's mock runtime in one process, on a synthetic organization; then the pure core at 10,000
// admins. It prints figures; it asserts nothing, so a slow machine cannot fail the build.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdminAccessComponent, AdminAccessComponentArgs } from "../components/adminAccess";
import { validateConfig } from "../components/config";
import { ORGANIZATIONS_PACE, rateFloorSeconds } from "../components/pacing";
import { resolveOrganization } from "../components/resources/context";
import { administratorPolicyArn, planAdminAccess } from "../components/plan";
import { resolveTargets } from "../components/targets";
import { liveClients } from "../live/clients";
import { gatherAudit } from "../live/gather";
import { iamCatalog } from "../live/iamCatalog";
import { managedPolicyLookup } from "../live/managedPolicies";
import { LiveReader } from "../live/reader";
import { AWS_ENV, withEnv } from "../tests/live/env";
import { FakeOrganization, FakePermissionSet, startFakeAws } from "../tests/live/fakeAws";
import { VirtualClock } from "../tests/virtualClock";

const INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
const IDENTITY_STORE_ID = "d-1234567890";
const MANAGEMENT_ACCOUNT = "999999999999";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const accountIds = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000 + i * 7919));

/**
 * A synthetic organization: `admins` admins (one in ten existing) and `accounts` target accounts; `round`
 * makes every name new, so that no per-name result computed in an earlier round is reused.
 */
function syntheticArgs(admins: number, accounts: number, round = 0): AdminAccessComponentArgs {
  const user = (i: number) => (round ? `r${round}-user${i}` : `user${i}`);
  return {
    instanceArn: INSTANCE_ARN,
    identityStoreId: IDENTITY_STORE_ID,
    permissionSet: { sessionDuration: "PT4H", tags: { owner: "platform" } },
    group: { displayName: "Platform Admins" },
    accounts: accountIds(accounts),
    admins: Array.from({ length: admins }, (_, i) =>
      i % 10 === 0
        ? { userName: round ? `r${round}-existing${i}` : `existing${i}`, existing: true }
        : {
            userName: user(i),
            email: `${user(i)}@example.com`,
            givenName: round ? `Given${round}` : "Given",
            familyName: round ? `Family${round}-${i}` : `Family${i}`,
          },
    ),
  };
}

let registered = 0;
async function useFreshMocks(): Promise<void> {
  registered = 0;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered++;
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === "aws:ssoadmin/permissionSet:PermissionSet") state.arn = `${INSTANCE_ARN}/ps-1`;
        if (args.type === "aws:identitystore/group:Group") state.groupId = "group-1";
        if (args.type === "aws:identitystore/user:User") state.userId = `id-${args.inputs.userName}`;
        return { id: args.custom ? `${args.name}-id` : undefined, state };
      },
      call: (args) => {
        switch (args.token) {
          case "aws:index/getPartition:getPartition":
            return { partition: "aws" };
          case "aws:organizations/getOrganization:getOrganization":
            return { masterAccountId: MANAGEMENT_ACCOUNT, accounts: [] };
          case "aws:identitystore/getGroupMemberships:getGroupMemberships":
            return { groupMemberships: [] };
          case "aws:identitystore/getUser:getUser":
            return { userId: `id-${args.inputs.alternateIdentifier.uniqueAttribute.attributeValue}` };
          default:
            throw new Error(`unmocked invoke ${args.token}`);
        }
      },
    },
    "admin-access",
    "bench",
    false,
  );
}

/** The same resources, registered directly by a hand-written program: no validation, plan or lanes. */
function flatProgram(args: AdminAccessComponentArgs): void {
  const partition = aws.getPartitionOutput({}).partition;
  const permissionSet = new aws.ssoadmin.PermissionSet("flat-permission-set", {
    instanceArn: INSTANCE_ARN,
    name: "AdministratorAccess",
    sessionDuration: "PT4H",
    tags: { owner: "platform" },
  });
  const on = { instanceArn: INSTANCE_ARN, permissionSetArn: permissionSet.arn };
  const attachment = new aws.ssoadmin.ManagedPolicyAttachment(
    "flat-policy",
    { ...on, managedPolicyArn: partition.apply(administratorPolicyArn) },
    { retainOnDelete: true },
  );
  const lists = [
    new aws.ssoadmin.ManagedPolicyAttachmentsExclusive(
      "flat-managed-policies",
      { ...on, managedPolicyArns: [partition.apply(administratorPolicyArn)] },
      { dependsOn: [attachment] },
    ),
    new aws.ssoadmin.CustomerManagedPolicyAttachmentsExclusive("flat-customer-policies", {
      ...on,
      customerManagedPolicyReferences: [],
    }),
  ];
  const group = new aws.identitystore.Group("flat-group", {
    identityStoreId: IDENTITY_STORE_ID,
    displayName: "Platform Admins",
  });
  for (const admin of args.admins) {
    const userId = admin.existing
      ? aws.identitystore.getUserOutput({
          identityStoreId: IDENTITY_STORE_ID,
          alternateIdentifier: {
            uniqueAttribute: { attributePath: "UserName", attributeValue: admin.userName },
          },
        }).userId
      : new aws.identitystore.User(`flat-user-${admin.userName}`, {
          identityStoreId: IDENTITY_STORE_ID,
          userName: admin.userName,
          displayName: `${admin.givenName} ${admin.familyName}`,
          name: { givenName: admin.givenName as string, familyName: admin.familyName as string },
          emails: { value: admin.email, primary: true, type: "work" },
        }).userId;
    new aws.identitystore.GroupMembership(`flat-membership-${admin.userName}`, {
      identityStoreId: IDENTITY_STORE_ID,
      groupId: group.groupId,
      memberId: userId,
    });
  }
  for (const accountId of args.accounts ?? []) {
    new aws.ssoadmin.AccountAssignment(
      `flat-assignment-${accountId}`,
      {
        instanceArn: INSTANCE_ARN,
        permissionSetArn: permissionSet.arn,
        principalId: group.groupId,
        principalType: "GROUP",
        targetId: accountId,
        targetType: "AWS_ACCOUNT",
      },
      { dependsOn: [attachment, ...lists] },
    );
  }
}

interface Run {
  seconds: number;
  peakHeapMiB: number;
  resources: number;
}

/** Runs a program to completion under fresh mocks, sampling the heap while it runs. */
async function measure(program: () => void): Promise<Run> {
  await useFreshMocks();
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const start = process.hrtime.bigint();
  program();
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { seconds, peakHeapMiB: peak / 2 ** 20, resources: registered };
}

let timedRounds = 0;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeCore(admins: number, accounts: number): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    // New names each round: what validation computes once per name is computed here every round.
    const args = syntheticArgs(admins, accounts, (timedRounds += 1));
    const start = process.hrtime.bigint();
    const spec = validateConfig(args);
    planAdminAccess(
      "admin-access",
      spec,
      resolveTargets(spec.targets, { managementAccountId: MANAGEMENT_ACCOUNT, organizationalUnits: {} }),
    );
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return median(times);
}

/** Did-you-mean at scale: `unknown` names that match no account of an organization of `size` accounts. */
function timeSuggestions(unknown: number, size: number): number {
  const accounts = accountIds(size).map((id, i) => ({
    id,
    name: `workload-${i}-${(i * 7919).toString(36)}`,
    state: "ACTIVE",
  }));
  const accountNames = Array.from({ length: unknown }, (_, i) => `wrkload-${i * 101}-typo`);
  const targets = { ...validateConfig(syntheticArgs(1, 1)).targets, accounts: [], accountNames };
  const start = process.hrtime.bigint();
  try {
    resolveTargets(targets, { managementAccountId: MANAGEMENT_ACCOUNT, accounts, organizationalUnits: {} });
  } catch {
    // Every name is unknown: the problems, each with its closest names, are the point.
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * The audit through the real AWS SDK against the project's fake AWS on the loopback, which throttles every
 * 50th request: `accounts` accounts and `sets` permission sets (AdministratorAccess on every account, an
 * inline allow-all and a customer-managed set on a tenth, PowerUserAccess and read-only sets everywhere).
 * The clients hold Identity Center calls to AWS's 20 a second, so the wall time should be the requests
 * divided by that rate, not retries.
 */
async function reportAudit(): Promise<void> {
  const accounts = Number(process.env.BENCH_AUDIT_ACCOUNTS ?? 2000);
  const sets = 10;
  const ids = accountIds(accounts);
  const arn = (i: number) => `${INSTANCE_ARN.replace(":instance/", ":permissionSet/")}/ps-${i}`;
  const policies = (i: number): Partial<FakePermissionSet> =>
    i === 0
      ? { managedPolicies: [administratorPolicyArn("aws")] }
      : i === 1
        ? { inlinePolicy: '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}' }
        : i === 2
          ? { customerManagedPolicies: [{ Name: "Ops" }] }
          : i === 3
            ? { managedPolicies: ["arn:aws:iam::aws:policy/PowerUserAccess"] }
            : { managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] };
  const org: FakeOrganization = {
    instance: { arn: INSTANCE_ARN, identityStoreId: IDENTITY_STORE_ID },
    managementAccountId: MANAGEMENT_ACCOUNT,
    accounts: ids.map((Id) => ({ Id, Name: Id, State: "ACTIVE" })),
    permissionSets: Array.from({ length: sets }, (_, i) => ({
      arn: arn(i),
      name: `set-${i}`,
      ...policies(i),
    })),
    groups: [
      { id: "g-admins", displayName: "Platform Admins" },
      { id: "g-ops", displayName: "Ops" },
    ],
    users: [{ id: "u-1", userName: "alice" }],
    memberships: [{ id: "m-1", groupId: "g-admins", userId: "u-1" }],
    assignments: Array.from({ length: sets }, (_, i) =>
      (i === 1 || i === 2 ? ids.slice(0, accounts / 10) : ids).map((accountId) => ({
        accountId,
        permissionSetArn: arn(i),
        principalType: "GROUP" as const,
        principalId: i === 0 ? "g-admins" : "g-ops",
      })),
    ).flat(),
  };
  const fake = await startFakeAws(org, { pageSize: 100, throttleEvery: 50 });
  const spec = validateConfig({ ...syntheticArgs(1, 1), permissionSet: { name: "set-0" } });
  try {
    const report = await withEnv({ ...AWS_ENV, AWS_ENDPOINT_URL: fake.url }, async () => {
      const reader = new LiveReader(liveClients({ region: "eu-west-1" }));
      const knowledge = { catalog: await iamCatalog(), managed: managedPolicyLookup };
      const start = process.hrtime.bigint();
      const live = await gatherAudit(
        reader,
        { instanceArn: INSTANCE_ARN, identityStoreId: IDENTITY_STORE_ID },
        "aws",
        spec,
        knowledge,
      );
      return { seconds: Number(process.hrtime.bigint() - start) / 1e9, live };
    });
    const limited = fake.calls.filter((c) => !c.startsWith("AWSOrganizations")).length;
    const throttled = Math.floor(fake.calls.length / 50);
    const floor = limited / 20;
    console.log(
      `audit, ${accounts} accounts x ${sets} permission sets through the SDK against the fake AWS ` +
        `(every 50th request throttled): ${fake.calls.length} requests (${limited} to Identity Center, ` +
        `${throttled} throttled and retried), ${report.seconds.toFixed(1)} s; requests / 20 per second = ` +
        `${floor.toFixed(1)} s, ratio ${(report.seconds / floor).toFixed(2)} (target <= 1.3); ` +
        `${report.live.holders.length} assignments read`,
    );
  } finally {
    await fake.close();
  }
}

/**
 * accountTags at scale: the component's own resolution (resolveOrganization) over 2,000 ACTIVE accounts,
 * each a candidate, under mocks whose getResourceTags counts its calls and answers after 50 to 450 ms on a virtual
 * clock, so that the pacing's wall time is measured without waiting it out. The target: within AWS's
 * Organizations rate as components/pacing.ts bounds it (never more than perSecond starts in a second nor
 * inFlight at once), and within 5% of the rate floor (lookups / perSecond).
 */
async function reportTagLookups(): Promise<void> {
  const candidates = Number(process.env.BENCH_TAG_ACCOUNTS ?? 2000);
  const ids = accountIds(candidates - 1); // and the management account, a candidate too
  const clock = new VirtualClock();
  const starts: number[] = [];
  let inFlight = 0;
  let peak = 0;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: undefined, state: args.inputs }),
      call: async (args) => {
        if (args.token === "aws:organizations/getOrganization:getOrganization") {
          const all = [MANAGEMENT_ACCOUNT, ...ids].map((id) => ({ id, name: id, state: "ACTIVE" }));
          return { masterAccountId: MANAGEMENT_ACCOUNT, accounts: all };
        }
        if (args.token !== "aws:organizations/getResourceTags:getResourceTags")
          throw new Error(`unmocked invoke ${args.token}`);
        const n = starts.push(clock.now());
        peak = Math.max(peak, ++inFlight);
        await clock.sleep(50 + ((n * 7919) % 400));
        inFlight--;
        return { tags: n % 10 === 0 ? { env: "prod" } : { env: "dev" } };
      },
    },
    "admin-access",
    "bench",
    false,
  );
  const targets = validateConfig({
    ...syntheticArgs(1, 1),
    accounts: [],
    accountTags: { env: ["prod"] },
  }).targets;
  const parent = new pulumi.ComponentResource("bench:index:Parent", "tags");
  const start = process.hrtime.bigint();
  const resolution = await clock.run(resolveOrganization(parent, targets, clock));
  const cpu = Number(process.hrtime.bigint() - start) / 1e9;
  const seconds = clock.now() / 1000;
  const floor = rateFloorSeconds(starts.length);
  const perSecond = Math.max(...starts.map((t) => starts.filter((u) => u >= t && u < t + 1000).length));
  console.log(
    `accountTags, ${candidates} candidate accounts: ${starts.length} getResourceTags lookups (50-450 ms ` +
      `each) in ${seconds.toFixed(1)} s of virtual time, at most ${perSecond} started in any second and ` +
      `${peak} in flight (bound ${ORGANIZATIONS_PACE.perSecond} and ${ORGANIZATIONS_PACE.inFlight}); rate ` +
      `floor ${starts.length} / ${ORGANIZATIONS_PACE.perSecond} per second = ${floor.toFixed(1)} s, ratio ` +
      `${(seconds / floor).toFixed(3)} (target <= 1.05, never over the bound); ${resolution.targets.length} ` +
      `selected; ${cpu.toFixed(1)} s of real time`,
  );
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === "audit") return reportAudit();
  if (process.env.BENCH_ONLY === "tags") return reportTagLookups();
  if (process.env.BENCH_ONLY === "core") {
    reportCore(Number(process.env.BENCH_ACCOUNTS ?? 500));
    return reportAudit();
  }
  const admins = Number(process.env.BENCH_ADMINS ?? 1000);
  const accounts = Number(process.env.BENCH_ACCOUNTS ?? 500);
  const args = syntheticArgs(admins, accounts);
  const existing = args.admins.filter((a) => a.existing).length;
  console.log(
    `Synthetic organization: ${admins} admins (${existing} existing), ${accounts} accounts, ${ROUNDS} rounds`,
  );
  const expected = 5 + (admins - existing) + admins + accounts;
  console.log(
    `Expected resources: 5 (permission set, policy attachment, its two owned lists, group) + ${admins - existing} users + ` +
      `${admins} memberships + ${accounts} assignments = ${expected}`,
  );

  const flat: Run[] = [];
  const component: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    flat.push(await measure(() => flatProgram(args)));
    component.push(await measure(() => new AdminAccessComponent("admin-access", args)));
  }
  const row = (name: string, runs: Run[]) =>
    `${name.padEnd(10)} ${String(runs[0].resources).padStart(9)}  ${median(runs.map((r) => r.seconds))
      .toFixed(2)
      .padStart(8)} s  ${median(runs.map((r) => r.peakHeapMiB))
      .toFixed(0)
      .padStart(9)} MiB`;
  console.log("");
  console.log(
    `${"program".padEnd(10)} ${"resources".padStart(9)}  ${"wall time".padStart(10)}  ${"peak heap".padStart(13)}`,
  );
  console.log(row("flat", flat));
  console.log(row("component", component));
  const ratio = median(component.map((r) => r.seconds)) / median(flat.map((r) => r.seconds));
  const memoryRatio = median(component.map((r) => r.peakHeapMiB)) / median(flat.map((r) => r.peakHeapMiB));
  console.log(
    `ratio component/flat: wall time ${ratio.toFixed(3)}, peak heap ${memoryRatio.toFixed(3)} (target <= 1.10, aim 1.05)`,
  );
  console.log(`(the component also registers itself: ${component[0].resources - flat[0].resources} more)`);
  console.log("");
  reportCore(accounts);
  await reportAudit();
  await reportTagLookups();
}

function reportCore(accounts: number): void {
  for (const n of [1000, 10000]) {
    console.log(
      `validation + target resolution + plan, ${n} admins and ${accounts} accounts: ${(timeCore(n, accounts) * 1000).toFixed(0)} ms`,
    );
  }
  console.log(
    `did-you-mean, 50 unknown accountNames against 5,000 accounts: ${(timeSuggestions(50, 5000) * 1000).toFixed(0)} ms`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
