// Adoption, pure: the plan of a stack against what already exists in the live organization, as a Pulumi
// import file (pulumi/pulumi pkg/cmd/pulumi/operations/import.go `importFile`/`importSpec`: a component
// entry with no ID, children naming it as `parent`, each with the provider's import ID) and a report of
// what will be imported, created, updated or replaced. Each family's import IDs, compared fields and
// force-new fields come from its module under components/families.
import { administratorPolicyArn } from "../components/arns";
import { forcesNew } from "../components/families";
import { withSessionCuts } from "../components/families/expiry";
import { assignmentImportId } from "../components/families/assignments";
import { groupFields, groupImportId } from "../components/families/group";
import { boundaryText, importIds, policyRefText, settingsText } from "../components/families/permissionSet";
import { TYPES } from "../components/families/types";
import { storeImportId, userFields } from "../components/families/users";
import { AdoptionLive } from "./views";
import { AdminAccessPlan, COMPONENT_NAME, COMPONENT_TYPE } from "../components/plan";
import { comparablePolicy } from "../components/policy";
import { show } from "../components/values";

/**
 * An import reads what AWS holds, and `timeouts` is the provider's setting, not AWS's: the first preview after
 * importing the owned policy lists shows an update of their `timeouts` alone, which calls AWS only when a list
 * differs (the exclusive resources' Update syncs a changed list, nothing else).
 */
export const LIST_TIMEOUTS_NOTE =
  "the two owned policy lists show an update of their timeouts only (no AWS call): an import reads no timeouts";

/** One entry of a `pulumi import --file` document. */
export interface ImportSpec {
  type: string;
  name: string;
  id?: string;
  parent?: string;
  component?: boolean;
}

/** How `pulumi up` will treat a field that differs: the provider updates it, or its change forces a new resource. */
export type Effect = "update" | "replace";

export interface Difference {
  field: string;
  config: string | null;
  live: string | null;
  effect: Effect;
}

export interface AdoptionRow {
  type: string;
  name: string;
  /** import: adopted as it is or with the differences listed; create: `pulumi up` creates it; lookup: existing: true. */
  status: "import" | "create" | "lookup";
  differences: Difference[];
}

export interface Adoption {
  importFile: { resources: ImportSpec[] };
  rows: AdoptionRow[];
  warnings: string[];
}

function differences(
  type: string,
  wanted: Record<string, string | undefined>,
  live: Record<string, string | undefined>,
): Difference[] {
  return Object.keys(wanted)
    .filter((field) => (wanted[field] ?? null) !== (live[field] ?? null))
    .map((field) => ({
      field,
      config: wanted[field] ?? null,
      live: live[field] ?? null,
      effect: forcesNew(type, field) ? "replace" : "update",
    }));
}

/** One drifted field of a resource, updated in place unless the provider forces a new one for it. */
const drift = (type: string, field: string, config: string, live: string | undefined): Difference[] =>
  live !== undefined && live !== config
    ? [{ field, config, live, effect: forcesNew(type, field) ? "replace" : "update" }]
    : [];

type Child = (type: string, name: string, id: string | undefined, diffs?: Difference[]) => void;
type Row = (type: string, name: string) => void;

