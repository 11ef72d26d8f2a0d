// The target selectors: accounts, OUs, account names, account tags, exclusions, allAccounts and the
// management-account opt-in. Normalized WITHOUT reordering: resolution reports `accounts[i]` of the list as written, and
// sorts what it resolves.
import { z } from "zod";
import { MODEL, modelAccepts } from "../awsModel";
import { TargetSpec } from "../spec";
import { dictionary, hiddenIn, isRecord, show } from "../values";
import { formatPath, listAt, repeats } from "./messages";
import { nameProblem, shownAsIs } from "./names";
import { accountId, length, model, organizationalUnitId, trimmed } from "./rules";

/** An account carries at most 50 tags (Organizations' tag quota), so more conditions could match nothing. */
const MAX_TAG_CONDITIONS = 50;

/**
 * accountTags: tag key to one value or a list of values. Keys and values follow the tag rules of AWS's model
 * (the same character set Organizations documents for account tags); "aws:" keys are AWS's own, never set
 * on an account by anyone, so a condition on one would select nothing.
 */
const tagValue = shownAsIs(model("TagValue"));
/** One value, or a list of values any of which matches; a list in the spec either way. */
const tagValues = z.unknown().transform((value, ctx): string[] => {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.flatMap((item, i) => {
    const parsed = tagValue.safeParse(item);
    if (parsed.success) return [parsed.data];
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", path: Array.isArray(value) ? [i] : [], message: issue.message });
    return [];
  });
});
const accountTags = z.record(z.string(), tagValues).superRefine((record, ctx) => {
  const keys = Object.keys(record);
  if (keys.length > MAX_TAG_CONDITIONS) {
    ctx.addIssue({
      code: "custom",
      message: `has ${keys.length} tag keys; an account carries at most ${MAX_TAG_CONDITIONS} tags`,
    });
  }
  for (const key of keys) {
    const value = record[key];
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
        message: `${show(key)} uses the "aws:" prefix, which AWS reserves: no account carries such a tag of yours`,
      });
    } else if (nameProblem(key, false)) {
      ctx.addIssue({ code: "custom", path: [key], message: nameProblem(key, false) as string });
    } else if (value.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message:
          "is an empty list, which no account's tag matches: list the values any of which it may carry",
      });
    }
  }
});

export const shape = {
  accounts: z.array(accountId).optional(),
  organizationalUnits: z.array(organizationalUnitId).optional(),
  accountNames: z.array(trimmed(length(1, 50))).optional(),
  accountTags: accountTags.optional(),
  excludeAccounts: z.array(accountId).optional(),
  allAccounts: z.boolean().optional(),
  includeManagementAccount: z.boolean().optional(),
};

const SELECTORS = ["accounts", "organizationalUnits", "accountNames"];

/** No repeats, no account both listed and excluded, and at least one way to reach an account. */
export function problems(raw: Record<string, unknown>, out: string[]): void {
  const duplicate = repeats(out);
  listAt(raw, "accounts").forEach((id, i) => duplicate("account", id, `accounts[${i}]`));
  listAt(raw, "organizationalUnits").forEach((id, i) => duplicate("OU", id, `organizationalUnits[${i}]`));
  listAt(raw, "accountNames").forEach((name, i) => duplicate("account name", name, `accountNames[${i}]`));
  tagProblems(raw.accountTags, out);
  // Only a string or a number is an ID; String() of a map with its own `toString` key would throw.
  const idText = (id: unknown) => (typeof id === "string" || typeof id === "number" ? String(id) : undefined);
  const listed = new Set(listAt(raw, "accounts").map(idText));
  listAt(raw, "excludeAccounts").forEach((id, i) => {
    duplicate("exclusion", id, `excludeAccounts[${i}]`);
    if (idText(id) !== undefined && listed.has(idText(id)))
      out.push(`excludeAccounts[${i}]: ${show(id)} is also listed in accounts; keep one`);
  });
  const hasTags = isRecord(raw.accountTags) && Object.keys(raw.accountTags).length > 0;
  const hasTargets =
    raw.allAccounts === true || hasTags || SELECTORS.some((key) => listAt(raw, key).length > 0);
  const accountsMistyped = raw.accounts !== undefined && !Array.isArray(raw.accounts); // reported already
  // With allowNoAdmins, an empty list removes every assignment, deliberately (the review diff marks it critical).
  if (!hasTargets && !accountsMistyped && raw.allowNoAdmins !== true) {
    out.push(
      "accounts: no target accounts: list account IDs in accounts, OU IDs in organizationalUnits, " +
        "account names in accountNames or tags in accountTags, or set allAccounts: true; with no target nobody would hold " +
        "administrator access after the apply (set allowNoAdmins: true if you mean to remove it everywhere)",
    );
  }
}

export function normalize(c: z.infer<z.ZodObject<typeof shape>>): TargetSpec {
  return {
    accounts: c.accounts ?? [],
    organizationalUnits: c.organizationalUnits ?? [],
    accountNames: c.accountNames ?? [],
    accountTags: dictionary(Object.entries(c.accountTags ?? {}).map(([k, v]) => [k, [...new Set(v)]])),
    excludeAccounts: c.excludeAccounts ?? [],
    allAccounts: c.allAccounts ?? false,
    includeManagementAccount: c.includeManagementAccount ?? false,
  };
}

/** A tag key `__proto__` (dropped by zod and by the Pulumi SDK) and a value listed twice. */
function tagProblems(tags: unknown, out: string[]): void {
  if (!isRecord(tags)) return;
  if (Object.prototype.hasOwnProperty.call(tags, "__proto__")) {
    out.push(
      'accountTags.__proto__: "__proto__" cannot be a tag key here: the Pulumi SDK drops a key of that name, ' +
        "so the component would never see the condition",
    );
  }
  // Tag values are case-sensitive (Organizations), so "Prod" and "prod" are two values, not a repeat.
  for (const [key, values] of Object.entries(tags)) {
    if (!Array.isArray(values)) continue;
    const first = new Map<unknown, number>();
    values.forEach((v, i) => {
      const at = first.get(v);
      if (at === undefined) first.set(v, i);
      else
        out.push(
          `${formatPath(["accountTags", key, i])}: ${show(v)} repeats ${formatPath(["accountTags", key, at])}; ` +
            "each value may appear once",
        );
    });
  }
}
