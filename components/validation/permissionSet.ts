// The permissionSet section: its shape, the guardrail rules that span its fields, and its normalized spec.
import { z } from "zod";
import { ADMINISTRATOR_POLICY } from "../arns";
import { MODEL, modelAccepts } from "../awsModel";
import { guardrailProblems } from "../iam/check";
import { policyKey, policyProblems } from "../policy";
import { PermissionSetSpec } from "../spec";
import { byKey, hiddenIn, isRecord, show } from "../values";
import { AllowedKeys, ignoredWhenExisting, listAt } from "./messages";
import { nameProblem, shownAsIs } from "./names";
import { model, sessionDuration } from "./rules";

export const tags = z.record(z.string(), shownAsIs(model("TagValue"))).superRefine((record, ctx) => {
  const keys = Object.keys(record);
  if (keys.length > 50)
    ctx.addIssue({ code: "custom", message: `has ${keys.length} tags; at most 50 are allowed` });
  for (const key of keys) {
    // The model allows line and paragraph separators (\p{Z}); like every hidden character, not here.
    if (!modelAccepts("TagKey", key) || hiddenIn(key) !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `${show(key)} is not a valid tag key: AWS allows 1 to 128 ${MODEL.TagKey.allows.replace(" only", "")}`,
      });
    } else if (key.toLowerCase().startsWith("aws:")) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `${show(key)} uses the "aws:" prefix, which AWS reserves`,
      });
    } else if (nameProblem(key, false)) {
      ctx.addIssue({ code: "custom", path: [key], message: nameProblem(key, false) as string });
    }
  }
});

/**
 * A tag key `__proto__` never reaches AWS: zod drops it, and so does the Pulumi SDK, which serializes inputs
 * by assigning each key into a plain object (@pulumi/pulumi runtime/rpc.js serializeAllKeys). Refused, so
 * that the plan never shows a tag AWS does not get.
 */
export function protoTagProblem(section: unknown, at: string, out: string[]): void {
  const tags = isRecord(section) ? section.tags : undefined;
  if (isRecord(tags) && Object.prototype.hasOwnProperty.call(tags, "__proto__")) {
    out.push(
      `${at}.tags.__proto__: "__proto__" cannot be a tag key here: the Pulumi SDK drops a key of that name, so AWS would never get the tag`,
    );
  }
}

/** At most 20 managed and customer-managed policies on a permission set, AdministratorAccess included. */
const MAX_POLICIES = 20;
/**
 * IAM's default quota of managed policies per role (each account's role provisioned from the set counts
 * them, AWS managed and customer managed alike); raised per account in Service Quotas, IAM, "Managed
 * policies per role", up to 20.
 */
const DEFAULT_ROLE_POLICY_QUOTA = 10;

const policyReference = {
  name: shownAsIs(model("ManagedPolicyName")),
  path: model("ManagedPolicyPath").optional(),
};
const managedPolicyArn = model("ManagedPolicyArn");

export const shape = {
  name: shownAsIs(model("PermissionSetName")).optional(),
  description: shownAsIs(model("PermissionSetDescription")).optional(),
  sessionDuration: sessionDuration.optional(),
  relayState: model("RelayState").optional(),
  tags: tags.optional(),
  existing: z.boolean().optional(),
  managedPolicyQuota: z.number().int().min(DEFAULT_ROLE_POLICY_QUOTA).max(MAX_POLICIES).optional(),
  inlinePolicy: z
    .unknown()
    .superRefine((policy, ctx) => {
      const at = "permissionSet.inlinePolicy";
      // Meaning (unknown actions and condition keys, against iam-data) once the shape is right.
      const shape = policyProblems(policy, at);
      for (const message of shape.length > 0 ? shape : guardrailProblems(policy, at)) {
        ctx.addIssue({ code: "custom", message, path: [], params: { absolute: true } });
      }
    })
    .optional(),
  customerManagedPolicies: z.array(z.object(policyReference)).optional(),
  permissionsBoundary: z
    .object({
      managedPolicyArn: managedPolicyArn.optional(),
      customerManagedPolicy: z.object(policyReference).optional(),
    })
    .optional(),
};

export const allowed: AllowedKeys = [
  [/^permissionSet$/, Object.keys(shape)],
  [/^permissionSet\.customerManagedPolicies\[\d+\]$/, Object.keys(policyReference)],
  [/^permissionSet\.permissionsBoundary$/, ["managedPolicyArn", "customerManagedPolicy"]],
  [/^permissionSet\.permissionsBoundary\.customerManagedPolicy$/, Object.keys(policyReference)],
];

