// The admin permission set's guardrails, validated before anything reaches AWS: an identity-based IAM
// policy document (its grammar and AWS's size limits for a permission set's inline policy) and the
// names and paths of customer-managed policies.

import { CONDITION_OPERATORS, isConditionOperator, resourceProblem } from "./iam/grammar";
import { policyBytes } from "./iam/policySize";
import { hiddenIn, isRecord, show, visible } from "./values";

/** AWS's limits for a permission set's inline policy: bytes as the provider sends it, and non-whitespace characters. */
export const INLINE_POLICY_MAX_CHARS = 32768;
export const INLINE_POLICY_MAX_NON_WHITESPACE = 10240;

export const POLICY_KEYS = ["Version", "Id", "Statement"];
export const STATEMENT_KEYS = [
  "Sid",
  "Effect",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
];

/**
 * The policy as the program hands it to the provider: compact JSON, characters beyond Latin-1 as \u escapes.
 * Those escapes do not reach AWS: the provider re-encodes the document (iam/policySize.ts) and sends such
 * characters raw, which PermissionSetPolicyDocument's pattern refuses, so validation refuses them first.
 */
export const serializePolicy = (policy: unknown): string =>
  JSON.stringify(policy)
    .split("") // UTF-16 code units: a character beyond the BMP becomes its two escaped surrogates
    .map((c) => (c.charCodeAt(0) > 0xff ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c))
    .join("");

const sortedKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortedKeys)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
        )
      : value;

/**
 * A policy as JSON with its keys sorted, for comparing: key order is no difference to AWS or the provider
 * (SuppressEquivalentPolicyDiffs on inline_policy, permission_set_inline_policy.go), and the CLI hands object
 * config to the program with its keys sorted.
 */
export const comparablePolicy = (policy: unknown): string => JSON.stringify(sortedKeys(policy));

/** Every problem with an identity-based policy document, each with its path under `at`. */
export function policyProblems(policy: unknown, at: string): string[] {
  if (!isRecord(policy))
    return [`${at}: ${show(policy)} is not a policy document (an object with Version and Statement)`];
  const problems: string[] = [];
  for (const key of Object.keys(policy).filter((k) => !POLICY_KEYS.includes(k))) {
    problems.push(`${at}.${key}: unknown policy element; allowed here: ${POLICY_KEYS.join(", ")}`);
  }
  if (policy.Version !== "2012-10-17" && policy.Version !== "2008-10-17") {
    problems.push(
      `${at}.Version: ${show(policy.Version)} is not valid: expected "2012-10-17" (or "2008-10-17")`,
    );
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  if (policy.Statement === undefined || (Array.isArray(policy.Statement) && policy.Statement.length === 0)) {
    problems.push(`${at}.Statement: is required: one statement or a non-empty list of them`);
  } else {
    const sids = new Map<string, string>();
    statements.forEach((statement, i) => {
      const here = Array.isArray(policy.Statement) ? `${at}.Statement[${i}]` : `${at}.Statement`;
      problems.push(...statementProblems(statement, here, sids));
    });
  }
  walkStrings(policy, at, (path, value) => {
    const hidden = hiddenIn(value);
    if (hidden)
      problems.push(`${path}: contains a control or invisible character (${visible(hidden)}); remove it`);
    const wide = [...value].find((c) => (c.codePointAt(0) as number) > 0xff);
    if (wide) problems.push(`${path}: ${beyondLatin1(wide)}`);
  });
  const text = serializePolicy(policy);
  const bytes = policyBytes(text);
  if (bytes > INLINE_POLICY_MAX_CHARS) {
    problems.push(
      `${at}: is ${bytes} bytes as the provider sends it (<, > and & count 6 each); AWS allows at most ${INLINE_POLICY_MAX_CHARS}`,
    );
  }
  const dense = text.replace(/\s/g, "").length;
  if (dense > INLINE_POLICY_MAX_NON_WHITESPACE) {
    problems.push(
      `${at}: has ${dense} characters other than whitespace; AWS allows at most ${INLINE_POLICY_MAX_NON_WHITESPACE}`,
    );
  }
  return problems;
}

function statementProblems(statement: unknown, at: string, sids: Map<string, string>): string[] {
  if (!isRecord(statement))
    return [`${at}: ${show(statement)} is not a statement (an object with Effect, Action and Resource)`];
  const problems: string[] = [];
  for (const key of Object.keys(statement).filter((k) => !STATEMENT_KEYS.includes(k))) {
    problems.push(
      key === "Principal" || key === "NotPrincipal"
        ? `${at}.${key}: an identity policy has no ${key}: it applies to whoever holds the permission set`
        : `${at}.${key}: unknown statement element; allowed here: ${STATEMENT_KEYS.join(", ")}`,
    );
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
    problems.push(`${at}.Effect: ${show(statement.Effect)} is not valid: expected "Allow" or "Deny"`);
  }
  for (const [one, other] of [
    ["Action", "NotAction"],
    ["Resource", "NotResource"],
  ]) {
    const has = [one, other].filter((k) => statement[k] !== undefined);
    if (has.length !== 1) {
      problems.push(`${at}: needs exactly one of ${one} and ${other}${has.length === 2 ? ", not both" : ""}`);
    }
    for (const key of has) {
      const value = statement[key];
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0 || !list.every((v) => typeof v === "string" && v.length > 0)) {
        problems.push(
          `${at}.${key}: ${show(value)} is not valid: expected a string or a non-empty list of strings`,
        );
      } else if (one === "Resource") {
        list.forEach((entry: string, i) => {
          const why = resourceProblem(entry);
          if (why)
            problems.push(`${at}.${key}${Array.isArray(value) ? `[${i}]` : ""}: ${show(entry)} ${why}`);
        });
      }
    }
  }
  problems.push(...conditionProblems(statement.Condition, `${at}.Condition`));
  if (statement.Sid !== undefined) {
    if (typeof statement.Sid !== "string" || !/^[A-Za-z0-9]*$/.test(statement.Sid)) {
      problems.push(`${at}.Sid: ${show(statement.Sid)} is not valid: expected letters and digits only`);
    } else {
      const first = sids.get(statement.Sid);
      if (first)
        problems.push(`${at}.Sid: "${statement.Sid}" repeats ${first}.Sid; each Sid may appear once`);
      else sids.set(statement.Sid, at);
    }
  }
  return problems;
}

