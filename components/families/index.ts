// Every family's rules in one table, keyed by child type, for the readers that span families (the review
// diff, adoption, the builders); what forces a replacement is the provider's, from upstream.ts alone.
import * as group from "./group";
import * as permissionSet from "./permissionSet";
import { ResourceRule } from "./types";
import { UPSTREAM } from "./upstream";
import * as users from "./users";

export const RULES: Partial<Record<string, ResourceRule>> = {
  ...permissionSet.RULES,
  ...group.RULES,
  ...users.RULES,
};

/** Does changing this input of this child type force a new resource (the provider's ForceNew)? */
export const forcesNew = (type: string, field: string): boolean =>
  UPSTREAM[type]?.forceNew.includes(field) ?? false;

/**
 * A replacement of this type keeps the provider ID, so create-before-delete would delete what it just
 * created: the builders register every such type so that the old delete cannot run after the new create.
 */
export const sameIdOnReplace = (type: string): boolean => UPSTREAM[type]?.keepsIdOnReplace ?? false;

/** The child types replaced along with one of `type`: its dependents, and theirs. */
export function replacedWith(type: string): string[] {
  const out = new Set<string>();
  const visit = (t: string) => {
    for (const d of RULES[t]?.dependents ?? []) {
      if (!out.has(d)) {
        out.add(d);
        visit(d);
      }
    }
  };
  visit(type);
  return [...out];
}
