// The assignments family, pure: one GROUP assignment of the permission set per target account, optionally
// chained in lanes. Read from hashicorp/terraform-provider-aws internal/service/ssoadmin/account_assignment.go.
import { ResolvedTarget } from "../targets";
import { byKey } from "../values";
import { PlannedResource, TYPES } from "./types";

/** One account's assignment; with assignmentConcurrency, chained behind the one before it in its lane. */
export interface PlannedAssignment extends ResolvedTarget {
  resource: string;
  /** Undefined without assignmentConcurrency: then no assignment waits for another. */
  lane?: number;
  /** The account whose assignment this one waits for; undefined for the first of its lane. */
  after?: string;
}

/** FNV-1a: a hash that is the same in every run and version, unlike anything keyed to memory. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * One assignment per account. By default they are independent: no account's fate is tied to another's
 * (a failure under --continue-on-error, or `pulumi destroy --target` of one, leaves the others alone), and
 * the engine's --parallel bounds how many are created at once. With `lanes`, assignments are spread over
 * that many chains, each waiting for the one before it in its lane, so at most `lanes` are in progress at
 * once. A lane is a hash of the account ID, so adding or removing an account re-links only its successor in
 * the same lane; dependencies are not inputs, so nothing is replaced.
 */
export function planAssignments(
  name: string,
  targets: ResolvedTarget[],
  lanes?: number,
): PlannedAssignment[] {
  const sorted = [...targets].sort(byKey((t) => t.accountId));
  const resource = (accountId: string) => `${name}-assignment-${accountId}`;
  if (!lanes) return sorted.map((target) => ({ ...target, resource: resource(target.accountId) }));
  const last = new Map<number, string>();
  return sorted.map((target) => {
    const lane = stableHash(target.accountId) % lanes;
    const after = last.get(lane);
    last.set(lane, target.accountId);
    return { ...target, resource: resource(target.accountId), lane, after };
  });
}

export const assignmentResources = (assignments: PlannedAssignment[]): PlannedResource[] =>
  assignments.map((a) => ({ type: TYPES.assignment, name: a.resource }));

/** The provider's import ID (account_assignment.go): principal, its type, target, its type, set, instance. */
export const assignmentImportId = (groupId: string, accountId: string, setArn: string, instanceArn: string) =>
  `${groupId},GROUP,${accountId},AWS_ACCOUNT,${setArn},${instanceArn}`;