/** The Condition element: an object of known operators, each an object of condition keys. */
function conditionProblems(condition: unknown, at: string): string[] {
  if (condition === undefined) return [];
  if (!isRecord(condition)) return [`${at}: ${show(condition)} is not an object of condition operators`];
  const problems: string[] = [];
  for (const [operator, keys] of Object.entries(condition)) {
    const here = `${at}.${visible(operator)}`;
    if (!isConditionOperator(operator)) {
      problems.push(
        `${here}: unknown condition operator; AWS's are ${CONDITION_OPERATORS.join(", ")}, each also ` +
          "with IfExists at the end, and Null; ForAllValues: or ForAnyValue: may lead any of them",
      );
    } else if (!isRecord(keys)) {
      problems.push(`${here}: ${show(keys)} is not an object of condition keys and their values`);
    }
  }
  return problems;
}

function walkStrings(value: unknown, at: string, visit: (path: string, value: string) => void): void {
  if (typeof value === "string") visit(at, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${at}[${i}]`, visit));
  else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      const wide = [...k].find((c) => (c.codePointAt(0) as number) > 0xff);
      if (wide) visit(`${at}.${k}`, k);
      walkStrings(v, `${at}.${k}`, visit);
    }
  }
}

/**
 * botocore sso-admin 2020-07-20 PermissionSetPolicyDocument: pattern [\u0009\u000A\u000D\u0020-\u00FF]+;
 * the provider sends the character itself even when the JSON escapes it.
 */
const beyondLatin1 = (c: string) =>
  `contains ${show(c)} (U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}), ` +
  "beyond Latin-1: AWS accepts only Latin-1 characters in an inline policy, escaped or not; remove it";

/** A customer-managed policy's reference as config writes it and the child name keys it by. */
export const policyKey = (ref: { name: string; path: string }) => `${ref.path}${ref.name}`;

/**
 * A Deny of every action that applies only when its condition holds (MFA, source IP, time): whether the
 * admins' Identity Center sessions meet it cannot be judged offline, and if they do it locks them out. IAM
 * matches action names case-insensitively.
 */
export function conditionalDenyAll(statement: unknown): boolean {
  if (!isRecord(statement) || statement.Effect !== "Deny" || statement.Condition === undefined) return false;
  if (statement.NotAction !== undefined) return true;
  const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  return actions.some((a) => typeof a === "string" && (a === "*" || a === "*:*"));
}
