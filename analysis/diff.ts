// The access diff, pure: two plans of one stack (before and after a change) in, who gains and loses admin
// where and which resources a change creates, deletes or replaces out. Replacements follow the families'
// force-new fields (components/families: a permission set's name, a group's display name; a user's name is
// its key here, so a rename is a deletion and a creation) and are carried through the families' dependents:
// a new permission set or group has a new ARN or ID, which every attachment (AdministratorAccess, inline,
// customer-managed, boundary), membership and assignment naming it must follow.
import { forcesNew, replacedWith } from "../components/families";
import { lockoutLines } from "../components/lockout";
import { managementNames } from "../components/families/managementPermissionSet";
import { AdminAccessPlan, grants, TYPES } from "../components/plan";
import { AccessChange, addChange, ChangeContext } from "./review/changes";
import { accessChanges } from "./review/rules";
import { fanoutChanges } from "./review/fanout";
import { NamePin, namePins } from "./review/targets";

export { addChange, statementText } from "./review/changes";
export type { AccessChange, Severity } from "./review/changes";

export interface PlanDiff {
  /** The git ref or file the plan was compared with. */
  against: string;
  adminsAdded: string[];
  adminsRemoved: string[];
  accountsAdded: string[];
  accountsRemoved: string[];
  grantsAdded: { userName: string; accountId: string }[];
  grantsRemoved: { userName: string; accountId: string }[];
  created: { type: string; name: string }[];
  deleted: { type: string; name: string }[];
  replaced: { type: string; name: string; reason: string }[];
  /** Every access-relevant change, field by field, critical first (analysis/review/changes.ts). */
  changes: AccessChange[];
  /** Lines a reviewer must read first: after this change no admin would hold access (components/lockout.ts). */
  critical: string[];
  /**
   * With --org: which organization each side was resolved against (`same`: one organization for both, so a
   * name or tag that changed in the organization does not show), and each accountNames entry with the account
   * it names on each side.
   */
  organizations?: { before: string; after: string; same: boolean };
  accountNames?: NamePin[];
}

const grantsOf = (plan: AdminAccessPlan) =>
  grants(plan).map((g) => ({ userName: g.admin.userName, accountId: g.accountId }));
const key = (r: { type: string; name: string }) => `${r.type} ${r.name}`;
const minus = <T>(a: T[], b: T[], id: (x: T) => string) => {
  const other = new Set(b.map(id));
  return a.filter((x) => !other.has(id(x)));
};

/** Why the permission set and the group themselves are replaced, if they are: a flip of existing, or a
 * change of a field the provider forces a new resource for (components/families RULES). */
function causes(before: AdminAccessPlan, after: AdminAccessPlan) {
  const [b, a] = [before.spec, after.spec];
  const permissionSet =
    b.permissionSet.existing !== a.permissionSet.existing
      ? `the permission set flips ${a.permissionSet.existing ? "to" : "from"} existing: true, so its ARN changes`
      : forcesNew(TYPES.permissionSet, "name") && b.permissionSet.name !== a.permissionSet.name
        ? `the permission set is renamed ("${b.permissionSet.name}" to "${a.permissionSet.name}"), which forces a new set`
        : undefined;
  const group =
    b.group.existing !== a.group.existing
      ? `the group flips ${a.group.existing ? "to" : "from"} existing: true, so its ID changes`
      : forcesNew(TYPES.group, "displayName") && b.group.displayName !== a.group.displayName
        ? `the group's display name changes ("${b.group.displayName}" to "${a.group.displayName}"), which forces a new group`
        : undefined;
  const userFlip = new Map<string, string>();
  const old = new Map(b.admins.map((x) => [x.userName, x]));
  for (const admin of a.admins) {
    const was = old.get(admin.userName);
    if (was && was.existing !== admin.existing) {
      userFlip.set(
        admin.userName,
        `user "${admin.userName}" flips ${admin.existing ? "to" : "from"} existing: true` +
          (admin.existing ? ", and deleting the created user deletes every group membership it had" : ""),
      );
    }
  }
  const [wasBoundary, boundary] = [b, a].map((s) => JSON.stringify(s.permissionSet.permissionsBoundary));
  const boundaryChange =
    forcesNew(TYPES.permissionsBoundary, "permissionsBoundary") && wasBoundary !== boundary
      ? "the permissions boundary changes, which forces a new attachment"
      : undefined;
  return { permissionSet, group, userFlip, boundaryChange };
}

/** The replaced parents, the group's reasons first: a dependent names the first of them that it follows. */
const PARENTS = [
  { type: TYPES.group, noun: "group", cause: (c: ReturnType<typeof causes>) => c.group },
  {
    type: TYPES.permissionSet,
    noun: "permission set",
    cause: (c: ReturnType<typeof causes>) => c.permissionSet,
  },
];

