import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdminAccessConfigError, TargetSpec, validateConfig, visible } from "./config";
import { serializePolicy } from "./policy";
import {
  accessPortalUrl,
  administratorPolicyArn,
  atExpression,
  membershipRemovalTarget,
  scheduleName,
  planAssignments,
  PlannedAdmin,
  PlannedAssignment,
  planIdentity,
} from "./plan";
import { needsAccountList, organizationView, Resolution, resolveTargets } from "./targets";

export { AdminAccessConfigError } from "./config";

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
   * (Version, Statement, Effect, Action/NotAction, Resource/NotResource, no Principal, AWS's size limits).
   * Default: none.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON, published to every language as Any
  readonly inlinePolicy?: any;
  /** Customer-managed policies to attach, at most 19 (20 with AdministratorAccess). Default: none. */
  readonly customerManagedPolicies?: AdminAccessCustomerManagedPolicyArgs[];
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
}

/** The instance that ssoadmin.getInstances found; an organization has at most one. */
export function discoveredInstance(found: { arns: string[]; identityStoreIds: string[] }) {
  if (found.arns.length === 0 || found.identityStoreIds.length === 0) throw new Error(NO_INSTANCE);
  return { arn: found.arns[0], identityStoreId: found.identityStoreIds[0] };
}

/** The trust policy of the expiry role: EventBridge Scheduler, acting for this account only. */
export function schedulerTrust(accountId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/** What the expiry role may do: remove these memberships of this group, in this identity store, and nothing else. */
export function membershipRemovalPolicy(
  partition: string,
  accountId: string,
  identityStoreId: string,
  groupId: string,
  membershipIds: string[],
) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "identitystore:DeleteGroupMembership",
        Resource: [
          `arn:${partition}:identitystore::${accountId}:identitystore/${identityStoreId}`,
          `arn:${partition}:identitystore:::group/${groupId}`,
          ...membershipIds.map((id) => `arn:${partition}:identitystore:::membership/${id}`),
        ],
      },
    ],
  };
}

/** A managed policy ARN of the provider's partition; one of another partition fails before it reaches AWS. */
export function samePartition(arn: string, partition: string): string {
  if (!arn.startsWith(`arn:${partition}:`)) {
    throw new AdminAccessConfigError([
      `permissionSet.permissionsBoundary.managedPolicyArn: "${arn}" is not in this stack's partition (${partition}); ` +
        `write arn:${partition}:iam::aws:policy/…`,
    ]);
  }
  return arn;
}

const WEEK = 7 * 24 * 3600 * 1000;

/** Tells the operator whose access has ended, and whose ends within a week. */
function logExpiries(admins: PlannedAdmin[], now: Date, resource: pulumi.Resource): void {
  const expired = admins.filter((a) => a.expired).map((a) => `${a.userName} (${a.expiresAt})`);
  const soon = admins
    .filter((a) => !a.expired && a.expiresAt && Date.parse(a.expiresAt) - now.getTime() <= WEEK)
    .map((a) => `${a.userName} (${a.expiresAt})`);
  if (expired.length > 0) {
    pulumi.log.info(
      `administrator access has expired, so their group membership is removed: ${expired.join(", ")}`,
      resource,
    );
  }
  if (soon.length > 0)
    pulumi.log.info(`administrator access expires within 7 days: ${soon.join(", ")}`, resource);
}

/** What the operator must do for users created through the API, who get no invitation email. */
export const invitationNotice = (count: number) =>
  `${count} user(s) created through the API get no invitation email from IAM Identity Center: ` +
  `turn on "Send email OTP" (Settings, Authentication, Standard authentication) or send each a ` +
  `password-reset email. See the usersNeedingSignInSetup output.`;

/** The warning about members that admins does not list; AWS's names are shown with hidden characters escaped. */
export const unlistedNotice = (group: string, userNames: string[]) =>
  `${userNames.length} member(s) of the group ${visible(JSON.stringify(group))} are not in admins and also get ` +
  `administrator access wherever the group is assigned: ${userNames.map((u) => visible(u)).join(", ")}. ` +
  "Add them to admins, or remove them from the group. See the unlistedMembers output.";

