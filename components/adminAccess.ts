import * as pulumi from "@pulumi/pulumi";
import { buildContext, instanceOf, resolveOrganization } from "./resources/context";
import { buildExpiry } from "./resources/expiry";
import { buildGroup } from "./resources/group";
import { attachmentsRetained } from "./migration";
import { buildAccountAccess } from "./resources/management";
import { buildOrgEvents } from "./resources/orgEvents";
import { deferralNotes, logExpiries, logInvitations, unlistedMembers } from "./resources/notices";
import { buildPermissionSet } from "./resources/permissionSet";
import { buildCreatedUsers, buildMemberships, userIdsOf } from "./resources/users";
import { absentOf, lookupExistingAdmins } from "./resources/lookups";
import { AdminAccessConfigError, validateConfig } from "./config";
import { accessPortalUrl } from "./arns";
import { judgeAdminSets } from "./iam/adminSets";
import {
  lastAdminsExpiring,
  lockoutProblems,
  meaningReasons,
  protectionOn,
  unverifiedNotes,
} from "./lockout";
import { RESERVED_ROLE_PATH } from "./families/reservedRole";
import {
  COMPONENT_TYPE,
  deferredUserNames,
  memberSetAccounts,
  planAdminAccess,
  planIdentity,
  reservedRoleNamePrefixes,
  usersToCreate,
} from "./plan";

export { AdminAccessConfigError } from "./config";
export { samePartition } from "./arns";
export { discoveredInstance } from "./resources/context";
export { unlistedNotice } from "./resources/notices";
export { membershipRemovalPolicy, schedulerTrust } from "./families/expiry";
export { invitationNotice } from "./families/users";

/** The permission set that grants the AWS managed AdministratorAccess policy. */
export interface AdminAccessPermissionSetArgs {
  /** Permission set name, 1-32 characters of [\w+=,.@-]. Renaming replaces it. Default: "AdministratorAccess". */
  readonly name?: string;
  /** Description shown in the console, 1-700 characters. Default: none. */
  readonly description?: string;
  /** ISO-8601 session length from PT1H to PT12H, e.g. PT4H or PT2H30M. Default: "PT1H". */
  readonly sessionDuration?: string;
  /** URL in the AWS console that users land on after sign-in, 1-240 characters. Default: the console home. */
  readonly relayState?: string;
  /** Tags on the permission set: at most 50, keys without the reserved "aws:" prefix. Default: none. */
  readonly tags?: Record<string, string>;
  /** Look up an existing permission set by name instead of creating one. Default: false. */
  readonly existing?: boolean;
  /**
   * An IAM policy document attached inline, e.g. a Deny that protects the security baseline; validated
   * (Version, Statement, Effect, Action/NotAction, Resource/NotResource, no Principal, known actions and
   * condition keys, Latin-1 only, AWS's size limits).
   * Default: none.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON, published to every language as Any
  readonly inlinePolicy?: any;
  /**
   * Customer-managed policies to attach: at most 9 (10 with AdministratorAccess, IAM's default quota of
   * managed policies per role), or up to 19 with a raised managedPolicyQuota. Default: none.
   */
  readonly customerManagedPolicies?: AdminAccessCustomerManagedPolicyArgs[];
  /**
   * The "Managed policies per role" IAM quota of every target account, when raised in Service Quotas
   * (10 to 20). Default: 10, AWS's default.
   */
  readonly managedPolicyQuota?: number;
  /** A permissions boundary for the set. Default: none. */
  readonly permissionsBoundary?: AdminAccessPermissionsBoundaryArgs;
}

/** A customer-managed IAM policy, which must exist with this name and path in every target account. */
export interface AdminAccessCustomerManagedPolicyArgs {
  /** Policy name, 1-128 characters of [\w+=,.@-]. */
  readonly name: string;
  /** Policy path, starting and ending with "/". Default: "/". */
  readonly path?: string;
}

/** The permission set's permissions boundary: exactly one of the two. */
export interface AdminAccessPermissionsBoundaryArgs {
  /** An AWS managed policy ARN, e.g. arn:aws:iam::aws:policy/PowerUserAccess. Default: none. */
  readonly managedPolicyArn?: string;
  /** A customer-managed policy, which must exist in every target account. Default: none. */
  readonly customerManagedPolicy?: AdminAccessCustomerManagedPolicyArgs;
}

