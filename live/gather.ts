// What adoption and bootstrap need to know of the live organization, gathered through the read-only view.
import { AdoptionLive, BootstrapLive } from "../components/adoption";
import { AuditHolder, AuditLive, AuditPermissionSet, classify } from "../components/audit";
import { AdminAccessSpec } from "../components/config";
import { needsAccountList, organizationView, resolveTargets, Resolution } from "../components/targets";
import { LiveAssignment, LiveInstance, LiveReader } from "./reader";

/** A problem with AWS itself (no instance, no credentials, access denied): the commands' exit code 2. */
export class AwsProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AwsProblem";
  }
}

/** Every assignment of a permission set, on every account it is provisioned to. */
async function holdersOf(
  reader: Pick<LiveReader, "accountsForPermissionSet" | "assignments">,
  instanceArn: string,
  permissionSetArn: string,
): Promise<LiveAssignment[]> {
  const all: LiveAssignment[] = [];
  for (const accountId of await reader.accountsForPermissionSet(instanceArn, permissionSetArn)) {
    all.push(...(await reader.assignments(instanceArn, accountId, permissionSetArn)));
  }
  return all;
}

/** The instance the config names, or the one ListInstances finds in the region. */
export async function findInstance(
  reader: LiveReader,
  spec: Pick<AdminAccessSpec, "instanceArn" | "identityStoreId">,
  region: string | undefined,
): Promise<LiveInstance> {
  if (spec.instanceArn && spec.identityStoreId) {
    return { instanceArn: spec.instanceArn, identityStoreId: spec.identityStoreId };
  }
  const [found] = await reader.instances();
  if (!found) {
    throw new AwsProblem(
      `no IAM Identity Center instance in region ${region ?? "(the SDK's default)"}: set aws:region in the stack, ` +
        "or AWS_REGION, to the region where Identity Center is enabled, and use the management or delegated-admin account",
    );
  }
  return found;
}

/** The targets of a spec, resolved against the live organization exactly as the component resolves them. */
export async function liveResolution(reader: LiveReader, spec: AdminAccessSpec): Promise<Resolution> {
  const t = spec.targets;
  const withList = needsAccountList(t);
  const withOus = t.organizationalUnits.length > 0;
  const [managementAccountId, all, ous] = await Promise.all([
    reader.managementAccountId(),
    withList || withOus ? reader.accounts() : undefined,
    withOus ? reader.organizationalUnits() : ({} as Record<string, string[]>),
  ]);
  const byId = new Map((all ?? []).map((a) => [a.id, a]));
  // The same view the component builds from the provider's answers; an OU the organization does not have
  // stays absent, so that resolution reports it.
  const view = organizationView(
    t,
    { masterAccountId: managementAccountId, accounts: all ?? [] },
    Object.fromEntries(
      t.organizationalUnits
        .filter((ou) => ou in ous)
        .map((ou) => [ou, ous[ou].map((id) => byId.get(id) ?? { id, name: "", state: "ACTIVE" })]),
    ),
  );
  return resolveTargets(t, view);
}

/** Everything adoption compares a stack's plan with. */
export async function gatherAdoption(
  reader: LiveReader,
  spec: AdminAccessSpec,
  instance: LiveInstance,
  partition: string,
): Promise<AdoptionLive> {
  const { instanceArn, identityStoreId } = instance;
  const permissionSet = await reader.permissionSetByName(instanceArn, spec.permissionSet.name);
  const [managedPolicies, inlinePolicy, customerManagedPolicies, boundary] = permissionSet
    ? await Promise.all([
        reader.managedPolicies(instanceArn, permissionSet.arn),
        reader.inlinePolicy(instanceArn, permissionSet.arn),
        reader.customerManagedPolicies(instanceArn, permissionSet.arn),
        reader.permissionsBoundary(instanceArn, permissionSet.arn),
      ])
    : [[], undefined, [], undefined];
  const group = await reader.groupByName(identityStoreId, spec.group.displayName);
  const users = Object.fromEntries(
    await Promise.all(
      spec.admins.map(
        async (a) => [a.userName, await reader.userByName(identityStoreId, a.userName)] as const,
      ),
    ),
  );
  const memberships = group ? await reader.memberships(identityStoreId, group.groupId) : [];
  const listed = new Set(Object.values(users).flatMap((u) => (u ? [u.userId] : [])));
  const unlistedMembers = (
    await Promise.all(
      memberships
        .filter((m) => !listed.has(m.userId))
        .map(async (m) => (await reader.user(identityStoreId, m.userId)).userName),
    )
  ).sort();

  const assignedAccounts: string[] = [];
  const otherHolders: AdoptionLive["otherHolders"] = [];
  if (permissionSet) {
    for (const a of await holdersOf(reader, instanceArn, permissionSet.arn)) {
      if (group && a.principalType === "GROUP" && a.principalId === group.groupId) {
        assignedAccounts.push(a.accountId);
      } else {
        const principal = await reader.principalName(identityStoreId, a.principalType, a.principalId);
        otherHolders.push({ accountId: a.accountId, principalType: a.principalType, principal });
      }
    }
  }
  return {
    instanceArn,
    identityStoreId,
    partition,
    permissionSet: permissionSet && {
      ...permissionSet,
      managedPolicies,
      inlinePolicy,
      customerManagedPolicies,
      boundary,
    },
    group,
    users,
    memberships,
    unlistedMembers,
    assignedAccounts,
    otherHolders,
  };
}