/** The permission set and its attachments; the guardrails are imported by the set they are attached to. */
function adoptPermissionSet(plan: AdminAccessPlan, live: AdoptionLive, child: Child, lookup: Row): void {
  const wanted = plan.spec.permissionSet;
  const ps = live.permissionSet;
  if (!plan.permissionSet) return lookup(TYPES.permissionSet, wanted.name);
  const set = plan.permissionSet;
  const on = ps && importIds.attachedToSet(ps.arn, live.instanceArn);
  const diffs = ps ? differences(TYPES.permissionSet, settingsText(wanted), settingsText(ps)) : [];
  child(
    TYPES.permissionSet,
    set.permissionSetResource,
    ps && importIds.permissionSet(ps.arn, live.instanceArn),
    diffs,
  );
  const policy = administratorPolicyArn(live.partition);
  const attached = ps?.managedPolicies.includes(policy);
  child(
    TYPES.policyAttachment,
    set.policyAttachmentResource,
    ps && attached ? importIds.managedPolicy(policy, ps.arn, live.instanceArn) : undefined,
  );
  if (set.inlinePolicyResource) {
    const livePolicy = ps?.inlinePolicy && comparablePolicy(JSON.parse(ps.inlinePolicy));
    const inline = drift(
      TYPES.inlinePolicy,
      "inlinePolicy",
      // With the denies that cut expiring admins' sessions, by the live user IDs they name.
      comparablePolicy(
        set.sessionCuts.length > 0
          ? withSessionCuts(
              wanted.inlinePolicy,
              set.sessionCuts.map((c) => ({
                instant: c.instant,
                userIds: c.userNames.map((u) => live.users[u]?.userId ?? `(no user ${u})`),
              })),
            )
          : wanted.inlinePolicy,
      ),
      livePolicy,
    );
    child(TYPES.inlinePolicy, set.inlinePolicyResource, livePolicy ? on : undefined, inline);
  }
  for (const ref of set.customerPolicyResources) {
    const has = ps?.customerManagedPolicies.includes(policyRefText(ref));
    child(
      TYPES.customerPolicy,
      ref.resource,
      ps && has ? importIds.customerPolicy(ref, ps.arn, live.instanceArn) : undefined,
    );
  }
  // The lists are imported whole, as AWS has them: a policy attached by hand and not in config is listed as a
  // difference, which the first `pulumi up` detaches (the import's `timeouts`, which AWS does not hold, is
  // said once by the command: LIST_TIMEOUTS_NOTE).
  const listText = (xs: string[]) => [...xs].sort().join(", ") || undefined;
  const lists = ps && importIds.exclusive(ps.arn, live.instanceArn);
  const listDifferences = (type: string, field: string, wanted: string[], has: string[] | undefined) =>
    has ? differences(type, { [field]: listText(wanted) }, { [field]: listText(has) }) : [];
  child(
    TYPES.managedPolicies,
    set.managedPoliciesResource,
    lists,
    listDifferences(TYPES.managedPolicies, "managedPolicyArns", [policy], ps?.managedPolicies),
  );
  child(
    TYPES.customerPolicies,
    set.customerPoliciesResource,
    lists,
    listDifferences(
      TYPES.customerPolicies,
      "customerManagedPolicyReferences",
      set.customerPolicyResources.map(policyRefText),
      ps?.customerManagedPolicies,
    ),
  );
  if (set.permissionsBoundaryResource && wanted.permissionsBoundary) {
    const boundary = drift(
      TYPES.permissionsBoundary,
      "permissionsBoundary",
      boundaryText(wanted.permissionsBoundary),
      ps?.boundary,
    );
    child(
      TYPES.permissionsBoundary,
      set.permissionsBoundaryResource,
      ps?.boundary ? on : undefined,
      boundary,
    );
  }
}

function adoptGroup(plan: AdminAccessPlan, live: AdoptionLive, child: Child, lookup: Row): void {
  const group = live.group;
  if (!plan.groupResource) return lookup(TYPES.group, plan.spec.group.displayName);
  const diffs = group ? differences(TYPES.group, groupFields(plan.spec.group), groupFields(group)) : [];
  child(TYPES.group, plan.groupResource, group && groupImportId(live.identityStoreId, group.groupId), diffs);
}

function adoptUsers(
  plan: AdminAccessPlan,
  live: AdoptionLive,
  child: Child,
  lookup: Row,
  warnings: string[],
): void {
  const membershipOf = new Map(live.memberships.map((m) => [m.userId, m.membershipId]));
  for (const admin of plan.admins) {
    const user = live.users[admin.userName];
    if (admin.existing) {
      lookup(TYPES.user, admin.userName); // its absence is one of missingLookups()
    } else {
      const diffs = user ? differences(TYPES.user, userFields(admin), userFields(user)) : [];
      child(TYPES.user, admin.userResource, user && storeImportId(live.identityStoreId, user.userId), diffs);
      if (user?.external) {
        warnings.push(
          `admins: "${admin.userName}" is owned by an external identity provider (SCIM), which overwrites changes made here; ` +
            "set existing: true for it",
        );
      }
    }
    if (admin.expired) continue; // no membership: access has ended
    const membership = user && membershipOf.get(user.userId);
    child(
      TYPES.membership,
      admin.membershipResource,
      membership && storeImportId(live.identityStoreId, membership),
    );
  }
}

