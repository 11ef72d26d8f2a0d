// The stack program: read this stack's config, build the component, export its outputs.
import { deployAdminAccess, readStackConfig } from "./components/program";

const outputs = deployAdminAccess(readStackConfig());

export const permissionSetArn = outputs.permissionSetArn;
export const groupId = outputs.groupId;
export const userIds = outputs.userIds;
export const accountIds = outputs.accountIds;
export const accessPortalUrl = outputs.accessPortalUrl;
/** Users created by this program: they get no invitation email (see docs/operations.md, "First sign-in"). */
export const usersNeedingSignInSetup = outputs.usersNeedingSignInSetup;
/** Members of the group that admins does not list: they get administrator access too. */
export const unlistedMembers = outputs.unlistedMembers;
/** Existing admins the identity store does not hold yet: no membership until a run finds them. */
export const deferredAdmins = outputs.deferredAdmins;
/** By account, the name prefix of the role the account's admins use (AWSReservedSSO_<set>_), and its path. */
export const roleNamePrefixes = outputs.roleNamePrefixes;
export const rolePath = outputs.rolePath;
/** What this release recorded for later ones; a later release reads it back from this stack's outputs. */
export const migrations = outputs.migrations;
