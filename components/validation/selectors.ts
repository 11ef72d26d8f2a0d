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
// Each word in one script: `prоd` (Cyrillic о) would read as prod and match an account tagged to look alike.
const tagValue = shownAsIs(model("TagValue"), "words");
/** Go's time.Time.String(), which the Pulumi CLI hands the program for an unquoted YAML date or timestamp. */
const CLI_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? \+0000 UTC$/;

/** Why one written value cannot be a tag value, in words that say how to write it; undefined when it can. */
function tagValueProblem(item: unknown): string | undefined {
  // An unquoted number reaches the program as a number, already changed (010 is 8, 1.50 is 1.5).
  if (typeof item === "number")
    return (
      `${show(item)} is a number: YAML reads an unquoted number as one, and may change it (010 becomes 8); ` +
      "quote it, or use `pulumi config set --type string`"
    );
  // An unquoted date would otherwise be compared as "2024-01-01 00:00:00 +0000 UTC" and match nothing.
  if (typeof item === "string" && CLI_TIMESTAMP.test(item))
    return `${show(item)} is what the Pulumi CLI makes of an unquoted YAML date or timestamp: quote the value`;
  const parsed = tagValue.safeParse(item);
  return parsed.success ? undefined : parsed.error.issues[0].message;
}

/** One value, or a list of values any of which matches; a list in the spec either way. */
const tagValues = z.unknown().transform((value, ctx): string[] => {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.flatMap((item, i) => {
    const problem = tagValueProblem(item);
    if (problem === undefined) return [item as string];
    ctx.addIssue({ code: "custom", path: Array.isArray(value) ? [i] : [], message: problem });
    return [];
  });
});
// Checked in tagProblems, which runs whatever the values are, so that every problem is said at once.
const accountTags = z.record(z.string(), tagValues);

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

/** The keys (valid, not "aws:", not `__proto__`), the number of conditions, empty lists, repeated values. */
function tagProblems(tags: unknown, out: string[]): void {
  if (!isRecord(tags)) return;
  if (Object.prototype.hasOwnProperty.call(tags, "__proto__")) {
    out.push(
      'accountTags.__proto__: "__proto__" cannot be a tag key here: the Pulumi SDK drops a key of that name, ' +
        "so the component would never see the condition",
    );
  }
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAG_CONDITIONS)
    out.push(
      `accountTags: has ${keys.length} tag keys; an account carries at most ${MAX_TAG_CONDITIONS} tags`,
    );
  for (const key of keys) {
    const at = formatPath(["accountTags", key]);
    const keyProblem =
      !modelAccepts("TagKey", key) || hiddenIn(key) !== undefined
        ? `${show(key)} is not a valid tag key: AWS allows 1 to 128 ${MODEL.TagKey.allows.replace(" only", "")}`
        : key.toLowerCase().startsWith("aws:")
          ? `${show(key)} uses the "aws:" prefix, which AWS reserves: no account carries such a tag of yours`
          : nameProblem(key, "words");
    if (keyProblem) out.push(`${at}: ${keyProblem}`);
    const values = tags[key];
    if (!Array.isArray(values)) continue;
    if (values.length === 0)
      out.push(
        `${at}: is an empty list, which no account's tag matches: list the values any of which it may carry`,
      );
    // Tag values are case-sensitive (Organizations), so "Prod" and "prod" are two values, not a repeat.
    const duplicate = repeats(out, { ignoreCase: false });
    values.forEach((v, i) => duplicate("value", v, formatPath(["accountTags", key, i])));
  }
}
