// The group family, pure: the admins' group, created or looked up by display name. Read from
// hashicorp/terraform-provider-aws internal/service/identitystore/group.go.
import { GroupSpec } from "../spec";
import { PlannedResource, ResourceRule, TYPES } from "./types";

/** The group's child name; undefined when it exists and is looked up. */
export const planGroup = (name: string, group: GroupSpec): string | undefined =>
  group.existing ? undefined : `${name}-group`;

export const groupResources = (groupResource: string | undefined): PlannedResource[] =>
  groupResource ? [{ type: TYPES.group, name: groupResource }] : [];

export const RULES: Partial<Record<string, ResourceRule>> = {
  // What replaces the group (not its display name, which is updated in place) is in upstream.ts.
  [TYPES.group]: { dependents: [TYPES.membership, TYPES.assignment] },
};

/** "<identity store ID>/<group ID>", as group.go resourceGroupParseID reads it. */
export const groupImportId = (identityStoreId: string, groupId: string) => `${identityStoreId}/${groupId}`;

/** The group's fields that adoption compares with what exists. */
export const groupFields = (g: { displayName: string; description?: string }) => ({
  displayName: g.displayName,
  description: g.description,
});