const NO_INSTANCE =
  "no IAM Identity Center instance found: Identity Center is not enabled in this region, or the credentials " +
  "are not for the organization's management account or a delegated-admin account. Check aws:region, or set " +
  "admin-access:instanceArn and admin-access:identityStoreId.";

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

  constructor(name: string, args: AdminAccessComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before super(): on bad config not even the component is registered.
    const spec = validateConfig({
      ...args,
      instanceArn: typeof args.instanceArn === "string" ? args.instanceArn : undefined,
      identityStoreId: typeof args.identityStoreId === "string" ? args.identityStoreId : undefined,
    });
    super("admin-access:index:AdminAccessComponent", name, {}, opts);
    const now = new Date();
    const plan = planIdentity(name, spec, now);
    const parent = { parent: this };
    const secrets = new Set(spec.secretSettings);
    /** A value of a secret setting reaches the provider, and so the state, only as a secret. */
    const input = <T>(setting: string, value: pulumi.Input<T>): pulumi.Input<T> =>
      secrets.has(setting) && value !== undefined ? (pulumi.secret(value) as pulumi.Output<T>) : value;

    // Targets resolve once, first. Every child waits for them through the instance identifiers, so a
    // selector problem (an unknown account name, the management account) registers nothing at all.
    const resolution = this.resolve(spec.targets);
    const resolved = pulumi.output(resolution);
    const instance = this.instance(args);
    const instanceArn = pulumi
      .all([input("instanceArn", instance.instanceArn), resolved])
      .apply(([arn]) => arn);
    const identityStoreId = pulumi
      .all([input("identityStoreId", instance.identityStoreId), resolved])
      .apply(([id]) => id);
    // The provider answers from its own region, without an AWS call (GovCloud and China differ).
    const partition = aws.getPartitionOutput({}, parent).partition;

    // Everything attached to the set: no account is given the set before all of it is on it.
    const attachments: pulumi.Resource[] = [];
    if (plan.permissionSetResource && plan.policyAttachmentResource) {
      const ps = spec.permissionSet;
      const secret = <T>(value: T) => input("permissionSet", value);
      const permissionSet = new aws.ssoadmin.PermissionSet(
        plan.permissionSetResource,
        {
          instanceArn,
          name: secret(ps.name),
          description: secret(ps.description),
          sessionDuration: secret(ps.sessionDuration),
          relayState: secret(ps.relayState),
          tags: secret(ps.tags),
        },
        parent,
      );
      const on = { instanceArn, permissionSetArn: permissionSet.arn };
      attachments.push(
        new aws.ssoadmin.ManagedPolicyAttachment(
          plan.policyAttachmentResource,
          { ...on, managedPolicyArn: partition.apply(administratorPolicyArn) },
          parent,
        ),
      );
      if (plan.inlinePolicyResource && ps.inlinePolicy) {
        const document = serializePolicy(ps.inlinePolicy);
        attachments.push(
          new aws.ssoadmin.PermissionSetInlinePolicy(
            plan.inlinePolicyResource,
            { ...on, inlinePolicy: secret(document) },
            parent,
          ),
        );
      }
      for (const ref of plan.customerPolicyResources) {
        attachments.push(
          new aws.ssoadmin.CustomerManagedPolicyAttachment(
            ref.resource,
            { ...on, customerManagedPolicyReference: secret({ name: ref.name, path: ref.path }) },
            parent,
          ),
        );
      }
      const boundary = ps.permissionsBoundary;
      if (plan.permissionsBoundaryResource && boundary) {
        attachments.push(
          new aws.ssoadmin.PermissionsBoundaryAttachment(
            plan.permissionsBoundaryResource,
            {
              ...on,
              permissionsBoundary: secret(
                "managedPolicyArn" in boundary
                  ? { managedPolicyArn: partition.apply((p) => samePartition(boundary.managedPolicyArn, p)) }
                  : { customerManagedPolicyReference: boundary.customerManagedPolicy },
              ),
            },
            // Upstream's delete removes whatever boundary the set has: run after a changed boundary's put, it
            // drops the new one; run first, the set's grants go unbounded until the put. Kept instead, the
            // put replaces it; so removing the boundary from config leaves it on the set (README).
            { parent: this, retainOnDelete: true },
          ),
        );
      }
      this.permissionSetArn = permissionSet.arn;
    } else {
      this.permissionSetArn = aws.ssoadmin.getPermissionSetOutput(
        { instanceArn, name: input("permissionSet", spec.permissionSet.name) },
        parent,
      ).arn;
    }

    const group = spec.group;
    if (plan.groupResource) {
      this.groupId = new aws.identitystore.Group(
        plan.groupResource,
        {
          identityStoreId,
          displayName: input("group", group.displayName),
          description: input("group", group.description),
        },
        parent,
      ).groupId;
    } else {
      this.groupId = aws.identitystore.getGroupOutput(
        {
          identityStoreId,
          alternateIdentifier: {
            uniqueAttribute: {
              attributePath: "DisplayName",
              attributeValue: input("group", group.displayName),
            },
          },
        },
        parent,
      ).groupId;
    }

    const userIds: Record<string, pulumi.Output<string>> = {};
    const memberships = new Map<string, aws.identitystore.GroupMembership>();
    for (const admin of plan.admins) {
      const userId = this.user(admin, identityStoreId, spec.retainUsersOnDelete);
      userIds[admin.userName] = userId;
      // An expired admin keeps the user (unless removed from config) but loses the membership.
      if (admin.expired) continue;
      memberships.set(
        admin.userName,
        new aws.identitystore.GroupMembership(
          admin.membershipResource,
          { identityStoreId, groupId: this.groupId, memberId: userId },
          parent,
        ),
      );
    }
    if (plan.expiryRoleResource && plan.expiryPolicyResource) {
      this.expire(name, plan, memberships, { identityStoreId, groupId: this.groupId, partition });
    }
    logExpiries(plan.admins, now, this);

    // Registered once the targets are known: invokes resolve during preview too, so it shows them all.
    const assignments = resolution.then((r) =>
      this.assign(
        planAssignments(name, r.targets, spec.assignmentConcurrency),
        { instanceArn, permissionSetArn: this.permissionSetArn, groupId: this.groupId },
        attachments,
      ),
    );
    grants.set(this, assignments);
    // Known only once every assignment is registered, and carrying them as dependencies.
    this.accountIds = resolved
      .apply(() => assignments)
      .apply((created) => pulumi.all(created.map((a) => a.targetId)));

    const created = plan.admins.filter((a) => !a.existing).map((a) => a.userName);
    if (created.length > 0) {
      pulumi.log.info(invitationNotice(created.length), this);
    }

    this.userIds = pulumi.output(userIds);
    this.unlistedMembers = pulumi
      .all([identityStoreId, this.groupId, this.userIds])
      .apply(([store, groupId, listed]) =>
        this.unlisted(store, groupId, Object.values(listed), group.displayName),
      );
    this.accessPortalUrl = spec.accessPortalUrl
      ? pulumi.output(input("accessPortalUrl", spec.accessPortalUrl))
      : pulumi.all([partition, identityStoreId]).apply(([p, id]) => accessPortalUrl(p, id));
    this.usersNeedingSignInSetup = pulumi.output(created);
    this.registerOutputs({
      permissionSetArn: this.permissionSetArn,
      groupId: this.groupId,
      userIds: this.userIds,
      accountIds: this.accountIds,
      accessPortalUrl: this.accessPortalUrl,
      usersNeedingSignInSetup: this.usersNeedingSignInSetup,
      unlistedMembers: this.unlistedMembers,
    });
  }

  /** The group's members that admins does not list, by userName, and a warning that names them. */
  private async unlisted(
    identityStoreId: string,
    groupId: string,
    listed: string[],
    groupName: string,
  ): Promise<string[]> {
    const opts = { parent: this };
    const { groupMemberships } = await aws.identitystore.getGroupMemberships(
      { identityStoreId, groupId },
      opts,
    );
    const known = new Set(listed);
    const others = groupMemberships.map((m) => m.memberId.userId).filter((id) => !known.has(id));
    const names = await Promise.all(
      others.map(
        async (userId) => (await aws.identitystore.getUser({ identityStoreId, userId }, opts)).userName,
      ),
    );
    names.sort();
    if (names.length > 0) pulumi.log.warn(unlistedNotice(groupName, names), this);
    return names;
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

  /**
   * Ends access at each expiresAt between deploys: one EventBridge Scheduler schedule per admin fires once,
   * at that instant in UTC, and calls identitystore:DeleteGroupMembership on that admin's membership, as one
   * role trusted only by the scheduler of this account and allowed only that call on this identity store,
   * group and memberships. The next `pulumi up`, the admin now expired, deletes a membership that is already
   * gone without error: the provider treats ResourceNotFoundException on delete as deleted
   * (hashicorp/terraform-provider-aws internal/service/identitystore/group_membership.go, and
   * scheduler/schedule.go for the schedule that deleted itself).
   */
  private expire(
    componentName: string,
    plan: ReturnType<typeof planIdentity>,
    memberships: Map<string, aws.identitystore.GroupMembership>,
    ids: {
      identityStoreId: pulumi.Output<string>;
      groupId: pulumi.Output<string>;
      partition: pulumi.Output<string>;
    },
  ): void {
    const parent = { parent: this };
    const account = aws.getCallerIdentityOutput({}, parent).accountId;
    const role = new aws.iam.Role(
      plan.expiryRoleResource as string,
      {
        description: "Lets EventBridge Scheduler end administrator access at each admin's expiresAt",
        assumeRolePolicy: account.apply((accountId) => JSON.stringify(schedulerTrust(accountId))),
      },
      parent,
    );
    const expiring = plan.admins.filter((a) => a.expiryResource);
    const membershipIds = expiring.map(
      (a) => (memberships.get(a.userName) as aws.identitystore.GroupMembership).membershipId,
    );
    const policy = new aws.iam.RolePolicy(
      plan.expiryPolicyResource as string,
      {
        role: role.id,
        policy: pulumi
          .all([ids.partition, account, ids.identityStoreId, ids.groupId, pulumi.all(membershipIds)])
          .apply(([p, accountId, store, groupId, members]) =>
            JSON.stringify(membershipRemovalPolicy(p, accountId, store, groupId, members)),
          ),
      },
      parent,
    );
    for (const admin of expiring) {
      const membership = memberships.get(admin.userName) as aws.identitystore.GroupMembership;
      new aws.scheduler.Schedule(
        admin.expiryResource as string,
        {
          name: scheduleName(pulumi.getStack(), componentName, admin.userName),
          description: `Ends ${admin.userName}'s administrator access at ${admin.expiresAt}`,
          scheduleExpression: atExpression(admin.expiresAt as string),
          scheduleExpressionTimezone: "UTC",
          flexibleTimeWindow: { mode: "OFF" },
          actionAfterCompletion: "DELETE",
          target: {
            arn: ids.partition.apply(membershipRemovalTarget),
            roleArn: role.arn,
            input: pulumi
              .all([ids.identityStoreId, membership.membershipId])
              .apply(([IdentityStoreId, MembershipId]) => JSON.stringify({ IdentityStoreId, MembershipId })),
            // Retried for a day: a throttled or briefly failing call must not leave access in place.
            retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86400 },
          },
        },
        { parent: this, dependsOn: [policy] },
      );
    }
  }

  /** Looks the organization up once (and each selected OU) and resolves the targets against it. */
  private async resolve(targets: TargetSpec): Promise<Resolution> {
    const opts = { parent: this };
    const withList = needsAccountList(targets);
    // DescribeOrganization alone suffices for the management-account rule, and any member may call it.
    const [organization, descendants] = await Promise.all([
      aws.organizations.getOrganization(withList ? {} : { returnOrganizationOnly: true }, opts),
      Promise.all(
        targets.organizationalUnits.map((parentId) =>
          aws.organizations.getOrganizationalUnitDescendantAccounts({ parentId }, opts),
        ),
      ),
    ]);
    return resolveTargets(
      targets,
      organizationView(
        targets,
        organization,
        Object.fromEntries(targets.organizationalUnits.map((ou, i) => [ou, descendants[i].accounts])),
      ),
    );
  }

  /** One GROUP assignment per account; with lanes, each waits for the previous one of its lane. */
  private assign(
    planned: PlannedAssignment[],
    inputs: {
      instanceArn: pulumi.Output<string>;
      permissionSetArn: pulumi.Output<string>;
      groupId: pulumi.Output<string>;
    },
    attachments: pulumi.Resource[],
  ): aws.ssoadmin.AccountAssignment[] {
    const created = new Map<string, aws.ssoadmin.AccountAssignment>();
    for (const assignment of planned) {
      const previous = assignment.after === undefined ? undefined : created.get(assignment.after);
      const dependsOn = [...attachments, ...(previous ? [previous] : [])];
      const resource = new aws.ssoadmin.AccountAssignment(
        assignment.resource,
        {
          instanceArn: inputs.instanceArn,
          permissionSetArn: inputs.permissionSetArn,
          principalId: inputs.groupId,
          // Administrator access goes to the group only, never to a user directly.
          principalType: "GROUP",
          targetId: assignment.accountId,
          targetType: "AWS_ACCOUNT",
        },
        // A set without its policy would be provisioned granting nothing; one without its guardrails, too much.
        { parent: this, dependsOn },
      );
      created.set(assignment.accountId, resource);
    }
    return [...created.values()];
  }

  /** The instance from args, or discovered once when either of its identifiers is absent. */
  private instance(args: AdminAccessComponentArgs) {
    if (args.instanceArn !== undefined && args.identityStoreId !== undefined) {
      return {
        instanceArn: pulumi.output(args.instanceArn),
        identityStoreId: pulumi.output(args.identityStoreId),
      };
    }
    const found = aws.ssoadmin.getInstancesOutput({}, { parent: this }).apply(discoveredInstance);
    return {
      instanceArn: pulumi.output(args.instanceArn ?? found.arn),
      identityStoreId: pulumi.output(args.identityStoreId ?? found.identityStoreId),
    };
  }

  /** Creates a new admin's user, or looks up an existing one; either way, its user ID. */
  private user(
    admin: PlannedAdmin,
    identityStoreId: pulumi.Output<string>,
    retain: boolean,
  ): pulumi.Output<string> {
    if (admin.existing) {
      return aws.identitystore.getUserOutput(
        {
          identityStoreId,
          alternateIdentifier: {
            uniqueAttribute: { attributePath: "UserName", attributeValue: admin.userName },
          },
        },
        { parent: this },
      ).userId;
    }
    const primary = (value: string | undefined) =>
      value ? { value, primary: true, type: "work" } : undefined;
    return new aws.identitystore.User(
      admin.userResource,
      {
        identityStoreId,
        userName: admin.userName,
        displayName: admin.displayName,
        name: { givenName: admin.givenName, familyName: admin.familyName },
        emails: primary(admin.email),
        phoneNumbers: primary(admin.phoneNumber),
        addresses: admin.address && { ...admin.address, primary: true, type: "work" },
        title: admin.title,
        nickname: admin.nickname,
        locale: admin.locale,
        timezone: admin.timezone,
        preferredLanguage: admin.preferredLanguage,
      },
      // Emails are unique in the identity store, so a renamed user must go before its successor comes.
      { parent: this, retainOnDelete: retain, deleteBeforeReplace: true },
    ).userId;
  }
}
