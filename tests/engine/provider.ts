// The stand-in `aws` provider for engine tests: served as `pulumi-resource-aws` (see harness.ts), its state
// is the simulated AWS in the world file (world.ts). It answers as AWS does where the program's safety
// depends on it: names are unique (ConflictException), references must exist (ResourceNotFoundException),
// deleting a user or group deletes its memberships, a boundary delete removes the set's boundary whatever
// it is. An exclusive attachment resource owns a set's whole list of one kind of policy; each of its
// attaches and detaches is a call of its own. Replacements follow upstream.ts. After every call it records
// the call and any broken invariant.
import { main, Provider } from "@pulumi/pulumi/provider";
import { TYPES } from "../../components/plan";
import { UPSTREAM } from "./upstream";
import {
  DENIED_USER,
  invariantProblems,
  loadWorld,
  refText,
  saveWorld,
  stateText,
  World,
  WorldUser,
} from "./world";

const FILE = process.env.ENGINE_WORLD as string;
const SECRET = "4dabf18193072939515e22adb298388d";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
type Props = Record<string, unknown>;

class AwsError extends Error {
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

/** The value inside the engine's secret wrapper, deeply. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") {
    const o = v as Props;
    if (SECRET in o) return plain(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}
/** Absent, null, "", {} and [] are one "not set", as the upstream schema treats them. */
function norm(v: unknown): unknown {
  const p = plain(v);
  if (p === null || p === undefined || p === "") return undefined;
  if (Array.isArray(p)) return p.length ? p.map(norm) : undefined;
  if (typeof p === "object") {
    const e = Object.entries(p as Props)
      .map(([k, x]) => [k, norm(x)] as const)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return e.length ? Object.fromEntries(e) : undefined;
  }
  return p;
}
/** A field's value as upstream compares it. */
function canonical(field: string, v: unknown): unknown {
  const p = plain(v);
  if (!Array.isArray(p)) return p;
  // managed_policy_arns is a set (fwtypes.SetOfStringType).
  if (field === "managedPolicyArns") return [...(p as string[])].sort();
  // customer_managed_policy_reference is a list whose path defaults to "/" (stringdefault.StaticString).
  if (field === "customerManagedPolicyReferences")
    return (p as Props[]).map((r) => ({ ...r, path: r.path ?? "/" }));
  return p;
}
const same = (field: string, a: unknown, b: unknown) => {
  const [x, y] = [norm(canonical(field, a)), norm(canonical(field, b))];
  // Upstream suppresses equivalent policy JSON (verify.SuppressEquivalentPolicyDiffs).
  if (field === "inlinePolicy" && typeof x === "string" && typeof y === "string")
    return JSON.stringify(norm(JSON.parse(x))) === JSON.stringify(norm(JSON.parse(y)));
  return JSON.stringify(x) === JSON.stringify(y);
};
const typeOf = (urn: string) => urn.split("::")[2].split("$").pop() as string;
const nameOf = (urn: string) => urn.split("::")[3];
const str = (p: Props, k: string) => plain(p[k]) as string;
const policyRef = (r: unknown) => {
  const { name, path } = plain(r) as { name: string; path?: string };
  return { Name: name, Path: path ?? "/" };
};

type WorldSet = World["org"]["permissionSets"][number];

/**
 * The list an exclusive resource owns on a set, by key (an ARN, or path + name as refText spells it):
 * what ListManagedPoliciesInPermissionSet / ListCustomerManagedPolicyReferencesInPermissionSet return, and
 * what one Attach… or Detach… call does. A second attach of a policy is a ConflictException, as it is for
 * the per-policy resources.
 */
interface OwnedList {
  field: string;
  live(ps: WorldSet): string[];
  wanted(p: Props): string[];
  /** The customer list is a list nested block, equal only in order; the managed list is a set. */
  ordered: boolean;
  attach(ps: WorldSet, key: string): void;
  detach(ps: WorldSet, key: string): void;
  /** The live list as the resource's output spells it (Read). */
  output(keys: string[]): unknown;
}
const refOf = (key: string) => ({
  Name: key.slice(key.lastIndexOf("/") + 1),
  Path: key.slice(0, key.lastIndexOf("/") + 1),
});
const OWNED: Record<string, OwnedList> = {
  [TYPES.managedPolicies]: {
    field: "managedPolicyArns",
    live: (ps) => ps.managedPolicies ?? [],
    wanted: (p) => (plain(p.managedPolicyArns) as string[] | undefined) ?? [],
    ordered: false,
    attach: (ps, arn) => {
      conflict((ps.managedPolicies ?? []).includes(arn), `managed policy ${arn} on ${ps.name}`);
      ps.managedPolicies = [...(ps.managedPolicies ?? []), arn];
    },
    detach: (ps, arn) => void (ps.managedPolicies = (ps.managedPolicies ?? []).filter((a) => a !== arn)),
    output: (arns) => arns,
  },
  [TYPES.customerPolicies]: {
    field: "customerManagedPolicyReferences",
    live: (ps) => (ps.customerManagedPolicies ?? []).map(refText),
    wanted: (p) =>
      ((plain(p.customerManagedPolicyReferences) as unknown[] | undefined) ?? []).map((r) =>
        refText(policyRef(r)),
      ),
    ordered: true,
    attach: (ps, key) => {
      conflict(
        (ps.customerManagedPolicies ?? []).some((r) => refText(r) === key),
        `policy ${key}`,
      );
      ps.customerManagedPolicies = [...(ps.customerManagedPolicies ?? []), refOf(key)];
    },
    detach: (ps, key) =>
      void (ps.customerManagedPolicies = (ps.customerManagedPolicies ?? []).filter(
        (r) => refText(r) !== key,
      )),
    output: (keys) => keys.map(refOf).map((r) => ({ name: r.Name, path: r.Path })),
  },
};

/**
 * Create and Update of an exclusive resource (syncAttachments upstream): list the set's attachments, attach
 * each wanted one that is missing, then detach each one not wanted; a detach of one already gone is fine
 * (ResourceNotFoundException ignored). Provisioning, which follows upstream, is not modelled.
 */
function syncOwned(urn: string, p: Props): void {
  const list = OWNED[typeOf(urn)];
  const setArn = str(p, "permissionSetArn");
  const want = list.wanted(p);
  const have = call("list", urn, (w) => list.live(permissionSet(w, setArn)));
  // intflex.DiffSlices(have, want): what to attach, what to detach, computed once from the first list.
  for (const key of want.filter((k) => !have.includes(k)))
    call("attach", urn, (w) => list.attach(permissionSet(w, setArn), key));
  for (const key of have.filter((k) => !want.includes(k)))
    call("detach", urn, (w) => list.detach(permissionSet(w, setArn), key));
}

function hex(world: World, n: number): string {
  world.seq++;
  return world.seq.toString(16).padStart(n, "0");
}

function permissionSet(world: World, arn: string) {
  const ps = world.org.permissionSets.find((p) => p.arn === arn);
  if (!ps) throw new AwsError("ResourceNotFoundException", `permission set ${arn} does not exist`);
  return ps;
}
function requireGroup(world: World, id: string) {
  if (!world.org.groups.some((g) => g.id === id))
    throw new AwsError("ResourceNotFoundException", `GROUP ${id}`);
}
function requireUser(world: World, id: string) {
  const u = world.org.users.find((x) => x.id === id);
  if (!u) throw new AwsError("ResourceNotFoundException", `USER ${id}`);
  return u;
}
function conflict(taken: boolean, what: string) {
  if (taken) throw new AwsError("ConflictException", `${what} already exists`);
}

/** A created user's fields from the program's inputs, as the identity store keeps them. */
function userFields(p: Props): Partial<WorldUser> {
  const v = norm(p) as Props;
  const name = (v.name ?? {}) as Props;
  const emails = v.emails as Props | undefined;
  return {
    userName: v.userName as string,
    displayName: v.displayName as string,
    givenName: name.givenName as string,
    familyName: name.familyName as string,
    email: emails?.value as string | undefined,
    title: v.title as string | undefined,
    inputs: p,
  };
}

/** What AWS does for each call, by resource type: the ID and outputs, and the state change. */
const create: Record<string, (w: World, p: Props) => { id: string; outs: Props }> = {
  [TYPES.permissionSet]: (w, p) => {
    const instance = str(p, "instanceArn");
    conflict(
      w.org.permissionSets.some((x) => x.name === str(p, "name")),
      `permission set ${str(p, "name")}`,
    );
    const arn = `arn:aws:sso:::permissionSet/${instance.split("/").pop()}/ps-${hex(w, 16)}`;
    w.org.permissionSets.push({ arn, name: str(p, "name"), ...setFields(p) });
    return { id: `${arn},${instance}`, outs: { ...p, arn } };
  },
  [TYPES.policyAttachment]: (w, p) => {
    const ps = permissionSet(w, str(p, "permissionSetArn"));
    const arn = str(p, "managedPolicyArn");
    conflict((ps.managedPolicies ?? []).includes(arn), `managed policy ${arn} on ${ps.name}`);
    ps.managedPolicies = [...(ps.managedPolicies ?? []), arn];
    return { id: `${arn},${ps.arn},${str(p, "instanceArn")}`, outs: p };
  },
  [TYPES.inlinePolicy]: (w, p) => {
    const ps = permissionSet(w, str(p, "permissionSetArn"));
    ps.inlinePolicy = str(p, "inlinePolicy");
    return { id: `${ps.arn},${str(p, "instanceArn")}`, outs: p };
  },
  [TYPES.customerPolicy]: (w, p) => {
    const ps = permissionSet(w, str(p, "permissionSetArn"));
    const ref = policyRef(p.customerManagedPolicyReference);
    conflict(
      (ps.customerManagedPolicies ?? []).some((r) => refText(r) === refText(ref)),
      `policy ${refText(ref)}`,
    );
    ps.customerManagedPolicies = [...(ps.customerManagedPolicies ?? []), ref];
    return { id: `${ref.Name},${ref.Path},${ps.arn},${str(p, "instanceArn")}`, outs: p };
  },
  [TYPES.permissionsBoundary]: (w, p) => {
    const ps = permissionSet(w, str(p, "permissionSetArn"));
    const b = plain(p.permissionsBoundary) as Props;
    // PutPermissionsBoundaryToPermissionSet replaces whatever boundary the set had.
    ps.boundary = b.managedPolicyArn
      ? { ManagedPolicyArn: b.managedPolicyArn as string }
      : { CustomerManagedPolicyReference: policyRef(b.customerManagedPolicyReference) };
    return { id: `${ps.arn},${str(p, "instanceArn")}`, outs: p };
  },
  [TYPES.group]: (w, p) => {
    const name = str(p, "displayName");
    conflict(
      w.org.groups.some((g) => g.displayName === name),
      `group ${name}`,
    );
    const groupId = `9067${hex(w, 6)}-0000-4000-8000-000000000000`;
    w.org.groups.push({ id: groupId, displayName: name, description: plain(p.description) as string });
    return { id: `${str(p, "identityStoreId")}/${groupId}`, outs: { ...p, groupId } };
  },
  [TYPES.user]: (w, p) => {
    const name = str(p, "userName");
    conflict(
      w.org.users.some((u) => u.userName.toLowerCase() === name.toLowerCase()),
      `user ${name}`,
    );
    const userId = `9067${hex(w, 6)}-1111-4000-8000-000000000000`;
    w.org.users.push({ id: userId, ...userFields(p) } as WorldUser);
    return { id: `${str(p, "identityStoreId")}/${userId}`, outs: { ...p, userId } };
  },
  [TYPES.membership]: (w, p) => {
    const [groupId, userId] = [str(p, "groupId"), str(p, "memberId")];
    requireGroup(w, groupId);
    requireUser(w, userId);
    conflict(
      w.org.memberships.some((m) => m.groupId === groupId && m.userId === userId),
      `membership`,
    );
    const membershipId = `m-${hex(w, 8)}`;
    w.org.memberships.push({ id: membershipId, groupId, userId });
    return { id: `${str(p, "identityStoreId")}/${membershipId}`, outs: { ...p, membershipId } };
  },
  [TYPES.assignment]: (w, p) => {
    const a = {
      accountId: str(p, "targetId"),
      permissionSetArn: permissionSet(w, str(p, "permissionSetArn")).arn,
      principalType: str(p, "principalType") as "USER" | "GROUP",
      principalId: str(p, "principalId"),
    };
    if (a.principalType === "GROUP") requireGroup(w, a.principalId);
    else requireUser(w, a.principalId);
    if (!w.org.accounts.some((x) => x.Id === a.accountId))
      throw new AwsError("ValidationException", `account ${a.accountId} is not in the organization`);
    conflict(
      w.org.assignments.some((x) => JSON.stringify(x) === JSON.stringify(a)),
      "account assignment",
    );
    w.org.assignments.push(a);
    const id = [
      a.principalId,
      a.principalType,
      a.accountId,
      str(p, "targetType"),
      a.permissionSetArn,
      str(p, "instanceArn"),
    ];
    return { id: id.join(","), outs: p };
  },
};

function setFields(p: Props) {
  const v = norm(p) as Props;
  return {
    description: v.description as string | undefined,
    sessionDuration: v.sessionDuration as string | undefined,
    relayState: v.relayState as string | undefined,
    tags: (v.tags ?? {}) as Record<string, string>,
  };
}

const remove: Record<string, (w: World, id: string, p: Props) => void> = {
  [TYPES.permissionSet]: (w, id) => {
    const arn = id.split(",")[0];
    if (w.org.assignments.some((a) => a.permissionSetArn === arn))
      throw new AwsError("ConflictException", "the permission set is still provisioned to accounts");
    w.org.permissionSets = w.org.permissionSets.filter((x) => x.arn !== arn);
  },
  [TYPES.policyAttachment]: (w, _id, p) => {
    const ps = permissionSet(w, str(p, "permissionSetArn"));
    ps.managedPolicies = (ps.managedPolicies ?? []).filter((a) => a !== str(p, "managedPolicyArn"));
  },
  [TYPES.inlinePolicy]: (w, _id, p) => void delete permissionSet(w, str(p, "permissionSetArn")).inlinePolicy,
  [TYPES.customerPolicy]: (w, _id, p) => {
    const ps = permissionSet(w, str(p, "permissionSetArn"));
    const ref = refText(policyRef(p.customerManagedPolicyReference));
    ps.customerManagedPolicies = (ps.customerManagedPolicies ?? []).filter((r) => refText(r) !== ref);
  },
  // DeletePermissionsBoundaryFromPermissionSet: whatever boundary the set has now goes.
  [TYPES.permissionsBoundary]: (w, _id, p) =>
    void delete permissionSet(w, str(p, "permissionSetArn")).boundary,
  [TYPES.group]: (w, id) => {
    const groupId = id.split("/")[1];
    w.org.groups = w.org.groups.filter((g) => g.id !== groupId);
    w.org.memberships = w.org.memberships.filter((m) => m.groupId !== groupId);
  },
  [TYPES.user]: (w, id) => {
    const userId = id.split("/")[1];
    w.org.users = w.org.users.filter((u) => u.id !== userId);
    w.org.memberships = w.org.memberships.filter((m) => m.userId !== userId);
  },
  [TYPES.membership]: (w, id) => {
    w.org.memberships = w.org.memberships.filter((m) => m.id !== id.split("/")[1]);
  },
  [TYPES.assignment]: (w, id) => {
    const [principalId, principalType, accountId, , arn] = id.split(",");
    w.org.assignments = w.org.assignments.filter(
      (a) =>
        !(
          a.principalId === principalId &&
          a.principalType === principalType &&
          a.accountId === accountId &&
          a.permissionSetArn === arn
        ),
    );
  },
};

/** The inputs and outputs AWS holds for an ID (import and refresh), or undefined when it is gone. */
function read(w: World, type: string, id: string): Props | undefined {
  const parts = id.split(/[,/]/);
  const { instance } = w.org;
  const instanceArn = instance?.arn as string;
  const identityStoreId = instance?.identityStoreId as string;
  const psOf = (arn: string) => w.org.permissionSets.find((p) => p.arn === arn);
  const ref = (r: { Name: string; Path?: string }) => ({ name: r.Name, path: r.Path ?? "/" });
  const owned = OWNED[type];
  if (owned) {
    // The ID is <instance ARN>,<permission set ARN> (managedPolicyAttachmentsExclusiveImportID).
    const [instancePart, arn] = id.split(",");
    const ps = psOf(arn);
    return (
      ps && { instanceArn: instancePart, permissionSetArn: arn, [owned.field]: owned.output(owned.live(ps)) }
    );
  }
  switch (type) {
    case TYPES.permissionSet: {
      const ps = psOf(id.split(",")[0]);
      return (
        ps && {
          instanceArn,
          name: ps.name,
          ...(norm(setFields(ps as unknown as Props)) as Props),
          arn: ps.arn,
        }
      );
    }
    case TYPES.policyAttachment: {
      const [policy, arn] = id.split(",");
      return psOf(arn)?.managedPolicies?.includes(policy)
        ? { instanceArn, permissionSetArn: arn, managedPolicyArn: policy }
        : undefined;
    }
    case TYPES.inlinePolicy: {
      const ps = psOf(id.split(",")[0]);
      return ps?.inlinePolicy
        ? { instanceArn, permissionSetArn: ps.arn, inlinePolicy: ps.inlinePolicy }
        : undefined;
    }
    case TYPES.customerPolicy: {
      const [name, path, arn] = id.split(",");
      const found = psOf(arn)?.customerManagedPolicies?.find((r) => refText(r) === `${path}${name}`);
      return found && { instanceArn, permissionSetArn: arn, customerManagedPolicyReference: ref(found) };
    }
    case TYPES.permissionsBoundary: {
      const b = psOf(id.split(",")[0])?.boundary;
      const permissionsBoundary = b?.ManagedPolicyArn
        ? { managedPolicyArn: b.ManagedPolicyArn }
        : b && { customerManagedPolicyReference: ref(b.CustomerManagedPolicyReference as { Name: string }) };
      return b && { instanceArn, permissionSetArn: id.split(",")[0], permissionsBoundary };
    }
    case TYPES.group: {
      const g = w.org.groups.find((x) => x.id === parts[1]);
      return g && { identityStoreId, displayName: g.displayName, description: g.description, groupId: g.id };
    }
    case TYPES.user: {
      const u = w.org.users.find((x) => x.id === parts[1]);
      if (!u) return undefined;
      const seeded = {
        identityStoreId,
        userName: u.userName,
        displayName: u.displayName,
        name: { givenName: u.givenName, familyName: u.familyName },
        emails: u.email ? { value: u.email, primary: true, type: "work" } : undefined,
        title: u.title,
      };
      return { ...((plain(u.inputs) as Props) ?? seeded), userId: u.id };
    }
    case TYPES.membership: {
      const m = w.org.memberships.find((x) => x.id === parts[1]);
      return m && { identityStoreId, groupId: m.groupId, memberId: m.userId, membershipId: m.id };
    }
    case TYPES.assignment: {
      const [principalId, principalType, targetId, targetType, arn] = id.split(",");
      const found = w.org.assignments.some(
        (a) =>
          a.principalId === principalId &&
          a.principalType === principalType &&
          a.accountId === targetId &&
          a.permissionSetArn === arn,
      );
      return found
        ? { instanceArn, permissionSetArn: arn, principalId, principalType, targetId, targetType }
        : undefined;
    }
  }
  return w.others[id];
}

/**
 * GetUserId's failure as the bridged provider returns it: the data source's diagnostic around aws-sdk-go-v2's
 * error (terraform-provider-aws internal/service/identitystore/user_data_source.go), wrapped by the bridge's
 * Invoke ("invoking <token>", pulumi-terraform-bridge pkg/tfbridge/provider.go); thrown, it reaches the
 * engine as the gRPC error the bridge returns, not as check failures.
 */
function getUserIdError(args: Props, code: string, message = "User is not authorized"): string {
  return (
    `invoking aws:identitystore/getUser:getUser: 1 error occurred:\n\t* reading IdentityStore User ` +
    `(${args.identityStoreId}): operation error identitystore: GetUserId, https response error StatusCode: ` +
    `400, RequestID: 5e0c1d2a-0000-4000-8000-000000000000, ${code}: ${message}\n\n`
  );
}

const INPUTS_ONLY = new Set(["arn", "groupId", "userId", "membershipId"]);
const inputsOf = (props: Props) =>
  Object.fromEntries(Object.entries(props).filter(([k]) => !INPUTS_ONLY.has(k)));

function invoke(w: World, token: string, args: Props): Props {
  const org = w.org;
  const management = org.managementAccountId;
  const attribute = (a: Props) =>
    ((a.alternateIdentifier as Props)?.uniqueAttribute as Props)?.attributeValue;
  const account = (a: { Id: string; Name: string; State: string }) => ({
    id: a.Id,
    name: a.Name,
    state: a.State,
    status: a.State,
    arn: `arn:aws:organizations::${management}:account/o-example/${a.Id}`,
    email: `${a.Id}@example.com`,
  });
  switch (token) {
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        id: management,
        accountId: management,
        arn: `arn:aws:iam::${management}:root`,
        userId: management,
      };
    case "aws:ssoadmin/getInstances:getInstances":
      return {
        id: "aws",
        arns: org.instance ? [org.instance.arn] : [],
        identityStoreIds: org.instance ? [org.instance.identityStoreId] : [],
      };
    case "aws:ssoadmin/getPermissionSet:getPermissionSet": {
      const ps = org.permissionSets.find((p) => p.name === args.name || p.arn === args.arn);
      if (!ps) throw new AwsError("ResourceNotFoundException", `permission set ${args.name}`);
      return { id: ps.arn, arn: ps.arn, name: ps.name, instanceArn: args.instanceArn };
    }
    case "aws:identitystore/getGroup:getGroup": {
      const g = org.groups.find((x) => x.displayName === attribute(args) || x.id === args.groupId);
      if (!g) throw new AwsError("ResourceNotFoundException", `GROUP ${attribute(args)}`);
      return { id: g.id, groupId: g.id, displayName: g.displayName, identityStoreId: args.identityStoreId };
    }
    case "aws:identitystore/getUser:getUser": {
      if (attribute(args) === DENIED_USER) throw new Error(getUserIdError(args, "AccessDeniedException"));
      const u = org.users.find((x) => x.userName === attribute(args) || x.id === args.userId);
      if (!u && attribute(args) !== undefined)
        throw new Error(getUserIdError(args, "ResourceNotFoundException", "USER not found."));
      if (!u) throw new AwsError("ResourceNotFoundException", `USER ${args.userId}`);
      return { id: u.id, userId: u.id, userName: u.userName, identityStoreId: args.identityStoreId };
    }
    case "aws:identitystore/getGroupMemberships:getGroupMemberships":
      return {
        id: args.groupId,
        groupId: args.groupId,
        identityStoreId: args.identityStoreId,
        groupMemberships: org.memberships
          .filter((m) => m.groupId === args.groupId)
          .map((m) => ({
            groupId: m.groupId,
            identityStoreId: args.identityStoreId,
            membershipId: m.id,
            memberId: { userId: m.userId },
          })),
      };
    case "aws:organizations/getOrganization:getOrganization":
      return {
        id: "o-example",
        masterAccountId: management,
        accounts: args.returnOrganizationOnly ? [] : org.accounts.map(account),
      };
    // terraform-provider-aws internal/service/organizations/resource_tags_data_source.go: `resource_id` in;
    // `tags` the key-to-value map of ListTagsForResource's every page (none: empty), `id` the resource ID;
    // any error of the call fails the read (an ID outside the organization: TargetNotFoundException).
    case "aws:organizations/getResourceTags:getResourceTags": {
      const id = args.resourceId as string;
      if (!org.accounts.some((a) => a.Id === id))
        throw new AwsError("TargetNotFoundException", `${id} is not in the organization`);
      return { id, resourceId: id, tags: org.accountTags?.[id] ?? {} };
    }
    case "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts": {
      const below = (id: string): string[] =>
        (org.ous ?? [])
          .filter((o) => o.id === id)
          .flatMap((o) => [
            ...o.accounts,
            ...(org.ous ?? []).filter((c) => c.parent === id).flatMap((c) => below(c.id)),
          ]);
      const ids = below(args.parentId as string);
      return {
        id: args.parentId,
        parentId: args.parentId,
        accounts: org.accounts.filter((a) => ids.includes(a.Id)).map(account),
      };
    }
  }
  throw new AwsError("UnknownOperation", `the stand-in provider does not answer ${token}`);
}

