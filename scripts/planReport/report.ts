// The plan as a report: what a stack declares (and, with --against, how it changes), as plain data that
// every renderer reads and --format json prints.
import { PlanDiff } from "../../analysis/diff";
import { JudgedSet } from "../../components/iam/adminSets";
import {
  lastAdminsExpiring,
  grantsNoAdmin,
  meaningReasons,
  protectionOn,
  unverifiedNotes,
} from "../../components/lockout";
import {
  administratorPolicyArn,
  AdminAccessPlan,
  grants,
  memberSetAccounts,
  partitionOf,
  setNameFor,
} from "../../components/plan";
import { fanoutTimeoutMinutes, provisioningMinutes } from "../../components/families/fanout";
import { confusablePairs } from "../../components/validation/names";
import { OrgEventsSection, orgEventsSection } from "./orgEvents";

const fanoutOf = (accounts: number) => ({
  accounts,
  minutes: provisioningMinutes(accounts),
  timeoutMinutes: fanoutTimeoutMinutes(accounts),
});

/** The plan as JSON (format version 1): a stable shape that CI can diff between two configs. */
export interface PlanReport {
  version: 1;
  stack: string;
  region: string | null;
  permissionSet: {
    name: string;
    existing: boolean;
    /** Null for an existing set, whose settings and policies are not managed here. */
    sessionDuration: string | null;
    description: string | null;
    relayState: string | null;
    policyArn: string | null;
    tags: Record<string, string>;
    /** The guardrails attached to the set, each a resource; null or empty with an existing set. */
    inlinePolicy: Record<string, unknown> | null;
    customerManagedPolicies: { name: string; path: string }[];
    permissionsBoundary:
      { managedPolicyArn: string } | { customerManagedPolicy: { name: string; path: string } } | null;
    /** How many guardrails: the inline policy, each customer-managed policy and the boundary. */
    guardrails: number;
    /**
     * The inline policy's denies that cut expiring admins' live sessions at their instant, one per instant;
     * the inline policy exists for them even with no inlinePolicy configured.
     */
    sessionCuts: { instant: string; userNames: string[] }[];
    /**
     * What every change to the set costs: the accounts it is provisioned to and about how long reprovisioning
     * takes, and how long each set-level child waits (components/families/fanout.ts). Null for an existing set.
     */
    fanout: { accounts: number; minutes: number; timeoutMinutes: number } | null;
  };
  group: { displayName: string; description: string | null; existing: boolean };
  usersToCreate: { userName: string; displayName: string; email: string }[];
  existingUsers: string[];
  /** Every admin, with when their access ends and whether it already has (then they hold no access). */
  admins: {
    userName: string;
    existing: boolean;
    expiresAt: string | null;
    expired: boolean;
    /** Existing, but the org file's identityStore record says the store does not hold it yet. */
    deferred: boolean;
  }[];
  /**
   * Existing admins the identity store does not hold yet, by the org file's identityStore record (written by
   * `org-snapshot --stack`): deferred, no membership until a run finds them. Null without the record: the
   * plan cannot see the directory, and existing admins are looked up at deploy, where any may be deferred.
   */
  deferredAdmins: string[] | null;
  /** The sets, the group, the users and break-glass are registered with protect (docs/safety.md). */
  protect: boolean;
  /** With includeManagementAccount: the management account's own set and its break-glass users, apart. */
  management: {
    accountId: string;
    permissionSet: { name: string; sessionDuration: string; description: string | null; policyArn: string };
    /** Existing users with a direct USER assignment of that set on the management account. */
    breakGlass: string[];
    /** The denies that cut expiring admins' live sessions on this set too, where the group holds it. */
    sessionCuts: { instant: string; userNames: string[] }[];
  } | null;
  /** The trigger on the organization's and the identity store's changes; null without orgEvents. */
  orgEvents: OrgEventsSection | null;
  /** The management account that the selectors were checked against; null when not known offline. */
  managementAccountId: string | null;
  /**
   * The organizations.getResourceTags lookups the component makes each time the program runs, for accountTags:
   * one per ACTIVE account of the organization, paced (components/pacing.ts); 0 without accountTags.
   */
  tagLookups: number;
  assignments: {
    accountId: string;
    accountName: string | null;
    /** The selectors that brought the account in, e.g. "accounts" or "organizationalUnits:ou-…". */
    selectedBy: string[];
    principalType: "GROUP";
    group: string;
    permissionSet: string;
    /** The lane the assignment is chained in with assignmentConcurrency; null when independent. */
    lane: number | null;
  }[];
  /** Accounts a selector reached but that were left out, and why. */
  skippedAccounts: { accountId: string; reason: string }[];
  /** One row per admin and target account: who gets administrator access where. */
  accessMatrix: { userName: string; accountId: string; permissionSet: string; expiresAt: string | null }[];
  resources: { type: string; name: string }[];
  resourceCounts: Record<string, number>;
  totalResources: number;
  /**
   * What each set assigned to admins grants after its guardrails, by the meaning engine (null verdict: its
   * policies are not known here), and what could not be read, so is unverified.
   */
  adminAccess: {
    path: string;
    set: string;
    verdict: string | null;
    /** False: the set grants no administrator access; null: not known here. */
    administrator: boolean | null;
    reasons: string[];
    unverified: string[];
  }[];
  /** With --against: who gains and loses admin where, and what the change creates, deletes or replaces. */
  diff?: PlanDiff;
  /**
   * What a reviewer must read first: admins whose names read the same (TR39 confusables), a set that grants
   * no administrator access (allowed by allowNoAdmins) or could not be verified, the last admins expiring
   * within a session of now, and, with --against, replacements and admins losing every account.
   */
  warnings?: string[];
}