export function diffPlans(
  before: AdminAccessPlan,
  after: AdminAccessPlan,
  against: string,
  ctx: ChangeContext = { orgKnown: false },
): PlanDiff {
  const names = (plan: AdminAccessPlan) => plan.admins.map((a) => a.userName);
  const accounts = (plan: AdminAccessPlan) => plan.assignments.map((a) => a.accountId);
  const grantId = (g: { userName: string; accountId: string }) => `${g.userName} ${g.accountId}`;
  const same = (x: string) => x;
  const found = causes(before, after);
  const parents = PARENTS.map((p) => ({ ...p, reason: p.cause(found), replaces: replacedWith(p.type) }));
  const userOf = new Map(after.admins.map((a) => [a.membershipResource, a.userName]));

  const replaced: PlanDiff["replaced"] = [];
  const kept = new Set(before.resources.map(key));
  // The management set and break-glass name neither the member set nor the group.
  const apart = new Set(after.management ? managementNames(after.management) : []);
  for (const r of after.resources.filter((x) => kept.has(key(x)) && !apart.has(x.name))) {
    const own =
      parents.find((p) => p.type === r.type)?.reason ??
      (r.type === TYPES.permissionsBoundary ? found.boundaryChange : undefined);
    const parent = parents.find((p) => p.reason && p.replaces.includes(r.type));
    const user = r.type === TYPES.membership ? found.userFlip.get(userOf.get(r.name) ?? "") : undefined;
    const reason = own ?? (parent ? `its ${parent.noun} is replaced: ${parent.reason}` : user);
    if (reason) replaced.push({ type: r.type, name: r.name, reason });
  }

  const changes = accessChanges(before, after, ctx);
  for (const c of fanoutChanges(before, after, replaced)) addChange(changes, c);
  return {
    against,
    adminsAdded: minus(names(after), names(before), same),
    adminsRemoved: minus(names(before), names(after), same),
    accountsAdded: minus(accounts(after), accounts(before), same),
    accountsRemoved: minus(accounts(before), accounts(after), same),
    grantsAdded: minus(grantsOf(after), grantsOf(before), grantId),
    grantsRemoved: minus(grantsOf(before), grantsOf(after), grantId),
    created: minus(after.resources, before.resources, key).map(({ type, name }) => ({ type, name })),
    deleted: minus(before.resources, after.resources, key).map(({ type, name }) => ({ type, name })),
    replaced,
    changes,
    critical: lockoutLines(before, after, ctx.judged?.after),
    ...(ctx.organizations && {
      organizations: {
        before: ctx.organizations.beforeLabel,
        after: ctx.organizations.afterLabel,
        same: ctx.organizations.same,
      },
      accountNames: namePins({ before, after, ctx }),
    }),
  };
}

/** What a reviewer must see first: outages while AWS re-provisions, and admins who lose every account. */
export function diffWarnings(diff: PlanDiff, after: AdminAccessPlan): string[] {
  const warnings: string[] = [...diff.critical];
  const assignments = diff.replaced.filter((r) => r.type === TYPES.assignment);
  const groupReplaced = diff.replaced.some((r) => r.type === TYPES.group);
  if (assignments.length > 0 || groupReplaced) {
    warnings.push(
      `This change replaces ${groupReplaced ? "the admin group and " : ""}${assignments.length} account ` +
        `assignment(s): admins lose access to ${assignments.length} account(s) for minutes while AWS ` +
        "re-provisions. Safer: add the new group (or permission set) in one change, and remove the old one in " +
        "a second change once the new one works.",
    );
  }
  // A replaced or deleted set takes its boundary with it.
  const setGoes =
    [...diff.deleted, ...diff.replaced].some((r) => r.type === TYPES.permissionSet) ||
    after.spec.permissionSet.existing;
  if (!setGoes && diff.deleted.some((r) => r.type === TYPES.permissionsBoundary)) {
    warnings.push(
      "The permissions boundary leaves the stack but stays on the permission set: its attachment is kept on " +
        "delete, so that a boundary change never leaves the set unbounded. To remove it: aws sso-admin " +
        "delete-permissions-boundary-from-permission-set --instance-arn … --permission-set-arn ….",
    );
  }
  const stillGranted = new Set(grants(after).map((g) => g.admin.userName));
  const losing = [...new Set(diff.grantsRemoved.map((g) => g.userName))]
    .filter((u) => !stillGranted.has(u))
    .sort();
  if (losing.length > 0) {
    warnings.push(
      `${losing.join(", ")} lose${losing.length === 1 ? "s" : ""} administrator access in every account.`,
    );
  }
  return warnings;
}