/** What bootstrap writes a stack from; undefined names what the runbook's names did not find. */
export async function gatherBootstrap(
  reader: LiveReader,
  instance: LiveInstance,
  groupName: string,
  permissionSetName: string,
): Promise<{ live?: Omit<BootstrapLive, "region">; missing: string[] }> {
  const { instanceArn, identityStoreId } = instance;
  const [permissionSet, group] = await Promise.all([
    reader.permissionSetByName(instanceArn, permissionSetName),
    reader.groupByName(identityStoreId, groupName),
  ]);
  const missing = [
    ...(permissionSet ? [] : [`--permission-set: no permission set is named "${permissionSetName}"`]),
    ...(group ? [] : [`--group: no group has the display name "${groupName}"`]),
  ];
  if (!permissionSet || !group) return { missing };
  const members = await Promise.all(
    (await reader.memberships(identityStoreId, group.groupId)).map((m) =>
      reader.user(identityStoreId, m.userId),
    ),
  );
  const held = await holdersOf(reader, instanceArn, permissionSet.arn);
  const accounts = [
    ...new Set(
      held
        .filter((a) => a.principalType === "GROUP" && a.principalId === group.groupId)
        .map((a) => a.accountId),
    ),
  ];
  // The set's guardrails: left out, adopt would drop them without a word.
  const [inlinePolicy, customerManagedPolicies, boundary] = await Promise.all([
    reader.inlinePolicy(instanceArn, permissionSet.arn),
    reader.customerManagedPolicies(instanceArn, permissionSet.arn),
    reader.permissionsBoundary(instanceArn, permissionSet.arn),
  ]);
  const guardrails = { inlinePolicy, customerManagedPolicies, boundary };
  return { live: { permissionSet: { ...permissionSet, ...guardrails }, group, members, accounts }, missing };
}

/** The reads the audit makes, so that the benchmark can count them on a synthetic organization. */
export type AuditReader = Pick<
  LiveReader,
  | "permissionSetArns"
  | "permissionSetName"
  | "managedPolicies"
  | "inlinePolicy"
  | "customerManagedPolicies"
  | "permissionsBoundary"
  | "accountsForPermissionSet"
  | "assignments"
  | "groupByName"
  | "memberships"
  | "user"
  | "principalName"
>;

/**
 * Every admin-equivalent (or unverifiable) permission set of the instance, who holds it on which account,
 * groups expanded to their members, and the stack's group. Calls grow with those sets times the accounts
 * they are provisioned to, never with every set on every account.
 */
export async function gatherAudit(
  reader: AuditReader,
  instance: LiveInstance,
  partition: string,
  spec: Pick<AdminAccessSpec, "permissionSet" | "group">,
): Promise<AuditLive> {
  const { instanceArn, identityStoreId } = instance;
  const permissionSets: AuditPermissionSet[] = [];
  for (const arn of await reader.permissionSetArns(instanceArn)) {
    const [name, managedPolicies, inlinePolicy, customerManagedPolicies, boundary] = await Promise.all([
      reader.permissionSetName(instanceArn, arn),
      reader.managedPolicies(instanceArn, arn),
      reader.inlinePolicy(instanceArn, arn),
      reader.customerManagedPolicies(instanceArn, arn),
      reader.permissionsBoundary(instanceArn, arn),
    ]);
    permissionSets.push({ arn, name, managedPolicies, inlinePolicy, customerManagedPolicies, boundary });
  }

  const userNames = new Map<string, string>();
  const userName = async (userId: string) => {
    if (!userNames.has(userId)) userNames.set(userId, (await reader.user(identityStoreId, userId)).userName);
    return userNames.get(userId) as string;
  };
  const groupMembers = new Map<string, string[]>();
  const membersOf = async (groupId: string) => {
    if (!groupMembers.has(groupId)) {
      const memberships = await reader.memberships(identityStoreId, groupId);
      groupMembers.set(groupId, (await Promise.all(memberships.map((m) => userName(m.userId)))).sort());
    }
    return groupMembers.get(groupId) as string[];
  };
  // A group holds sets on many accounts: its name is read once.
  const groupNames = new Map<string, string>();
  const groupName = async (groupId: string) => {
    if (!groupNames.has(groupId))
      groupNames.set(groupId, await reader.principalName(identityStoreId, "GROUP", groupId));
    return groupNames.get(groupId) as string;
  };

  const holders: AuditHolder[] = [];
  const scanned = permissionSets.filter((ps) => {
    const c = classify(ps, partition);
    return c.admin || c.unverifiable || ps.name === spec.permissionSet.name;
  });
  for (const ps of scanned) {
    for (const a of await holdersOf(reader, instanceArn, ps.arn)) {
      const principal =
        a.principalType === "USER"
          ? await userName(a.principalId).catch(() => a.principalId)
          : await groupName(a.principalId);
      const members = a.principalType === "GROUP" ? await membersOf(a.principalId) : [];
      holders.push({ ...a, principal, members });
    }
  }

  const found = await reader.groupByName(identityStoreId, spec.group.displayName);
  const group = found && {
    groupId: found.groupId,
    displayName: found.displayName,
    members: await membersOf(found.groupId),
  };
  return { instanceArn, partition, permissionSets, holders, group };
}
