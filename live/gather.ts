// What adoption and bootstrap need to know of the live organization, gathered through the read-only view.
import {
  delegatedAdminPaths,
  delegatedAdminsOf,
  mayBeAdmin,
  partitionOfArn,
  setPolicies,
} from "../analysis/audit";
import {
  AdoptionLive,
  AuditHolder,
  AuditLive,
  AuditPermissionSet,
  AuditPolicies,
  BootstrapLive,
  LiveManagementSet,
} from "../analysis/views";
import { IamCatalog, meaning } from "../components/iam/meaning";
import { describeAwsError, isAwsError } from "./clients";
import { accountsOutside } from "../analysis/audit/outside";
import { AdminAccessSpec, TargetSpec } from "../components/config";
import {
  needsAccountList,
  OrgAccount,
  organizationView,
  resolveTargets,
  Resolution,
  tagCandidates,
  withTagsRead,
} from "../components/targets";
import { AwsProblem, LiveAssignment, LiveInstance, LiveReader } from "./reader";
import { dictionary, visible } from "../components/values";

export { AwsProblem } from "./reader";

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
      `no IAM Identity Center instance in region ${region ? visible(region) : "(the SDK's default)"}: set aws:region in the stack, ` +
        "or AWS_REGION, to the region where Identity Center is enabled, and use the management or delegated-admin account",
    );
  }
  return found;
}

/** What resolution reads of the organization: only the lists the selectors need. */
async function readOrganization(reader: LiveReader, t: TargetSpec) {
  const withList = needsAccountList(t);
  const withOus = t.organizationalUnits.length > 0;
  // Listed IDs are checked against the organization too, as the offline plan checks them with --org: one
  // outside it would be granted nothing, and the account meant would stay without administrators.
  const withIds = t.accounts.length > 0 || t.excludeAccounts.length > 0;
  const [managementAccountId, listed, ous] = await Promise.all([
    reader.managementAccountId(),
    withList || withOus || withIds ? reader.accounts() : undefined,
    withOus ? reader.organizationalUnits() : ({} as Record<string, string[]>),
  ]);
  const all = listed && (await withTags(reader, t, listed));
  return { managementAccountId, all, ous };
}

/** The accounts with their tags, where accountTags needs them: every ACTIVE account's (tagCandidates). */
async function withTags(reader: LiveReader, t: TargetSpec, accounts: OrgAccount[]): Promise<OrgAccount[]> {
  const candidates = tagCandidates(t, accounts).map((a) => a.id);
  if (candidates.length === 0) return accounts;
  return withTagsRead(accounts, await reader.accountTags(candidates));
}

/** The selectors against what was read, through the same view the component builds from the provider's answers. */
function resolveRead(t: TargetSpec, org: Awaited<ReturnType<typeof readOrganization>>): Resolution {
  const byId = new Map((org.all ?? []).map((a) => [a.id, a]));
  // An OU the organization does not have stays absent, so that resolution reports it.
  const view = organizationView(
    t,
    { masterAccountId: org.managementAccountId, accounts: org.all ?? [] },
    Object.fromEntries(
      t.organizationalUnits
        .filter((ou) => ou in org.ous)
        .map((ou) => [ou, org.ous[ou].map((id) => byId.get(id) ?? { id, name: "", state: "ACTIVE" })]),
    ),
  );
  const accounts = view.accounts ?? org.all?.map(({ id, name, state }) => ({ id, name, state }));
  return resolveTargets(t, { ...view, accounts });
}

/**
 * The targets of a spec, resolved against the live organization exactly as the component resolves them; a
 * listed account outside the organization is one of the problems (AdminAccessConfigError).
 */
export async function liveResolution(reader: LiveReader, spec: AdminAccessSpec): Promise<Resolution> {
  return resolveRead(spec.targets, await readOrganization(reader, spec.targets));
}

/** As liveResolution, with the organization's accounts as read (tags included), to say why targets moved. */
export async function liveTargets(
  reader: LiveReader,
  spec: AdminAccessSpec,
): Promise<{ resolution: Resolution; accounts?: OrgAccount[] }> {
  const org = await readOrganization(reader, spec.targets);
  return { resolution: resolveRead(spec.targets, org), accounts: org.all };
}

