// Registers the users family: each admin's user (created, or looked up when existing) and, while access
// lasts, its group membership.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlannedAdmin } from "../families/users";
import { dictionary } from "../values";
import { BuildContext } from "./context";

export interface BuiltUsers {
  userIds: Record<string, pulumi.Output<string>>;
  memberships: Map<string, aws.identitystore.GroupMembership>;
}

export function buildUsers(
  ctx: BuildContext,
  admins: PlannedAdmin[],
  groupId: pulumi.Output<string>,
  retain: boolean,
): BuiltUsers {
  const userIds = dictionary<pulumi.Output<string>>();
  const memberships = new Map<string, aws.identitystore.GroupMembership>();
  const identityStoreId = ctx.identityStoreId;
  for (const admin of admins) {
    const userId = buildUser(ctx, admin, retain);
    userIds[admin.userName] = userId;
    // An expired admin keeps the user (unless removed from config) but loses the membership.
    if (admin.expired) continue;
    memberships.set(
      admin.userName,
      new aws.identitystore.GroupMembership(
        admin.membershipResource,
        { identityStoreId, groupId, memberId: userId },
        ctx.parent,
      ),
    );
  }
  return { userIds, memberships };
}

/** Creates a new admin's user, or looks up an existing one; either way, its user ID. */
function buildUser(ctx: BuildContext, admin: PlannedAdmin, retain: boolean): pulumi.Output<string> {
  const identityStoreId = ctx.identityStoreId;
  if (admin.existing) {
    return aws.identitystore.getUserOutput(
      {
        identityStoreId,
        alternateIdentifier: {
          uniqueAttribute: { attributePath: "UserName", attributeValue: admin.userName },
        },
      },
      ctx.parent,
    ).userId;
  }
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
