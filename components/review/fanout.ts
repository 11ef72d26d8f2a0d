// What a set-level change costs before it is applied (issue #27): how many accounts it reprovisions and for
// about how long, and, for a replaced set, the role churn in every account. Appended to the access changes
// as `high`, since a reviewer must weigh an outage window and broken role references.
import { forcesNew } from "../families";
import { fanoutLine, roleChurnLine } from "../families/fanout";
import { AdminAccessPlan, memberSetAccounts, TYPES } from "../plan";
import { AccessChange } from "./changes";

/** Everything that reaches the member set's children: its settings, guardrails and session cuts. */
const memberSetText = (plan: AdminAccessPlan) =>
  JSON.stringify({ set: plan.spec.permissionSet, cuts: plan.permissionSet?.sessionCuts ?? [] });

/**
 * The fan-out and churn lines for the sets a change touches. Only a set that exists before the change is
 * reprovisioned (a new one is provisioned by its assignments); a set looked up by name is not this stack's.
 */
export function fanoutChanges(
  before: AdminAccessPlan,
  after: AdminAccessPlan,
  replaced: { type: string; name: string }[],
): AccessChange[] {
  const out: AccessChange[] = [];
  const set = after.permissionSet;
  if (set && before.permissionSet && memberSetText(before) !== memberSetText(after)) {
    const accounts = memberSetAccounts(after);
    const setReplaced = replaced.some((r) => r.name === set.permissionSetResource);
    out.push({
      severity: "high",
      path: "permissionSet",
      old: before.spec.permissionSet.name,
      new: after.spec.permissionSet.name,
      why: setReplaced
        ? `${roleChurnLine(before.spec.permissionSet.name)}; ${fanoutLine(accounts)}`
        : fanoutLine(accounts),
    });
  }
  const [wasMgmt, mgmt] = [before.management, after.management];
  const mgmtText = (p: AdminAccessPlan) => JSON.stringify(p.spec.managementPermissionSet);
  if (wasMgmt && mgmt && mgmtText(before) !== mgmtText(after)) {
    // The diff keeps the management family apart from `replaced`; its set is replaced by a new name.
    const setReplaced =
      forcesNew(TYPES.permissionSet, "name") &&
      before.spec.managementPermissionSet.name !== after.spec.managementPermissionSet.name;
    const name = before.spec.managementPermissionSet.name;
    out.push({
      severity: "high",
      path: "managementPermissionSet",
      old: name,
      new: after.spec.managementPermissionSet.name,
      why: setReplaced ? `${roleChurnLine(name)}; ${fanoutLine(1)}` : fanoutLine(1),
    });
  }
  return out;
}