/** Runs one call against the world file and records it, with whatever invariant it leaves broken. */
function call<T>(op: string, urn: string, fn: (w: World) => T): T {
  const world = loadWorld(FILE);
  const result = fn(world);
  const scenario = world.expect?.scenario ?? "";
  const [type, name] = urn.includes("::") ? [typeOf(urn), nameOf(urn)] : [urn, ""];
  world.calls.push({ scenario, op, type, name });
  const problems = invariantProblems(world);
  if (problems.length > 0)
    world.violations.push({ scenario, call: `${op} ${type} ${name}`, problems, state: stateText(world) });
  saveWorld(FILE, world);
  return result;
}

const provider: Provider = {
  version: "7.48.0",
  async check(_urn, _olds, news) {
    return { inputs: news };
  },
  async diff(_id, urn, olds, news) {
    const rules = UPSTREAM[typeOf(urn)];
    const fields = [...new Set([...Object.keys(inputsOf(olds)), ...Object.keys(news)])].filter(
      (k) => !k.startsWith("__"),
    );
    const changed = fields.filter(
      (k) => JSON.stringify(plain(news[k])).includes(UNKNOWN) || !same(k, olds[k], news[k]),
    );
    const replaces = changed.filter((k) => rules?.forceNew.includes(k));
    return { changes: changed.length > 0, replaces };
  },
  async create(urn, inputs) {
    if (OWNED[typeOf(urn)]) {
      syncOwned(urn, inputs);
      return { id: `${str(inputs, "instanceArn")},${str(inputs, "permissionSetArn")}`, outs: inputs };
    }
    return call("create", urn, (w) => {
      const make = create[typeOf(urn)];
      if (make) return make(w, inputs);
      const id = `${nameOf(urn)}-${hex(w, 8)}`;
      w.others[id] = { ...inputs, arn: `arn:aws:iam::${w.org.managementAccountId}:role/${id}` };
      return { id, outs: w.others[id] };
    });
  },
  async update(id, urn, olds, news) {
    const owned = OWNED[typeOf(urn)];
    if (owned) {
      // Upstream's Update syncs only when the list itself changed (`if !plan.….Equal(state.…)`): an update of
      // the timeouts alone reads and writes nothing in AWS. Compared as upstream does: the managed list as a
      // set, the customer list in order.
      const [was, now] = [owned.wanted(olds), owned.wanted(news)];
      const text = (keys: string[]) => (owned.ordered ? keys : [...keys].sort()).join("\n");
      if (text(was) !== text(now)) syncOwned(urn, news);
      return { outs: news };
    }
    return call("update", urn, (w) => {
      const type = typeOf(urn);
      if (type === TYPES.permissionSet) Object.assign(permissionSet(w, id.split(",")[0]), setFields(news));
      else if (type === TYPES.inlinePolicy)
        permissionSet(w, str(news, "permissionSetArn")).inlinePolicy = str(news, "inlinePolicy");
      else if (type === TYPES.group)
        Object.assign(w.org.groups.find((g) => g.id === id.split("/")[1]) ?? {}, {
          displayName: plain(news.displayName),
          description: plain(news.description),
        });
      else if (type === TYPES.user) Object.assign(requireUser(w, id.split("/")[1]), userFields(news));
      else w.others[id] = { ...w.others[id], ...news };
      return { outs: { ...olds, ...news } };
    });
  },
  async delete(id, urn, props) {
    // framework.WithNoOpDelete: deleting an exclusive resource leaves the set's policies as they are.
    if (OWNED[typeOf(urn)]) return void call("delete", urn, () => undefined);
    call("delete", urn, (w) => (remove[typeOf(urn)] ?? ((x: World) => delete x.others[id]))(w, id, props));
  },
  async read(id, urn, state) {
    return call("read", urn, (w) => {
      const live = read(w, typeOf(urn), id);
      // An exclusive resource's Read sets the list on the state it had (timeouts stay); an import has none.
      const found = live && OWNED[typeOf(urn)] ? { ...state, ...live } : live;
      // Struct.fromJavaScript refuses undefined: absent fields are left out.
      const props = found && (JSON.parse(JSON.stringify(found)) as Props);
      return props ? { id, props, inputs: inputsOf(props) } : {};
    });
  },
  async invoke(token, args) {
    return { outputs: call("invoke", token, (w) => invoke(w, token, args)) };
  },
};

main(provider, process.argv.slice(2));