/** The Identity Center group that holds the administrators. */
export interface AdminAccessGroupArgs {
  /** Group display name, 1-1024 characters; "Administrator" and "AWSAdministrators" are reserved. */
  readonly displayName: string;
  /** Group description, 1-1024 characters. Default: none. */
  readonly description?: string;
  /** Look up an existing group by display name instead of creating one. Default: false. */
  readonly existing?: boolean;
}

/** A postal address of an administrator. */
export interface AdminAccessAddressArgs {
  /** Street address. Default: none. */
  readonly streetAddress?: string;
  /** City or locality. Default: none. */
  readonly locality?: string;
  /** State or region. Default: none. */
  readonly region?: string;
  /** Postal code. Default: none. */
  readonly postalCode?: string;
  /** Country. Default: none. */
  readonly country?: string;
}

/** One administrator: a user created in the identity store, or an existing one that is only added to the group. */
export interface AdminAccessAdminArgs {
  /** Sign-in name, 1-128 characters without spaces, unique ignoring case. Changing it replaces the user. */
  readonly userName: string;
  /** Look up an existing user by userName (e.g. one synced by SCIM) and only add it to the group. Default: false. */
  readonly existing?: boolean;
  /** Primary email address; required unless existing. */
  readonly email?: string;
  /** Given (first) name; required unless existing. */
  readonly givenName?: string;
  /** Family (last) name; required unless existing. */
  readonly familyName?: string;
  /** Name shown in the access portal. Default: "givenName familyName". */
  readonly displayName?: string;
  /** Job title. Default: none. */
  readonly title?: string;
  /** Nickname. Default: none. */
  readonly nickname?: string;
  /** Work phone number. Default: none. */
  readonly phoneNumber?: string;
  /** Locale, e.g. en-US. Default: none. */
  readonly locale?: string;
  /** Time zone, e.g. Europe/Berlin. Default: none. */
  readonly timezone?: string;
  /** Preferred language, e.g. en. Default: none. */
  readonly preferredLanguage?: string;
  /** Postal address. Default: none. */
  readonly address?: AdminAccessAddressArgs;
  /**
   * When this admin's access ends, an ISO-8601 UTC instant such as "2026-12-31T18:00:00Z": then AWS removes
   * the group membership by schedule, and every later run leaves it out. The user is kept. Default: never.
   */
  readonly expiresAt?: string;
}

/** The management account's own permission set, used there instead of permissionSet (AWS's recommendation). */
export interface AdminAccessManagementPermissionSetArgs {
  /** Permission set name, 1-32 characters of [\w+=,.@-], not permissionSet's. Default: "ManagementAdministratorAccess". */
  readonly name?: string;
  /** Description shown in the console, 1-700 characters. Default: none. */
  readonly description?: string;
  /** ISO-8601 session length from PT1H to PT12H. Default: "PT1H", the shortest AWS allows. */
  readonly sessionDuration?: string;
  /** Tags on the set: at most 50, keys without the reserved "aws:" prefix. Default: none. */
  readonly tags?: Record<string, string>;
}

/** Break-glass users: a way into the management account that does not go through the group. */
export interface AdminAccessBreakGlassArgs {
  /**
   * One or two existing users (by userName) who keep a direct USER assignment of the management account's set
   * on the management account, whatever happens to the group. Needs includeManagementAccount.
   */
  readonly users?: string[];
}

