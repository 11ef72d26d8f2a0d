// The live views the pure core consumes (adoption, bootstrap), declared here and produced by live/.
import { NewAdminSpec } from "../components/spec";

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
