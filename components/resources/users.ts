// Registers the users family: each created admin's user and, while access lasts and the user is in the
// identity store, its group membership. Existing admins are looked up first (lookups.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlannedAdmin } from "../families/users";
import { dictionary } from "../values";
import { BuildContext } from "./context";
import { UserLookup } from "./lookups";

/** The users the component creates, by userName: registered at once, whatever the lookups answer. */
export function buildCreatedUsers(
  ctx: BuildContext,
  admins: PlannedAdmin[],
  retain: boolean,
): Record<string, pulumi.Output<string>> {
  const userIds = dictionary<pulumi.Output<string>>();
  for (const admin of admins) if (!admin.existing) userIds[admin.userName] = createUser(ctx, admin, retain);
  return userIds;
}

/**
 * Every admin's user ID the identity store holds: the created ones, and the existing ones found. An existing
 * one's ID is carried on the identity store ID, so that it is unknown while that is (preview) and secret when
 * that is, as the data source's output was.
 */
export function userIdsOf(
  ctx: BuildContext,
  admins: PlannedAdmin[],
  created: Record<string, pulumi.Output<string>>,
  lookups: ReadonlyMap<string, UserLookup>,
): Record<string, pulumi.Output<string>> {
  const userIds = dictionary<pulumi.Output<string>>();
  for (const admin of admins) {
    if (!admin.existing) userIds[admin.userName] = created[admin.userName];
    const found = lookups.get(admin.userName);
    if (found && "userId" in found)
      userIds[admin.userName] = ctx.identityStoreId.apply(() => found.userId as string);
  }
  return userIds;
}

/** Each admin's group membership while access lasts: none for an expired or a deferred admin. */
export function buildMemberships(
  ctx: BuildContext,
  admins: PlannedAdmin[],
  groupId: pulumi.Output<string>,
  userIds: Record<string, pulumi.Output<string>>,
): Map<string, aws.identitystore.GroupMembership> {
  const memberships = new Map<string, aws.identitystore.GroupMembership>();
  const identityStoreId = ctx.identityStoreId;
  for (const admin of admins) {
    if (admin.expired || admin.deferred) continue;
    memberships.set(
      admin.userName,
      new aws.identitystore.GroupMembership(
        admin.membershipResource,
        { identityStoreId, groupId, memberId: userIds[admin.userName] },
        ctx.parent,
      ),
    );
  }
  return memberships;
}

/** Creates a new admin's user; its user ID. */
function createUser(
  ctx: BuildContext,
  admin: PlannedAdmin & { existing: false },
  retain: boolean,
): pulumi.Output<string> {
  const identityStoreId = ctx.identityStoreId;
  const primary = (value: string | undefined) => (value ? { value, primary: true, type: "work" } : undefined);
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
    // Emails are unique in the identity store, so a renamed user must go before its successor comes. A
    // protected user is also retained: a new one would have a new ID, without its MFA devices.
    { ...ctx.parent, protect: ctx.protect, retainOnDelete: retain || ctx.protect, deleteBeforeReplace: true },
  ).userId;
}