export interface AdminAccessComponentArgs {
  /** ARN of the IAM Identity Center instance. Default: discovered with ssoadmin.getInstances. */
  readonly instanceArn?: pulumi.Input<string>;
  /** ID of the instance's identity store. Default: discovered with ssoadmin.getInstances. */
  readonly identityStoreId?: pulumi.Input<string>;
  /** The AdministratorAccess permission set. Default: a new set named "AdministratorAccess" with PT1H sessions. */
  readonly permissionSet?: AdminAccessPermissionSetArgs;
  /** The administrators' group, the only principal that administrator access is assigned to. */
  readonly group: AdminAccessGroupArgs;
  /** Target AWS account IDs, each a string of exactly 12 digits. Default: none. */
  readonly accounts?: string[];
  /** OU IDs (ou-…): every ACTIVE account below each, nested OUs included. Default: none. */
  readonly organizationalUnits?: string[];
  /** Account names, resolved against the organization; an unknown or ambiguous name is an error. Default: none. */
  readonly accountNames?: string[];
  /**
   * Tags every selected ACTIVE account carries, key to the values any of which it may have, e.g.
   * { env: ["prod"], team: ["payments", "search"] }; read per account with organizations.getResourceTags,
   * so it needs the organization's account list. Default: none.
   */
  readonly accountTags?: Record<string, string[]>;
  /** Account IDs left out of the targets, whatever selected them. Default: none. */
  readonly excludeAccounts?: string[];
  /** Target every ACTIVE account of the organization; nothing else ever does. Default: false. */
  readonly allAccounts?: boolean;
  /** Allow the organization's management account as a target. Default: false. */
  readonly includeManagementAccount?: boolean;
  /**
   * Chain assignments in this many lanes, 1-10, so that at most that many are in progress at once; a failed
   * assignment then holds up the rest of its lane. Default: none (0): every assignment is independent and
   * the engine's --parallel bounds them.
   */
  readonly assignmentConcurrency?: number;
  /** The administrators, keyed by userName. */
  readonly admins: AdminAccessAdminArgs[];
  /** The access portal URL to report, for a customised alias. Default: derived from the identity store ID. */
  readonly accessPortalUrl?: string;
  /** Keep created users in the identity store when they are removed from config or destroyed. Default: false. */
  readonly retainUsersOnDelete?: boolean;
  /**
   * Settings whose values reach AWS and the state only as secrets: instanceArn, identityStoreId,
   * permissionSet, group, accessPortalUrl. The stack program fills it from `pulumi config set --secret`.
   * Default: none.
   */
  readonly secretSettings?: string[];
  /**
   * Let an apply leave a targeted account with no admin: no admins, every admin expired, every account
   * excluded, or no target. Without it such a config is refused. Default: false.
   */
  readonly allowNoAdmins?: boolean;
  /**
   * Register the permission sets, the group, the admins' users and the break-glass assignments with
   * `protect` (users also with retainOnDelete). Default: true on a stack named prod or production, else false.
   */
  readonly protect?: boolean;
  /** Break-glass users on the management account. Default: none. */
  readonly breakGlass?: AdminAccessBreakGlassArgs;
  /** The management account's own set, with includeManagementAccount. Default: "ManagementAdministratorAccess", PT1H. */
  readonly managementPermissionSet?: AdminAccessManagementPermissionSetArgs;
  /**
   * Post a GitHub repository_dispatch when the organization's accounts change (created, moved, invited in,
   * removed), so that a workflow checks for drift between deploys. Creates an EventBridge rule, API
   * destination, connection, dead-letter queue and role in the region where Organizations events arrive
   * (us-east-1 in the aws partition). Default: none.
   */
  readonly orgEvents?: AdminAccessOrgEventsArgs;
}

/** Where Organizations events are announced: a GitHub repository's repository_dispatch. */
export interface AdminAccessOrgEventsArgs {
  /** The repository, owner/name, e.g. my-org/platform. */
  readonly repository: string;
  /** The dispatch's event_type, 1-100 of letters, digits, _ . - (what the workflow's repository_dispatch types list). */
  readonly eventType: string;
  /**
   * ARN of a Secrets Manager secret, in the stack's partition, whose value is a GitHub token allowed to create
   * dispatch events in the repository (fine-grained: Contents read and write). Read at deploy time; kept
   * in the state only as a secret.
   */
  readonly tokenSecretArn: string;
}

/**
 * Settles once a component's account assignments are constructed; see initialize(). Kept outside the
 * class because the schema analyzer would publish any property as an output.
 */
const grants = new WeakMap<AdminAccessComponent, Promise<unknown>>();

/**
 * Administrator access to AWS accounts through IAM Identity Center, as the console runbook does it: an
 * AdministratorAccess permission set, an admin group assigned to every target account, and the admins as
 * the group's members. Config is validated in full before any child is registered.
 */