/** Settings a looked-up set does not take: all but its name. */
const MANAGED = [
  "description",
  "managedPolicyQuota",
  "sessionDuration",
  "relayState",
  "tags",
  "inlinePolicy",
  "customerManagedPolicies",
  "permissionsBoundary",
];

/** Guardrails that span fields: no duplicate policy, at most 20 policies, exactly one kind of boundary. */
export function problems(raw: Record<string, unknown>, out: string[]): void {
  const ps = raw.permissionSet;
  protoTagProblem(ps, "permissionSet", out);
  if (!isRecord(ps)) return;
  const refs = listAt(ps, "customerManagedPolicies");
  const seen = new Map<string, number>();
  refs.forEach((ref, i) => {
    if (!isRecord(ref) || typeof ref.name !== "string") return;
    const key = policyKey({ name: ref.name, path: typeof ref.path === "string" ? ref.path : "/" });
    if (seen.has(key)) {
      out.push(
        `permissionSet.customerManagedPolicies[${i}]: ${show(key)} repeats permissionSet.customerManagedPolicies[${seen.get(key)}]; each policy may appear once`,
      );
    } else seen.set(key, i);
  });
  refs.forEach((ref, i) => {
    if (!isRecord(ref)) return;
    for (const field of ["name", "path"]) {
      const value = ref[field];
      if (typeof value === "string" && value.includes(",")) {
        out.push(
          `permissionSet.customerManagedPolicies[${i}].${field}: ${show(value)} contains a comma; the provider's ` +
            "import ID joins name, path, set and instance with commas, so such an attachment could never be imported",
        );
      }
    }
  });
  const count = refs.length + 1;
  const quota = typeof ps.managedPolicyQuota === "number" ? ps.managedPolicyQuota : DEFAULT_ROLE_POLICY_QUOTA;
  if (count > MAX_POLICIES) {
    out.push(
      `permissionSet.customerManagedPolicies: ${refs.length} policies and AdministratorAccess make ${count}; ` +
        `a permission set may have at most ${MAX_POLICIES} managed and customer-managed policies`,
    );
  } else if (count > quota) {
    out.push(
      `permissionSet.customerManagedPolicies: ${refs.length} policies and AdministratorAccess make ${count}; ` +
        `IAM allows ${quota} managed policies per role${ps.managedPolicyQuota === undefined ? " by default" : " (permissionSet.managedPolicyQuota)"}, ` +
        "and each account's role from the set would exceed it. Raise the quota in every target account " +
        '(Service Quotas, AWS Identity and Access Management (IAM), "Managed policies per role"), then set ' +
        "permissionSet.managedPolicyQuota to it",
    );
  }
  const boundary = ps.permissionsBoundary;
  if (isRecord(boundary)) {
    const kinds = ["managedPolicyArn", "customerManagedPolicy"].filter((k) => boundary[k] !== undefined);
    if (kinds.length !== 1) {
      out.push(
        `permissionSet.permissionsBoundary: needs exactly one of managedPolicyArn and customerManagedPolicy${kinds.length === 2 ? ", not both" : ""}`,
      );
    }
  }
  ignoredWhenExisting("permissionSet", ps, MANAGED, "permission set", out);
}

/** Defaults applied; customer-managed policies sorted by their key, which also names their attachments. */
export function normalize(ps: z.infer<z.ZodObject<typeof shape>> = {}): PermissionSetSpec {
  return {
    name: ps.name ?? ADMINISTRATOR_POLICY,
    description: ps.description,
    sessionDuration: ps.sessionDuration ?? "PT1H",
    relayState: ps.relayState,
    tags: ps.tags ?? {},
    existing: ps.existing ?? false,
    inlinePolicy: ps.inlinePolicy as Record<string, unknown> | undefined,
    customerManagedPolicies: (ps.customerManagedPolicies ?? [])
      .map((p) => ({ name: p.name, path: p.path ?? "/" }))
      .sort(byKey(policyKey)),
    permissionsBoundary: ps.permissionsBoundary?.managedPolicyArn
      ? { managedPolicyArn: ps.permissionsBoundary.managedPolicyArn }
      : ps.permissionsBoundary?.customerManagedPolicy
        ? {
            customerManagedPolicy: {
              name: ps.permissionsBoundary.customerManagedPolicy.name,
              path: ps.permissionsBoundary.customerManagedPolicy.path ?? "/",
            },
          }
        : undefined,
  };
}
