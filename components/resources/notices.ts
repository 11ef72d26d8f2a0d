// What the component tells the operator: whose access has ended or ends soon, the users who get no
// invitation email, and the group's members that admins does not list.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expiringSoon } from "../families/expiry";
import { invitationNotice, PlannedAdmin } from "../families/users";
import { visible } from "../values";

/** The warning about members that admins does not list; AWS's names are shown with hidden characters escaped. */
export const unlistedNotice = (group: string, userNames: string[]) =>
  `${userNames.length} member(s) of the group ${visible(JSON.stringify(group))} are not in admins and also get ` +
  `administrator access wherever the group is assigned: ${userNames.map((u) => visible(u)).join(", ")}. ` +
  "Add them to admins, or remove them from the group. See the unlistedMembers output.";

/** Tells the operator whose access has ended, and whose ends within a week. */
export function logExpiries(admins: PlannedAdmin[], now: Date, resource: pulumi.Resource): void {
  const { expired, soon } = expiringSoon(admins, now);
  if (expired.length > 0) {
    pulumi.log.info(
      `administrator access has expired, so their group membership is removed: ${expired.join(", ")}`,
      resource,
    );
  }
  if (soon.length > 0)
    pulumi.log.info(`administrator access expires within 7 days: ${soon.join(", ")}`, resource);
}

/** Tells the operator that the users created here need their first sign-in set up. */
export function logInvitations(created: string[], resource: pulumi.Resource): void {
  if (created.length > 0) pulumi.log.info(invitationNotice(created.length), resource);
}

/** The group's members that admins does not list, by userName, and a warning that names them. */
export async function unlistedMembers(
  component: pulumi.Resource,
  identityStoreId: string,
  groupId: string,
  listed: string[],
  groupName: string,
): Promise<string[]> {
  const opts = { parent: component };
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
  if (names.length > 0) pulumi.log.warn(unlistedNotice(groupName, names), component);
  return names;
}

/**
 * The warning for each deferred admin: an existing user the identity store does not hold yet, so no membership
 * this run; named escaped, since the name reaches a terminal.
 */
export const deferralNotes = (admins: readonly PlannedAdmin[]): string[] =>
  admins
    .filter((a) => a.deferred)
    .map(
      (a) =>
        `admins: the existing user ${visible(JSON.stringify(a.userName))} is not in the identity store (not ` +
        "provisioned by the directory yet, misspelled in admins, or deprovisioned): deferred, with no group " +
        "membership, and a membership it held is removed; the first run that finds the user adds it. Check the " +
        "spelling, and see the deferredAdmins output.",
    );
