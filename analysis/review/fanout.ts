// What a set-level change costs before it is applied (issue #27): how many accounts it reprovisions and for
// about how long, and, for a replaced set, the role churn in every account. Appended to the access changes
// as `high`, since a reviewer must weigh an outage window and broken role references.
import { forcesNew } from "../../components/families";
import { fanoutLine, roleChurnLine } from "../../components/families/fanout";
import { policyRefText } from "../../components/families/permissionSet";
import { AdminAccessPlan, memberSetAccounts, TYPES } from "../../components/plan";
import { comparablePolicy } from "../../components/policy";
import { AccessChange } from "./changes";

/**
 * A policy as the provider compares it: terraform-provider-aws suppresses an inline-policy diff between
 * equivalent documents (permission_set_inline_policy.go: verify.SuppressEquivalentPolicyDiffs, which matches
 * statements in any order and a one-element array with its string), so such a rewrite provisions nothing.
 */
export function equivalentPolicy(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value
      .map(equivalentPolicy)
      .sort((a, b) => (comparablePolicy(a) < comparablePolicy(b) ? -1 : 1));
    return items.length === 1 ? items[0] : items;
  }
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, equivalentPolicy(v)]));
  return value;
}

const customerList = (plan: AdminAccessPlan) =>
  plan.spec.permissionSet.customerManagedPolicies.map(policyRefText).sort().join(",");

/**
 * What reaches AWS and then provisions the member set: its settings, guardrails and session cuts. Tags are
 * left out: the provider updates them with TagResource and provisions nothing (terraform-provider-aws
 * permission_set.go, resourcePermissionSetUpdate: provisionPermissionSet only after UpdatePermissionSet). The
 * boundary is passed in: one removed from config stays on the set (its attachment is kept on delete).
 */
const memberSetText = (plan: AdminAccessPlan, permissionsBoundary: unknown) => {
  const { name, description, sessionDuration, relayState, inlinePolicy } = plan.spec.permissionSet;
  return comparablePolicy({
    name,
    description,
    sessionDuration,
    relayState,
    inlinePolicy: equivalentPolicy(inlinePolicy),
    permissionsBoundary,
    customer: customerList(plan),
    cuts: plan.permissionSet?.sessionCuts ?? [],
  });
};

/**
 * The fan-out and churn lines for the sets a change touches. Only a set that exists before the change, in
 * some account, is reprovisioned (a new one is provisioned by its assignments); a set looked up by name is
 * not this stack's. AWS provisions to every account holding the set when the change applies, and the engine
 * deletes removed assignments last, so the accounts leaving count too.
 */
export function fanoutChanges(
  before: AdminAccessPlan,
  after: AdminAccessPlan,
  replaced: { type: string; name: string }[],
): AccessChange[] {
  const out: AccessChange[] = [];
  const set = after.permissionSet;
  const [was, now] = [memberSetAccounts(before), memberSetAccounts(after)];
  const accounts = Math.max(was, now);
  const wasBoundary = before.spec.permissionSet.permissionsBoundary;
  const boundary = after.spec.permissionSet.permissionsBoundary ?? wasBoundary;
  if (
    set &&
    before.permissionSet &&
    accounts > 0 &&
    memberSetText(before, wasBoundary) !== memberSetText(after, boundary)
  ) {
    const setReplaced = replaced.some((r) => r.name === set.permissionSetResource);
    // A replaced set is new: its attachments are made before any account holds it, so nothing is reprovisioned,
    // but every account's role is replaced (its assignments are recreated, which diffWarnings says).
    const why = setReplaced
      ? [roleChurnLine(before.spec.permissionSet.name)]
      : [
          fanoutLine(accounts),
          ...(was > now
            ? [
                `the ${was - now} account(s) leaving count too, since their assignments are deleted last, but the ` +
                  `set's timeouts are sized for the ${now} that stay: split a large removal from a change to the set`,
              ]
            : []),
          ...(customerList(before) !== customerList(after)
            ? [
                "the customer-managed list is rewritten whole: any customer-managed policy attached to the set by " +
                  "hand is detached too (npm run audit lists them)",
              ]
            : []),
        ];
    out.push({
      severity: "high",
      path: "permissionSet",
      old: before.spec.permissionSet.name,
      new: after.spec.permissionSet.name,
      why: why.join("; "),
    });
  }
  const [wasMgmt, mgmt] = [before.management, after.management];
  const mgmtText = (p: AdminAccessPlan) => {
    const { name, description, sessionDuration } = p.spec.managementPermissionSet;
    return comparablePolicy({ name, description, sessionDuration });
  };
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
      why: setReplaced ? roleChurnLine(name) : fanoutLine(1),
    });
  }
  return out;
}