/** As liveResolution, with the listed accounts outside the organization set apart: the audit's findings. */
export async function auditResolution(
  reader: LiveReader,
  spec: AdminAccessSpec,
): Promise<{ resolution: Resolution; outside: { index: number; accountId: string }[] }> {
  const org = await readOrganization(reader, spec.targets);
  const outside = accountsOutside(
    spec.targets.accounts,
    (org.all ?? []).map((a) => a.id),
  );
  const apart = new Set(outside.map((o) => o.accountId));
  const targets = { ...spec.targets, accounts: spec.targets.accounts.filter((id) => !apart.has(id)) };
  return { resolution: resolveRead(targets, org), outside };
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
  const users = dictionary(
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

/** The management account's own set, by name, as drift compares it; undefined when no set has the name. */
export async function gatherManagementSet(
  reader: LiveReader,
  instance: LiveInstance,
  name: string,
): Promise<LiveManagementSet | undefined> {
  const { instanceArn, identityStoreId } = instance;
  const set = await reader.permissionSetByName(instanceArn, name);
  if (!set) return undefined;
  const [managedPolicies, customerManagedPolicies, inlinePolicy, boundary, outdatedAccounts, assigned] =
    await Promise.all([
      reader.managedPolicies(instanceArn, set.arn),
      reader.customerManagedPolicies(instanceArn, set.arn),
      reader.inlinePolicy(instanceArn, set.arn),
      reader.permissionsBoundary(instanceArn, set.arn),
      reader.accountsForPermissionSet(instanceArn, set.arn, true),
      holdersOf(reader, instanceArn, set.arn),
    ]);
  const holders = await Promise.all(
    assigned.map(async (a) => ({
      accountId: a.accountId,
      principalType: a.principalType,
      principalId: a.principalId,
      principal: await reader.principalName(identityStoreId, a.principalType, a.principalId),
    })),
  );
  return {
    ...set,
    managedPolicies,
    customerManagedPolicies,
    inlinePolicy,
    boundary,
    outdatedAccounts,
    holders,
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
  | "managementAccountId"
  | "delegatedAdministrators"
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

/** What the audit judges policies with: the IAM catalog, and AWS managed policies' documents by ARN. */
export interface AuditKnowledge {
  catalog: IamCatalog;
  /** The documents of the AWS managed policies named by these ARNs, each undefined when unknown. */
  managed(arns: string[]): (arn: string) => unknown;
}

/** Requests in flight at once: enough to keep the shared rate limiter busy while one waits on a retry. */
const IN_FLIGHT = 8;

/** `work` over every item, at most `limit` at a time, results in the items' order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A read that may fail without failing the audit: its failure is noted as unreadable, never as clean. */
async function orNote<T>(read: Promise<T>, what: string, fallback: T, notes: string[]): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (!isAwsError(err)) throw err;
    notes.push(`${what}: ${describeAwsError(err)}`);
    return fallback;
  }
}

/** IAM Identity Center's service principal, as Organizations names its delegated administrator. */
const IDENTITY_CENTER = "sso.amazonaws.com";

/** Identity Center's delegated administrator accounts, or why Organizations would not say. */
async function identityCenterDelegatedAdmins(
  reader: Pick<AuditReader, "delegatedAdministrators">,
): Promise<NonNullable<AuditLive["identityCenterDelegatedAdmins"]>> {
  try {
    return { accountIds: await reader.delegatedAdministrators(IDENTITY_CENTER) };
  } catch (err) {
    if (!isAwsError(err)) throw err;
    return { unreadable: describeAwsError(err) };
  }
}

/** Memoizes an async lookup by key, in-flight calls included, so that each is asked once. */
function once<R>(lookup: (key: string) => Promise<R>): (key: string) => Promise<R> {
  const seen = new Map<string, Promise<R>>();
  return (key) => {
    if (!seen.has(key)) seen.set(key, lookup(key));
    return seen.get(key) as Promise<R>;
  };
}

/**
 * Every permission set of the instance judged by its policies, the holders of every set that may make its
 * holder an administrator (only on the management account for a set whose paths run from there), groups
 * expanded to their members, and the stack's group. Calls grow with those sets times the accounts they are
 * provisioned to, never with every set on every account.
 */
export async function gatherAudit(
  reader: AuditReader,
  instance: LiveInstance,
  regionPartition: string,
  spec: Pick<AdminAccessSpec, "permissionSet" | "group">,
  knowledge: AuditKnowledge,
): Promise<AuditLive> {
  const { instanceArn, identityStoreId } = instance;
  const partition = partitionOfArn(instanceArn) ?? regionPartition;
  const [managementAccountId, arns, delegatedAdmins] = await Promise.all([
    reader.managementAccountId(),
    reader.permissionSetArns(instanceArn),
    identityCenterDelegatedAdmins(reader),
  ]);
  const read = await pool(arns, IN_FLIGHT, async (arn) => {
    const notes: string[] = [];
    const [name, managedPolicies, inlinePolicy, customerManagedPolicies, boundary, outdatedAccounts] =
      await Promise.all([
        orNote(reader.permissionSetName(instanceArn, arn), "its name (DescribePermissionSet)", arn, notes),
        // undefined when unread, so that attachment-drift does not take an unread list for an empty one.
        orNote<string[] | undefined>(
          reader.managedPolicies(instanceArn, arn),
          "its AWS managed policies",
          undefined,
          notes,
        ),
        orNote(reader.inlinePolicy(instanceArn, arn), "its inline policy", undefined, notes),
        orNote<string[] | undefined>(
          reader.customerManagedPolicies(instanceArn, arn),
          "its customer-managed policies",
          undefined,
          notes,
        ),
        orNote(reader.permissionsBoundary(instanceArn, arn), "its permissions boundary", undefined, notes),
        orNote(reader.accountsForPermissionSet(instanceArn, arn, true), "its provisioning status", [], notes),
      ]);
    const policies: AuditPolicies = {
      managedPolicies: managedPolicies ?? [],
      inlinePolicy,
      customerManagedPolicies: customerManagedPolicies ?? [],
      boundary,
      unreadable: notes,
    };
    // The accounts it is provisioned to: its statements are judged on their resources.
    const accounts = await orNote(
      reader.accountsForPermissionSet(instanceArn, arn),
      "the accounts it is provisioned to",
      [],
      notes,
    );
    const attached = { managedPolicies, customerManagedPolicies };
    return { arn, name, policies, attached, outdatedAccounts, accounts };
  });
  const managed = knowledge.managed([
    ...new Set(
      read.flatMap((r) => [
        ...r.policies.managedPolicies,
        ...(r.policies.boundary ? [r.policies.boundary] : []),
      ]),
    ),
  ]);
  const permissionSets: AuditPermissionSet[] = read.map((r) => ({
    arn: r.arn,
    name: r.name,
    meaning: meaning(
      knowledge.catalog,
      { partition, accounts: r.accounts, managementAccountId },
      setPolicies(r.policies, managed),
    ),
    outdatedAccounts: r.outdatedAccounts,
    readFailures: r.policies.unreadable,
    attached: r.attached,
  }));

  const provisioned = new Map(read.map((r) => [r.arn, r.accounts]));
  const unreadable: string[] = [];
  const userName = once(async (userId) =>
    orNote(
      reader.user(identityStoreId, userId).then((u) => u.userName),
      `user ${userId}`,
      userId,
      unreadable,
    ),
  );
  const membersOf = once(async (groupId) => {
    const memberships = await reader.memberships(identityStoreId, groupId);
    return (await Promise.all(memberships.map((m) => userName(m.userId)))).sort();
  });
  const groupName = once((groupId) => reader.principalName(identityStoreId, "GROUP", groupId));

  // Which (set, account) pairs to read: every account a set is provisioned to, or only the management
  // account (and Identity Center's delegated administrator) for a set that is admin-equivalent nowhere else.
  // Where Organizations would not name it, a set that administers Identity Center is read everywhere it is.
  const delegated = delegatedAdminsOf({ identityCenterDelegatedAdmins: delegatedAdmins });
  const administering = [managementAccountId, ...(delegated ?? [])];
  const scanned = permissionSets.filter((ps) => mayBeAdmin(ps) || ps.name === spec.permissionSet.name);
  const pairs = (
    await pool(scanned, IN_FLIGHT, async (ps) => {
      const everywhere =
        ["admin", "escalation"].includes(ps.meaning.verdict) ||
        ps.meaning.unreadable.length > 0 ||
        ps.name === spec.permissionSet.name ||
        (delegated === undefined && delegatedAdminPaths(ps).length > 0);
      const accounts = everywhere ? (provisioned.get(ps.arn) ?? []) : administering;
      return accounts.map((accountId) => ({ ps, accountId }));
    })
  ).flat();
  const holders: AuditHolder[] = (
    await pool(pairs, IN_FLIGHT, async ({ ps, accountId }) =>
      Promise.all(
        (await reader.assignments(instanceArn, accountId, ps.arn)).map(async (a) => ({
          ...a,
          principal:
            a.principalType === "USER" ? await userName(a.principalId) : await groupName(a.principalId),
          members: a.principalType === "GROUP" ? await membersOf(a.principalId) : [],
        })),
      ),
    )
  ).flat();

  const found = await reader.groupByName(identityStoreId, spec.group.displayName);
  const group = found && {
    groupId: found.groupId,
    displayName: found.displayName,
    members: await membersOf(found.groupId),
  };
  return {
    instanceArn,
    partition,
    managementAccountId,
    permissionSets,
    holders,
    accountsRead: new Set(pairs.map((p) => p.accountId)).size,
    group,
    unreadable,
    identityCenterDelegatedAdmins: delegatedAdmins,
  };
}
