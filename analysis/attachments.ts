// The attachment comparison drift and audit share: a set's two policy lists as config declares them, against
// what AWS holds, so that both commands report the same out-of-band attachments in the same words.
import { administratorPolicyArn } from "../components/arns";
import { policyRefText } from "../components/families/permissionSet";
import { PermissionSetSpec } from "../components/spec";

/** A set's two policy lists: AWS managed policies by ARN, customer-managed ones as `path` + `name`. */
export interface PolicyLists {
  managedPolicies: string[];
  /** Customer-managed policy references as `path` + `name`: the policies themselves live in each account. */
  customerManagedPolicies: string[];
}

/** The member set's lists as config declares them: AdministratorAccess and permissionSet.customerManagedPolicies. */
export const memberSetPolicies = (
  set: Pick<PermissionSetSpec, "customerManagedPolicies">,
  partition: string,
): PolicyLists => ({
  managedPolicies: [administratorPolicyArn(partition)],
  // policyRefText as the live reader writes a reference (live/reader.ts: `${Path ?? "/"}${Name}`); validation
  // defaults a reference's path to "/" as AWS does (CustomerManagedPolicyReference.Path).
  customerManagedPolicies: set.customerManagedPolicies.map(policyRefText),
});

/** The management account's set as config declares it: AdministratorAccess only. */
export const managementSetPolicies = (partition: string): PolicyLists => ({
  managedPolicies: [administratorPolicyArn(partition)],
  customerManagedPolicies: [],
});

/**
 * What undoes a difference in a list the stack's exclusive attachment resources own
 * (aws.ssoadmin.ManagedPolicyAttachmentsExclusive, CustomerManagedPolicyAttachmentsExclusive: their Update
 * attaches the missing and detaches the extra). Said here only, for the audit and the drift check alike.
 */
export const OWNED_LIST_FIX =
  "the next `pulumi up --refresh` reverts it: the stack's exclusive attachment resource owns the whole list " +
  "(a plain `pulumi up` reverts it only when it changes that list, since it does not read AWS)";
/** What undoes a difference in a list no resource of the stack owns (the management set's customer list). */
export const UNOWNED_LIST_FIX =
  "no resource of the stack owns this list, so `pulumi up` leaves it: attach or detach it by hand";

/** One policy attached out of band, or declared and not attached. */
export interface AttachmentDifference {
  change: "extra" | "missing";
  list: "managed" | "customer";
  /** The ARN, or `path` + `name`. */
  policy: string;
  detail: string;
}

/**
 * Each list of a set as read against config: the policies attached that config does not declare, and the
 * declared ones that are not attached. A list the read could not answer (undefined) is not compared: unread is
 * not empty. `owns` says which lists the stack's exclusive resources hold, and so what the fix is.
 */
export function attachmentDrift(
  declared: PolicyLists,
  live: Partial<PolicyLists>,
  owns: Record<AttachmentDifference["list"], boolean>,
): AttachmentDifference[] {
  const out: AttachmentDifference[] = [];
  const lists = [
    ["managed", "AWS managed policy", declared.managedPolicies, live.managedPolicies],
    ["customer", "customer-managed policy", declared.customerManagedPolicies, live.customerManagedPolicies],
  ] as const;
  for (const [list, what, wanted, attached] of lists) {
    if (!attached) continue;
    const fix = owns[list] ? OWNED_LIST_FIX : UNOWNED_LIST_FIX;
    for (const policy of [...new Set(attached)].filter((p) => !wanted.includes(p)).sort())
      out.push({
        change: "extra",
        list,
        policy,
        detail: `${what} ${policy} is attached, not in config; ${fix}`,
      });
    for (const policy of wanted.filter((p) => !attached.includes(p)))
      out.push({
        change: "missing",
        list,
        policy,
        detail: `${what} ${policy} is in config but not attached; ${fix}`,
      });
  }
  return out;
}