export class AdminAccessComponent extends pulumi.ComponentResource {
  /** ARN of the permission set, created or looked up. */
  public readonly permissionSetArn: pulumi.Output<string>;
  /** Identity store ID of the admin group, created or looked up. */
  public readonly groupId: pulumi.Output<string>;
  /** Identity store user IDs keyed by userName, existing users included. */
  public readonly userIds: pulumi.Output<Record<string, string>>;
  /** The target account IDs that the group has administrator access to, sorted. */
  public readonly accountIds: pulumi.Output<string[]>;
  /** The AWS access portal URL that administrators sign in at. */
  public readonly accessPortalUrl: pulumi.Output<string>;
  /** Users this component created, who get no invitation email and need their first sign-in set up. */
  public readonly usersNeedingSignInSetup: pulumi.Output<string[]>;
  /**
   * Members of the group who are not in admins (an existing group's other members, or members added in the
   * console), by userName: they get administrator access too.
   */
  public readonly unlistedMembers: pulumi.Output<string[]>;
  /**
   * Existing admins (existing: true) the identity store does not hold yet, by userName, sorted: they get no
   * group membership until a later run finds them (a SCIM sync that has not provisioned them yet).
   */
  public readonly deferredAdmins: pulumi.Output<string[]>;
  /**
   * By target account ID, the start of the name of the role the account gets: AWSReservedSSO_<set name>_,
   * before the suffix AWS picks, which changes when the set is replaced. Resolve the exact ARN in an
   * account with resolveReservedRoleArn rather than hard-coding it.
   */
  public readonly roleNamePrefixes: pulumi.Output<Record<string, string>>;
  /** The path of those roles: /aws-reserved/sso.amazonaws.com/ (AWS adds the region below it outside us-east-1). */
  public readonly rolePath: pulumi.Output<string>;
  /**
   * What this release recorded for later ones (components/migration.ts), known once the per-policy attachments
   * are registered retained. Export it as a stack output: a later release reads it from the stack's last
   * outputs, and without it keeps those attachments rather than risk detaching AdministratorAccess.
   */
  public readonly migrations: pulumi.Output<string[]>;

