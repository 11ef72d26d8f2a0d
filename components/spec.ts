// The validated wanted state, plain data: what validation returns and plan, adoption and the builders read.

/** A customer-managed IAM policy, by name and path, that must exist in every target account. */
export interface PolicyReference {
  name: string;
  path: string;
}

/** The set's permissions boundary: an AWS managed policy, or a customer-managed one. */
export type BoundarySpec = { managedPolicyArn: string } | { customerManagedPolicy: PolicyReference };

export interface PermissionSetSpec {
  name: string;
  description?: string;
  sessionDuration: string;
  relayState?: string;
  tags: Record<string, string>;
  existing: boolean;
  /** An IAM policy document, e.g. a deny that protects the security baseline. */
  inlinePolicy?: Record<string, unknown>;
  /** Sorted by path and name. */
  customerManagedPolicies: PolicyReference[];
  permissionsBoundary?: BoundarySpec;
}

export interface GroupSpec {
  displayName: string;
  description?: string;
  existing: boolean;
}

export interface AddressSpec {
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** A user to create in the identity store; the required fields are checked, the display name defaulted. */
export interface NewAdminSpec {
  userName: string;
  existing: false;
  email: string;
  givenName: string;
  familyName: string;
  displayName: string;
  title?: string;
  nickname?: string;
  phoneNumber?: string;
  locale?: string;
  timezone?: string;
  preferredLanguage?: string;
  address?: AddressSpec;
  /** When the admin's access ends, as an ISO-8601 UTC instant; undefined: it does not. */
  expiresAt?: string;
}

/** A user that already exists (created by hand or synced by SCIM): looked up and added to the group. */
export interface ExistingAdminSpec {
  userName: string;
  existing: true;
  expiresAt?: string;
}

export type AdminSpec = NewAdminSpec | ExistingAdminSpec;

/** Which accounts get the assignment; resolved against the organization at program start. */
export interface TargetSpec {
  accounts: string[];
  organizationalUnits: string[];
  accountNames: string[];
  /** Tag key to the values any of which it may carry; an account must carry every key. Empty: none. */
  accountTags: Record<string, string[]>;
  excludeAccounts: string[];
  allAccounts: boolean;
  includeManagementAccount: boolean;
}

/** The management account's own set (AWS: keep the sets used there apart from the member accounts'). */
export interface ManagementPermissionSetSpec {
  name: string;
  description?: string;
  sessionDuration: string;
  tags: Record<string, string>;
}

/** The validated, normalized wanted state: defaults applied; admins and policies sorted by their keys, target lists as written. */
export interface AdminAccessSpec {
  instanceArn?: string;
  identityStoreId?: string;
  permissionSet: PermissionSetSpec;
  group: GroupSpec;
  targets: TargetSpec;
  /** The most assignments in progress at once, chained in lanes; undefined: no bound in the program. */
  assignmentConcurrency?: number;
  admins: AdminSpec[];
  accessPortalUrl?: string;
  retainUsersOnDelete: boolean;
  /** The apply may leave a targeted account with no admin (the lockout check is skipped). */
  allowNoAdmins: boolean;
  /** protect (and retainOnDelete on users) as set; undefined: by the stack's name (components/lockout.ts). */
  protect?: boolean;
  /** Existing users given the management set directly on the management account, sorted; empty: none. */
  breakGlass: string[];
  /** Used instead of permissionSet on the management account, only with includeManagementAccount. */
  managementPermissionSet: ManagementPermissionSetSpec;
  /** Top-level settings whose values reach AWS and the state only as secrets. */
  secretSettings: string[];
  /** The trigger that posts a repository_dispatch on Organizations events; undefined: none. */
  orgEvents?: OrgEventsSpec;
}

/** Where the organization's changes are announced: a GitHub repository's repository_dispatch. */
export interface OrgEventsSpec {
  /** owner/name. */
  repository: string;
  eventType: string;
  /** The Secrets Manager secret that holds a GitHub token allowed to create dispatch events there. */
  tokenSecretArn: string;
}
