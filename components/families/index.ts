// Every family's rules in one table, keyed by child type, for the readers that span families (the review
// diff, adoption).
import * as group from "./group";
import * as permissionSet from "./permissionSet";
import { ResourceRule } from "./types";
import * as users from "./users";

export const RULES: Partial<Record<string, ResourceRule>> = {
  ...permissionSet.RULES,
  ...group.RULES,
  ...users.RULES,
};

/** Does changing this config field of this child type force a new resource? */
export const forcesNew = (type: string, field: string): boolean =>
  RULES[type]?.forceNew.includes(field) ?? false;

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
