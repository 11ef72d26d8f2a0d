// Every live view the commands' engines consume (adoption, bootstrap, drift, audit), declared once here and
// produced by live/: what AWS holds, in the shapes config writes.
import { PolicyLists } from "./attachments";
import { Meaning } from "../components/iam/meaning";
import { NewAdminSpec } from "../components/spec";
import { OrgAccount, Resolution } from "../components/targets";

/** A user of the identity store with the fields the program manages, as config writes them. */
export interface LiveUserView extends Partial<Omit<NewAdminSpec, "userName" | "existing" | "expiresAt">> {
  userId: string;
  userName: string;
  /** Owned by an external identity provider (SCIM), which overwrites changes made here. */
  external: boolean;
}

/** A permission set's settings as AWS returns them (DescribePermissionSet, ListTagsForResource). */
export interface LivePermissionSet {
  arn: string;
  name: string;
  description?: string;
  sessionDuration?: string;
  relayState?: string;
  tags: Record<string, string>;
}

/** What is attached to a permission set, as AWS returns it. */
export interface LiveSetPolicies extends PolicyLists {
  /** The inline policy as AWS returns it (JSON), when there is one. */
  inlinePolicy?: string;
  /** The permissions boundary, as an ARN or `path` + `name`. */
  boundary?: string;
}

/** An identity store group as AWS returns it. */
export interface LiveGroup {
  groupId: string;
  displayName: string;
  description?: string;
}

/** What adoption found in AWS for a stack's plan. */
export interface AdoptionLive {
  instanceArn: string;
  identityStoreId: string;
  partition: string;
  permissionSet?: LivePermissionSet & LiveSetPolicies;
  group?: LiveGroup;
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

/** What bootstrap found: the runbook's permission set, group, members and the accounts the group holds it in. */
export interface BootstrapLive {
  region?: string;
  permissionSet: Omit<LivePermissionSet, "arn"> & Partial<Omit<LiveSetPolicies, "managedPolicies">>;
  group: Omit<LiveGroup, "groupId">;
  members: LiveUserView[];
  accounts: string[];
}

/** A holder of a set: an assignment with its principal's userName or display name. */
export interface LiveHolder {
  accountId: string;
  principalType: "USER" | "GROUP";
  principalId: string;
  principal: string;
}

/** The management account's own set as drift reads it: settings, attachments, holders and provisioning. */
export interface LiveManagementSet extends LivePermissionSet, LiveSetPolicies {
  /** Every assignment of the set, on every account it is provisioned to. */
  holders: LiveHolder[];
  outdatedAccounts: string[];
}

/** An IAM role as drift compares it: its trust, its inline policies by name, its attached policies. */
export interface LiveRole {
  arn: string;
  trust: unknown;
  inlinePolicies: Record<string, unknown>;
  attached: string[];
}

/** An EventBridge Scheduler schedule as drift compares it (GetSchedule). */
export interface LiveSchedule {
  expression: string;
  state: string;
  targetArn: string;
  roleArn: string;
  /** The target's input, parsed. */
  input: unknown;
}

/** One orgEvents delivery path as drift compares it: the rule, its target, the destination, connection and queue. */
export interface LiveDelivery {
  ruleArn: string;
  pattern: unknown;
  state: string;
  targets: { arn: string; roleArn?: string; deadLetterArn?: string }[];
  /** The API destination the target names, when it names one that exists. */
  destination?: { arn: string; endpoint: string; method: string; connectionState?: string };
  /** Messages waiting in the dead-letter queue the target names: dispatches that could not be delivered. */
  undelivered?: number;
}

/** The stack's expiry and orgEvents resources as drift reads them; a part absent when none was found. */
export interface StackLive {
  /** By userName, each schedule the plan names; undefined when it does not exist. */
  schedules: Record<string, LiveSchedule | undefined>;
  /** The role the schedules run as, when a schedule names one that exists. */
  expiryRole?: LiveRole;
  /** Undefined when no rule of the stack's name was found. */
  orgRule?: LiveDelivery;
  identityRule?: LiveDelivery;
  orgEventsRole?: LiveRole;
}

/** What AWS holds beyond adoption's view: accounts not running the set's latest version. */
export interface DriftLive extends AdoptionLive {
  outdatedAccounts: string[];
  /** The management account's own set, when the stack makes that set and it exists. */
  managementSet?: LiveManagementSet;
  /** The stack's expiry and orgEvents resources; absent when they were not read. */
  stack?: StackLive;
}

/** The live organization's answer to the stack's selectors: a resolution, or why there is none. */
export type LiveTargets =
  | {
      resolution: Resolution;
      /** The organization's accounts as read (with their tags when accountTags needed them), to say why. */
      accounts?: readonly OrgAccount[];
    }
  | { problems: readonly string[] };

/** A permission set's policies as read: names and documents, or why they could not be read. */
export interface AuditPolicies extends LiveSetPolicies {
  /** Reads that failed, each naming what could not be read and why. */
  unreadable: string[];
}

/** A permission set as the audit judges it. */
export interface AuditPermissionSet {
  arn: string;
  name: string;
  meaning: Meaning;
  /** Accounts where its latest version is not provisioned (LATEST_PERMISSION_SET_NOT_PROVISIONED). */
  outdatedAccounts: string[];
  /** Reads of the set that failed (also in its meaning's unreadable, so that its holders are read). */
  readFailures: string[];
  /** Its policy lists as read, for the stack's own sets' attachment-drift; a list whose read failed is absent. */
  attached?: Partial<PolicyLists>;
}

export interface AuditHolder {
  accountId: string;
  permissionSetArn: string;
  principalType: "USER" | "GROUP";
  principalId: string;
  /** The userName or display name. */
  principal: string;
  /** For a group: its members' userNames. */
  members: string[];
}

export interface AuditLive {
  instanceArn: string;
  partition: string;
  managementAccountId: string;
  permissionSets: AuditPermissionSet[];
  /** Every assignment of every set that may make its holder an administrator, where it may. */
  holders: AuditHolder[];
  /** Accounts whose assignments were read. */
  accountsRead: number;
  /** The stack's group, when it exists, and its members' userNames. */
  group?: { groupId: string; displayName: string; members: string[] };
  /** Reads that failed outside any one permission set. */
  unreadable: string[];
  /**
   * IAM Identity Center's delegated administrator account (Organizations ListDelegatedAdministrators for
   * sso.amazonaws.com), where the management-account paths that Identity Center administration takes run
   * too; or why it could not be read. Absent: not asked.
   */
  identityCenterDelegatedAdmins?: { accountIds: string[] } | { unreadable: string };
}
