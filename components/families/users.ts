// The users family, pure: each admin's user (created, or looked up when existing) and group membership.
// Read from hashicorp/terraform-provider-aws internal/service/identitystore/user.go and group_membership.go.
import { AddressSpec, AdminSpec, ExistingAdminSpec, NewAdminSpec } from "../spec";
import { PlannedResource, ResourceRule, TYPES } from "./types";

/** When an admin's access ends, as planned at a given moment. */
export interface PlannedExpiry {
  /** The membership's name; the membership exists only while the admin has not expired nor is deferred. */
  membershipResource: string;
  /** expiresAt has passed: no membership, no schedule; a created user is kept. */
  expired: boolean;
  /**
   * An existing admin the identity store does not hold yet (not expired): no membership and no schedule
   * until a run finds the user, as the directory provisions it.
   */
  deferred: boolean;
  /** The schedule that removes the membership at expiresAt; only for an expiry still to come. */
  expiryResource?: string;
}

/** An admin with its children's names; an existing user is looked up, so it has no User resource. */
export type PlannedAdmin =
  (NewAdminSpec & PlannedExpiry & { userResource: string }) | (ExistingAdminSpec & PlannedExpiry);

/**
 * Each admin's child names, keyed by userName; `now` decides who has expired, `absent` names the existing
 * admins the identity store does not hold (looked up by the component, or recorded in the org file).
 */
export function planAdmins(
  name: string,
  admins: AdminSpec[],
  now: Date,
  absent: ReadonlySet<string> = NONE_ABSENT,
): PlannedAdmin[] {
  return admins.map((a): PlannedAdmin => {
    const expired = a.expiresAt !== undefined && new Date(a.expiresAt).getTime() <= now.getTime();
    const deferred = !expired && a.existing && absent.has(a.userName);
    const expiry: PlannedExpiry = {
      membershipResource: `${name}-membership-${a.userName}`,
      expired,
      deferred,
      expiryResource: a.expiresAt && !expired && !deferred ? `${name}-expiry-${a.userName}` : undefined,
    };
    // Object.assign, not spread: on Node 20 two spreads into a literal take ~2.5 µs an admin, 25 ms at 10,000.
    return a.existing
      ? Object.assign({}, a, expiry)
      : Object.assign({}, a, expiry, { userResource: `${name}-user-${a.userName}` });
  });
}

/** No existing admin is missing from the identity store: what every caller without a lookup plans. */
export const NONE_ABSENT: ReadonlySet<string> = new Set();

/** The deferred admins' userNames, sorted: the component's deferredAdmins output. */
export const deferredUserNames = (admins: readonly PlannedAdmin[]): string[] =>
  admins
    .filter((a) => a.deferred)
    .map((a) => a.userName)
    .sort();

/** Each admin's user, then its membership while access lasts. */
export function userResources(admins: PlannedAdmin[]): PlannedResource[] {
  const resources: PlannedResource[] = [];
  for (const a of admins) {
    if (!a.existing) resources.push({ type: TYPES.user, name: a.userResource });
    if (!a.expired && !a.deferred) resources.push({ type: TYPES.membership, name: a.membershipResource });
  }
  return resources;
}

export const RULES: Partial<Record<string, ResourceRule>> = {
  // A renamed user has a new ID, but emails are unique in the identity store, so the builder deletes it
  // before its successor comes (deleteBeforeReplace) for that reason, not the provider's ID.
  [TYPES.user]: { dependents: [TYPES.membership] },
};

/** The user fields the program manages, in one list: compared for drift, read live, written by bootstrap. */
export const USER_FIELDS = [
  "userName",
  "displayName",
  "givenName",
  "familyName",
  "email",
  "title",
  "nickname",
  "phoneNumber",
  "locale",
  "timezone",
  "preferredLanguage",
] as const;
const ADDRESS_FIELDS = ["streetAddress", "locality", "region", "postalCode", "country"] as const;

/** A user's managed fields as text, from config or from what AWS reports; the address flattened. */
export function userFields(
  u: Partial<Record<(typeof USER_FIELDS)[number], string>> & { address?: AddressSpec },
): Record<string, string | undefined> {
  return {
    ...Object.fromEntries(USER_FIELDS.map((k) => [k, u[k]])),
    ...Object.fromEntries(ADDRESS_FIELDS.map((k) => [`address.${k}`, u.address?.[k]])),
  };
}

/** "<identity store ID>/<user or membership ID>", as user.go and group_membership.go import them. */
export const storeImportId = (identityStoreId: string, id: string) => `${identityStoreId}/${id}`;

/** What the operator must do for users created through the API, who get no invitation email. */
export const invitationNotice = (count: number) =>
  `${count} user(s) created through the API get no invitation email from IAM Identity Center: ` +
  `turn on "Send email OTP" (Settings, Authentication, Standard authentication) or send each a ` +
  `password-reset email. See the usersNeedingSignInSetup output.`;
