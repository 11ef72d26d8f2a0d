// The permissionSet section: its shape, the guardrail rules that span its fields, and its normalized spec.
import { z } from "zod";
import { ADMINISTRATOR_POLICY } from "../arns";
import { MODEL, modelAccepts } from "../awsModel";
import { policyKey, policyProblems } from "../policy";
import { PermissionSetSpec } from "../spec";
import { byKey, hiddenIn, isRecord, show } from "../values";
import { AllowedKeys, ignoredWhenExisting, listAt } from "./messages";
import { model, sessionDuration } from "./rules";

export const tags = z.record(z.string(), model("TagValue")).superRefine((record, ctx) => {
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
    }
  }
});

/** At most 20 managed and customer-managed policies on a permission set, AdministratorAccess included. */
const MAX_POLICIES = 20;

const policyReference = { name: model("ManagedPolicyName"), path: model("ManagedPolicyPath").optional() };
const managedPolicyArn = model("ManagedPolicyArn");

export const shape = {
  name: model("PermissionSetName").optional(),
  description: model("PermissionSetDescription").optional(),
  sessionDuration: sessionDuration.optional(),
  relayState: model("RelayState").optional(),
  tags: tags.optional(),
  existing: z.boolean().optional(),
  inlinePolicy: z
    .unknown()
    .superRefine((policy, ctx) => {
      for (const message of policyProblems(policy, "permissionSet.inlinePolicy")) {
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
  if (refs.length + 1 > MAX_POLICIES) {
    out.push(
      `permissionSet.customerManagedPolicies: ${refs.length} policies and AdministratorAccess make ${refs.length + 1}; ` +
        `a permission set may have at most ${MAX_POLICIES} managed and customer-managed policies`,
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