export function planReport(
  stack: string,
  region: string | undefined,
  plan: AdminAccessPlan,
  managementAccountId: string | undefined,
  judged: readonly JudgedSet[] = [],
  now: Date = new Date(),
  tagLookups = 0,
): PlanReport {
  const { permissionSet: ps, group } = plan.spec;
  const managed = !ps.existing;
  const expiring = lastAdminsExpiring(plan, now);
  const warnings = [
    ...meaningReasons(judged).map((r) =>
      plan.spec.allowNoAdmins ? `${r} (allowed by allowNoAdmins: true)` : r,
    ),
    ...unverifiedNotes(judged),
    ...(expiring ? [expiring] : []),
    ...lookalikes(plan),
    ...plan.targetNotes,
  ];
  const resourceCounts: Record<string, number> = {};
  for (const r of plan.resources) resourceCounts[r.type] = (resourceCounts[r.type] ?? 0) + 1;
  return {
    version: 1,
    stack,
    region: region ?? null,
    permissionSet: {
      name: ps.name,
      existing: ps.existing,
      sessionDuration: managed ? ps.sessionDuration : null,
      description: ps.description ?? null,
      relayState: ps.relayState ?? null,
      policyArn: managed ? administratorPolicyArn(partitionOf(region)) : null,
      tags: ps.tags,
      inlinePolicy: ps.inlinePolicy ?? null,
      customerManagedPolicies: ps.customerManagedPolicies,
      permissionsBoundary: ps.permissionsBoundary ?? null,
      guardrails:
        (ps.inlinePolicy ? 1 : 0) + ps.customerManagedPolicies.length + (ps.permissionsBoundary ? 1 : 0),
      sessionCuts: plan.permissionSet?.sessionCuts ?? [],
      fanout: managed ? fanoutOf(memberSetAccounts(plan)) : null,
    },
    group: {
      displayName: group.displayName,
      description: group.description ?? null,
      existing: group.existing,
    },
    usersToCreate: plan.admins.flatMap((a) =>
      a.existing ? [] : [{ userName: a.userName, displayName: a.displayName, email: a.email }],
    ),
    existingUsers: plan.admins.filter((a) => a.existing).map((a) => a.userName),
    protect: protectionOn(plan.spec.protect, stack),
    management: plan.management
      ? {
          accountId: plan.management.accountId,
          permissionSet: {
            name: plan.spec.managementPermissionSet.name,
            sessionDuration: plan.spec.managementPermissionSet.sessionDuration,
            description: plan.spec.managementPermissionSet.description ?? null,
            policyArn: administratorPolicyArn(partitionOf(region)),
          },
          breakGlass: plan.management.breakGlass.map((b) => b.userName),
          sessionCuts: plan.management.sessionCuts,
        }
      : null,
    orgEvents: orgEventsSection(plan, region),
    managementAccountId: managementAccountId ?? null,
    tagLookups,
    assignments: plan.assignments.map((a) => ({
      accountId: a.accountId,
      accountName: a.name ?? null,
      selectedBy: a.selectedBy,
      principalType: "GROUP",
      group: group.displayName,
      permissionSet: setNameFor(plan, a.accountId),
      lane: a.lane ?? null,
    })),
    skippedAccounts: plan.skipped,
    admins: plan.admins.map((a) => ({
      userName: a.userName,
      existing: a.existing,
      expiresAt: a.expiresAt ?? null,
      expired: a.expired,
      deferred: a.deferred,
    })),
    deferredAdmins: null,
    // An expired or deferred admin holds nothing: listed in admins as such, never in the matrix.
    accessMatrix: grants(plan).map(({ admin, accountId }) => ({
      userName: admin.userName,
      accountId,
      permissionSet: setNameFor(plan, accountId),
      expiresAt: admin.expiresAt ?? null,
    })),
    adminAccess: judged.map((set) => ({
      path: set.path,
      set: set.name,
      verdict: (set.inManagementAccount ? set.meaning?.inManagementAccount : set.meaning?.verdict) ?? null,
      administrator: set.meaning === undefined ? null : !grantsNoAdmin(set),
      reasons: set.meaning?.reasons ?? [],
      unverified: set.unverified,
    })),
    resources: plan.resources,
    resourceCounts,
    totalResources: plan.resources.length,
    ...(warnings.length ? { warnings } : {}),
  };
}

/** Admins whose user names, display names or emails read the same as another admin's (TR39 skeletons). */
export function lookalikes(plan: AdminAccessPlan): string[] {
  const fields = [
    plan.admins.map((a) => a.userName),
    plan.admins.flatMap((a) => (a.existing ? [] : [a.displayName])),
    plan.admins.flatMap((a) => (a.existing ? [] : [a.email])),
  ];
  return fields.flatMap((names) =>
    confusablePairs(names).map(
      ([a, b]) => `"${a}" and "${b}" read the same (Unicode confusables): check that both are meant`,
    ),
  );
}