  constructor(name: string, args: AdminAccessComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before super(): on bad config not even the component is registered. Outputs are not validated.
    const spec = validateConfig({
      ...args,
      instanceArn: typeof args.instanceArn === "string" ? args.instanceArn : undefined,
      identityStoreId: typeof args.identityStoreId === "string" ? args.identityStoreId : undefined,
    });
    // Planned before super() too: an inline policy too large for its session-cutting denies registers nothing.
    const now = new Date();
    const plan = planIdentity(name, spec, now);
    super(COMPONENT_TYPE, name, {}, opts);
    // Targets resolve once, first: a selector problem (an unknown account name, the management account)
    // registers nothing at all, since every child waits for them through the context's instance IDs.
    // So is a config under which no admin would hold access after the apply (components/lockout.ts). The
    // existing admins are looked up alongside, before that decision: one the identity store does not hold
    // yet is deferred (no membership), which may be what leaves nobody.
    const instance = instanceOf(this, args);
    const lookups = lookupExistingAdmins(
      this,
      instance.identityStoreId,
      plan.admins.map((a, index) => ({ ...a, index })).filter((a) => a.existing),
    );
    const planned = Promise.all([resolveOrganization(this, spec.targets), lookups]).then(([r, found]) => {
      const whole = planAdminAccess(name, spec, r, now, absentOf(found));
      // What the admins' sets still grant after their guardrails, by the meaning engine.
      const judged = judgeAdminSets(whole);
      const lockout = lockoutProblems(whole, judged);
      if (lockout.length > 0) throw new AdminAccessConfigError(lockout);
      const allowed = spec.allowNoAdmins ? meaningReasons(judged) : [];
      for (const note of [
        ...allowed,
        ...unverifiedNotes(judged),
        lastAdminsExpiring(whole, now) ?? [],
        deferralNotes(whole.admins),
      ].flat())
        pulumi.log.warn(`admin-access: ${note}`, this);
      if (r.managementKeptOut) pulumi.log.warn(`admin-access: ${r.managementKeptOut}`, this);
      for (const note of r.notes) pulumi.log.warn(`admin-access: ${note}`, this);
      return { r, whole, found };
    });
    const resolution = planned.then(({ r }) => r);
    const protect = protectionOn(spec.protect, pulumi.getStack());
    const ctx = buildContext(this, instance, spec.secretSettings, resolution, protect);

    const groupId = buildGroup(ctx, plan.groupResource, spec.group);
    const created = buildCreatedUsers(ctx, plan.admins, spec.retainUsersOnDelete);
    // A created admin's membership needs no lookup: registered at once, so the engine can start on it while
    // the existing admins are looked up (the lockout refusal still fails it, through the gated store ID).
    const createdAdmins = plan.admins.filter((a) => !a.existing);
    const createdMemberships = buildMemberships(ctx, createdAdmins, groupId, created);
    logExpiries(plan.admins, now, this);
    buildOrgEvents(ctx, plan.orgEvents, spec.orgEvents);
    // Once the existing admins are looked up: a membership (and its expiry schedule) only for a user the
    // identity store holds; the session-cutting denies name only their IDs.
    const identity = planned.then(({ whole, found }) => {
      const userIds = userIdsOf(ctx, whole.admins, created, found);
      const existing = whole.admins.filter((a) => a.existing);
      const memberships = new Map([
        ...createdMemberships,
        ...buildMemberships(ctx, existing, groupId, userIds),
      ]);
      buildExpiry(ctx, name, whole.expiry, whole.admins, memberships, groupId);
      return { userIds, deferred: deferredUserNames(whole.admins) };
    });
    // Registered once the targets are known (invokes resolve during preview too, so it shows them all): the
    // set's timeouts grow with the accounts it is provisioned to. After the users: the inline policy's
    // session-cutting denies name their IDs.
    const access = Promise.all([planned, identity]).then(([{ whole }, { userIds }]) => {
      const accounts = memberSetAccounts(whole);
      const set = buildPermissionSet(ctx, whole.permissionSet, spec.permissionSet, userIds, accounts);
      const roles = reservedRoleNamePrefixes(whole);
      const mps = spec.managementPermissionSet;
      return { set, roles, ...buildAccountAccess(ctx, whole, mps, set, groupId, userIds) };
    });
    const assignments = access.then((a) => a.assignments);
    grants.set(this, access);
    const toCreate = usersToCreate(plan);
    logInvitations(toCreate, this);

    this.permissionSetArn = pulumi.output(access.then((a) => a.set.arn));
    this.groupId = groupId;
    // Known only once every assignment is registered, and carrying them as dependencies.
    this.accountIds = ctx.resolved
      .apply(() => assignments)
      .apply((built) => pulumi.all(built.map((a) => a.targetId)));
    this.userIds = pulumi.output(identity.then((i) => pulumi.output(i.userIds)));
    this.deferredAdmins = pulumi.output(identity.then((i) => i.deferred));
    const displayName = spec.group.displayName;
    this.unlistedMembers = pulumi
      .all([ctx.identityStoreId, groupId, this.userIds])
      .apply(([store, group, listed]) =>
        unlistedMembers(this, store, group, Object.values(listed), displayName),
      );
    this.accessPortalUrl = spec.accessPortalUrl
      ? pulumi.output(ctx.input("accessPortalUrl", spec.accessPortalUrl))
      : pulumi.all([ctx.partition, ctx.identityStoreId]).apply(([p, id]) => accessPortalUrl(p, id));
    this.usersNeedingSignInSetup = pulumi.output(toCreate);
    this.roleNamePrefixes = pulumi.output(access.then((a) => a.roles));
    this.rolePath = pulumi.output(RESERVED_ROLE_PATH);
    this.migrations = pulumi.output(
      access.then((a) =>
        pulumi.all([...a.set.legacy, ...a.legacy].map((r) => r.id)).apply(() => [attachmentsRetained(name)]),
      ),
    );
    this.registerOutputs({
      permissionSetArn: this.permissionSetArn,
      groupId: this.groupId,
      userIds: this.userIds,
      accountIds: this.accountIds,
      accessPortalUrl: this.accessPortalUrl,
      usersNeedingSignInSetup: this.usersNeedingSignInSetup,
      unlistedMembers: this.unlistedMembers,
      deferredAdmins: this.deferredAdmins,
      roleNamePrefixes: this.roleNamePrefixes,
      rolePath: this.rolePath,
      migrations: this.migrations,
    });
  }

  /**
   * The component's construction data: `dependsOn: [component]` in a consumer's program expands to the
   * component's children once this settles (node_modules/@pulumi/pulumi/runtime/dependsOn.js awaits
   * `__data`, which is this method's promise), so a dependent waits for every account assignment, which
   * exist only once the targets are resolved. It starts inside super(), before the constructor has set
   * its grants, hence the first await. A failed resolution fails every child, and through them every
   * dependent, so it needs no second report here.
   */
  protected override async initialize(): Promise<unknown> {
    await Promise.resolve();
    return grants.get(this)?.catch(() => undefined);
  }
}
