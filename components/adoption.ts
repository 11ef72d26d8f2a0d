// Adoption, pure: the plan of a stack against what already exists in the live organization, as a Pulumi
// import file (pulumi/pulumi pkg/cmd/pulumi/operations/import.go `importFile`/`importSpec`: a component
// entry with no ID, children naming it as `parent`, each with the provider's import ID) and a report of
// what will be imported, created, updated or replaced.
import { AdminAccessSpec, NewAdminSpec } from "./config";
import { administratorPolicyArn, AdminAccessPlan, COMPONENT_NAME, TYPES } from "./plan";

/** One entry of a `pulumi import --file` document. */
export interface ImportSpec {
  type: string;
  name: string;
  id?: string;
  parent?: string;
  component?: boolean;
}

/** A user of the identity store with the fields the program manages, as config writes them. */
export interface LiveUserView extends Partial<Omit<NewAdminSpec, "userName" | "existing" | "expiresAt">> {
  userId: string;
  userName: string;
  /** Owned by an external identity provider (SCIM), which overwrites changes made here. */
  external: boolean;
}

/** What adoption found in AWS for a stack's plan. */
export interface AdoptionLive {
  instanceArn: string;
  identityStoreId: string;
  partition: string;
  permissionSet?: {
    arn: string;
    name: string;
    description?: string;
    sessionDuration?: string;
    relayState?: string;
    tags: Record<string, string>;
    managedPolicies: string[];
    /** The inline policy as AWS returns it (JSON), when there is one. */
    inlinePolicy?: string;
    /** Customer-managed policy references as `path` + `name`. */
    customerManagedPolicies: string[];
    /** The permissions boundary, as an ARN or `path` + `name`. */
    boundary?: string;
  };
  group?: { groupId: string; displayName: string; description?: string };
  /** By userName, as config writes it; absent when no such user exists. */
  users: Record<string, LiveUserView | undefined>;
  /** The group's memberships. */
  memberships: { userId: string; membershipId: string }[];
  /** userName of each member that admins does not list. */
  unlistedMembers: string[];
  /** Planned account IDs where the group holds the permission set. */
  assignedAccounts: string[];
  /** Other principals holding the permission set, on any account it is provisioned to. */
  otherHolders: { accountId: string; principalType: string; principal: string }[];
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

/**
 * The provider's force-new fields, which replace instead of update (hashicorp/terraform-provider-aws
 * internal/service/ssoadmin permission_set.go `name`; identitystore group.go `display_name`, user.go
 * `user_name`); every other managed field is updated in place.
 */
export const FORCE_NEW: Record<string, string[]> = {
  [TYPES.permissionSet]: ["name"],
  [TYPES.group]: ["displayName"],
  [TYPES.user]: ["userName"],
};

const effect = (type: string, field: string): Effect =>
  FORCE_NEW[type]?.includes(field) ? "replace" : "update";

function differences(
  type: string,
  wanted: Record<string, string | undefined>,
  live: Record<string, string | undefined>,
) {
  return Object.keys(wanted)
    .filter((field) => (wanted[field] ?? null) !== (live[field] ?? null))
    .map((field) => ({
      field,
      config: wanted[field] ?? null,
      live: live[field] ?? null,
      effect: effect(type, field),
    }));
}

const userFields = (a: NewAdminSpec | LiveUserView): Record<string, string | undefined> => ({
  userName: a.userName,
  displayName: a.displayName,
  givenName: a.givenName,
  familyName: a.familyName,
  email: a.email,
  title: a.title,
  nickname: a.nickname,
  phoneNumber: a.phoneNumber,
  locale: a.locale,
  timezone: a.timezone,
  preferredLanguage: a.preferredLanguage,
  ...Object.fromEntries(
    (["streetAddress", "locality", "region", "postalCode", "country"] as const).map((k) => [
      `address.${k}`,
      a.address?.[k],
    ]),
  ),
});

const tagText = (tags: Record<string, string>) =>
  Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(", ") || undefined;

/** The import file and the report for a stack's plan against the live organization. */
export function adopt(plan: AdminAccessPlan, live: AdoptionLive): Adoption {
  const spec: AdminAccessSpec = plan.spec;
  const resources: ImportSpec[] = [
    { type: "admin-access:index:AdminAccessComponent", name: COMPONENT_NAME, component: true },
  ];
  const rows: AdoptionRow[] = [];
  const child = (type: string, name: string, id: string | undefined, diffs: Difference[] = []) => {
    if (id) resources.push({ type, name, id, parent: COMPONENT_NAME });
    rows.push({ type, name, status: id ? "import" : "create", differences: id ? diffs : [] });
  };
  const warnings: string[] = [];
  const ps = live.permissionSet;

  if (plan.permissionSetResource && plan.policyAttachmentResource) {
    const wanted = spec.permissionSet;
    child(
      TYPES.permissionSet,
      plan.permissionSetResource,
      ps && `${ps.arn},${live.instanceArn}`,
      ps
        ? differences(
            TYPES.permissionSet,
            {
              name: wanted.name,
              description: wanted.description,
              sessionDuration: wanted.sessionDuration,
              relayState: wanted.relayState,
              tags: tagText(wanted.tags),
            },
            {
              name: ps.name,
              description: ps.description,
              sessionDuration: ps.sessionDuration,
              relayState: ps.relayState,
              tags: tagText(ps.tags),
            },
          )
        : [],
    );
    const policy = administratorPolicyArn(live.partition);
    child(
      TYPES.policyAttachment,
      plan.policyAttachmentResource,
      ps?.managedPolicies.includes(policy) ? `${policy},${ps.arn},${live.instanceArn}` : undefined,
    );
    // The guardrails: the provider imports each by the set it is attached to.
    const on = ps && `${ps.arn},${live.instanceArn}`;
    if (plan.inlinePolicyResource) {
      const wantedPolicy = JSON.stringify(wanted.inlinePolicy);
      const livePolicy = ps?.inlinePolicy && JSON.stringify(JSON.parse(ps.inlinePolicy));
      child(
        TYPES.inlinePolicy,
        plan.inlinePolicyResource,
        livePolicy ? on : undefined,
        livePolicy && livePolicy !== wantedPolicy
          ? [{ field: "inlinePolicy", config: wantedPolicy, live: livePolicy, effect: "update" }]
          : [],
      );
    }
    for (const ref of plan.customerPolicyResources) {
      const attached = ps?.customerManagedPolicies.includes(`${ref.path}${ref.name}`);
      child(TYPES.customerPolicy, ref.resource, attached ? `${ref.name},${ref.path},${on}` : undefined);
    }
    if (plan.permissionsBoundaryResource && wanted.permissionsBoundary) {
      const b = wanted.permissionsBoundary;
      const wantedBoundary =
        "managedPolicyArn" in b
          ? b.managedPolicyArn
          : `${b.customerManagedPolicy.path}${b.customerManagedPolicy.name}`;
      child(
        TYPES.permissionsBoundary,
        plan.permissionsBoundaryResource,
        ps?.boundary ? on : undefined,
        ps?.boundary && ps.boundary !== wantedBoundary
          ? [{ field: "permissionsBoundary", config: wantedBoundary, live: ps.boundary, effect: "replace" }]
          : [],
      );
    }
  } else {
    rows.push({
      type: TYPES.permissionSet,
      name: spec.permissionSet.name,
      status: "lookup",
      differences: [],
    });
  }

  const group = live.group;
  if (plan.groupResource) {
    const diffs = group
      ? differences(
          TYPES.group,
          { displayName: spec.group.displayName, description: spec.group.description },
          group,
        )
      : [];
    child(TYPES.group, plan.groupResource, group && `${live.identityStoreId}/${group.groupId}`, diffs);
  } else {
    rows.push({ type: TYPES.group, name: spec.group.displayName, status: "lookup", differences: [] });
  }

  const membershipOf = new Map(live.memberships.map((m) => [m.userId, m.membershipId]));
  for (const admin of plan.admins) {
    const user = live.users[admin.userName];
    if (admin.existing) {
      rows.push({ type: TYPES.user, name: admin.userName, status: "lookup", differences: [] });
      if (!user)
        warnings.push(
          `admins: "${admin.userName}" is existing: true, but no such user exists; pulumi up will fail to look it up`,
        );
    } else {
      child(
        TYPES.user,
        admin.userResource,
        user && `${live.identityStoreId}/${user.userId}`,
        user ? differences(TYPES.user, userFields(admin), userFields(user)) : [],
      );
      if (user?.external) {
        warnings.push(
          `admins: "${admin.userName}" is owned by an external identity provider (SCIM), which overwrites changes made here; ` +
            "set existing: true for it",
        );
      }
    }
    if (admin.expired) continue; // no membership: access has ended
    const membership = user && membershipOf.get(user.userId);
    child(TYPES.membership, admin.membershipResource, membership && `${live.identityStoreId}/${membership}`);
  }

  const assigned = new Set(live.assignedAccounts);
  for (const a of plan.assignments) {
    const id =
      group && ps && assigned.has(a.accountId)
        ? `${group.groupId},GROUP,${a.accountId},AWS_ACCOUNT,${ps.arn},${live.instanceArn}`
        : undefined;
    child(TYPES.assignment, a.resource, id);
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

/** What bootstrap found: the runbook's permission set, group, members and the accounts the group holds it in. */
export interface BootstrapLive {
  region?: string;
  permissionSet: {
    name: string;
    description?: string;
    sessionDuration?: string;
    relayState?: string;
    tags: Record<string, string>;
    /** The inline policy as AWS returns it (JSON), when there is one. */
    inlinePolicy?: string;
    /** Customer-managed policy references as `path` + `name`. */
    customerManagedPolicies?: string[];
    /** The permissions boundary, as an ARN or `path` + `name`. */
    boundary?: string;
  };
  group: { displayName: string; description?: string };
  members: LiveUserView[];
  accounts: string[];
}

/** `path` + `name` as config writes a customer-managed policy. */
const policyReference = (pathAndName: string) => {
  const at = pathAndName.lastIndexOf("/") + 1;
  return { name: pathAndName.slice(at), path: pathAndName.slice(0, at) };
};

/**
 * A stack's config written from what exists, so that the imported resources show no difference: every
 * member with the identity-store fields the program manages, or as existing: true when an external identity
 * provider (SCIM) owns it or the console left out a field a new user needs.
 */
export function bootstrapConfig(live: BootstrapLive, project = COMPONENT_NAME): Record<string, unknown> {
  const compact = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  const ps = live.permissionSet;
  const admins = [...live.members]
    .sort((a, b) => (a.userName < b.userName ? -1 : a.userName > b.userName ? 1 : 0))
    .map((u) =>
      u.external || !u.email || !u.givenName || !u.familyName
        ? { userName: u.userName, existing: true }
        : compact({
            userName: u.userName,
            email: u.email,
            givenName: u.givenName,
            familyName: u.familyName,
            displayName: u.displayName,
            title: u.title,
            nickname: u.nickname,
            phoneNumber: u.phoneNumber,
            locale: u.locale,
            timezone: u.timezone,
            preferredLanguage: u.preferredLanguage,
            address: u.address && Object.keys(u.address).length > 0 ? u.address : undefined,
          }),
    );
  return compact({
    "aws:region": live.region,
    [`${project}:permissionSet`]: compact({
      name: ps.name,
      description: ps.description,
      sessionDuration: ps.sessionDuration,
      relayState: ps.relayState,
      tags: Object.keys(ps.tags).length > 0 ? ps.tags : undefined,
      inlinePolicy: ps.inlinePolicy ? JSON.parse(ps.inlinePolicy) : undefined,
      customerManagedPolicies: ps.customerManagedPolicies?.length
        ? ps.customerManagedPolicies.map(policyReference)
        : undefined,
      permissionsBoundary: !ps.boundary
        ? undefined
        : ps.boundary.startsWith("arn:")
          ? { managedPolicyArn: ps.boundary }
          : { customerManagedPolicy: policyReference(ps.boundary) },
    }),
    [`${project}:group`]: compact({
      displayName: live.group.displayName,
      description: live.group.description,
    }),
    [`${project}:accounts`]: [...live.accounts].sort(),
    [`${project}:admins`]: admins,
  });
}