function adoptAssignments(plan: AdminAccessPlan, live: AdoptionLive, child: Child): void {
  const { group, permissionSet: ps } = live;
  const assigned = new Set(live.assignedAccounts);
  for (const a of plan.assignments) {
    const id =
      group && ps && assigned.has(a.accountId)
        ? assignmentImportId(group.groupId, a.accountId, ps.arn, live.instanceArn)
        : undefined;
    child(TYPES.assignment, a.resource, id);
  }
}

/**
 * What config marks `existing: true` and AWS does not hold, each named by its config path: `pulumi up` would
 * fail to look up a set or a group and would defer a user (no membership), and neither an import nor
 * `pulumi up --refresh` can make it exist.
 */
export function missingLookups(
  spec: AdminAccessPlan["spec"],
  live: Pick<AdoptionLive, "permissionSet" | "group" | "users">,
): string[] {
  const fix = "create it, or set existing: false so that the stack creates it";
  return [
    ...(spec.permissionSet.existing && !live.permissionSet
      ? [
          `permissionSet.name: ${show(spec.permissionSet.name)} is existing: true, but the instance has no permission set of that name; ${fix}`,
        ]
      : []),
    ...(spec.group.existing && !live.group
      ? [
          `group.displayName: ${show(spec.group.displayName)} is existing: true, but the identity store has no group of that display name; ${fix}`,
        ]
      : []),
    ...spec.admins.flatMap((a, i) =>
      a.existing && !live.users[a.userName]
        ? [
            `admins[${i}].userName: ${show(a.userName)} is existing: true, but the identity store has no user of that userName; ${fix}`,
          ]
        : [],
    ),
  ];
}

/** The import file and the report for a stack's plan against the live organization. */
export function adopt(plan: AdminAccessPlan, live: AdoptionLive): Adoption {
  const resources: ImportSpec[] = [{ type: COMPONENT_TYPE, name: COMPONENT_NAME, component: true }];
  const rows: AdoptionRow[] = [];
  const warnings: string[] = [];
  const child: Child = (type, name, id, diffs = []) => {
    if (id) resources.push({ type, name, id, parent: COMPONENT_NAME });
    rows.push({ type, name, status: id ? "import" : "create", differences: id ? diffs : [] });
  };
  const lookup: Row = (type, name) => rows.push({ type, name, status: "lookup", differences: [] });

  adoptPermissionSet(plan, live, child, lookup);
  adoptGroup(plan, live, child, lookup);
  adoptUsers(plan, live, child, lookup, warnings);
  adoptAssignments(plan, live, child);

  const ps = live.permissionSet;
  if (plan.permissionSet && ps) {
    const admin = administratorPolicyArn(live.partition);
    const declared = new Set(plan.permissionSet.customerPolicyResources.map(policyRefText));
    const managed = ps.managedPolicies.filter((p) => p !== admin);
    const customer = ps.customerManagedPolicies.filter((p) => !declared.has(p));
    const detaches = (what: string, extra: string[], keep: string) =>
      `the first pulumi up after adoption detaches ${extra.length} ${what} attached to ${ps.name} but not in ` +
      `config (the stack owns the set's policy lists): ${extra.join(", ")}; ${keep}`;
    if (managed.length > 0)
      warnings.push(
        detaches(
          "AWS managed polic(ies)",
          managed,
          "config cannot declare one (the set holds AdministratorAccess)",
        ),
      );
    if (customer.length > 0)
      warnings.push(
        detaches(
          "customer-managed polic(ies)",
          customer,
          "to keep one, add it to permissionSet.customerManagedPolicies before adopting, so that its attachment is imported",
        ),
      );
  }
  if (live.unlistedMembers.length > 0) {
    warnings.push(
      `${live.unlistedMembers.length} member(s) of the group are not in admins and keep administrator access after ` +
        `adoption: ${live.unlistedMembers.join(", ")}; add them to admins or remove them from the group`,
    );
  }
  for (const h of live.otherHolders) {
    warnings.push(
      `${h.principalType} ${h.principal} also holds the permission set in account ${h.accountId}, outside this stack`,
    );
  }
  return { importFile: { resources }, rows, warnings };
}
