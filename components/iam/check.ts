// IAM policies held against the Service Authorization Reference (catalog.ts): the oracle the tests apply
// to every policy the project writes or ships, and the meaning checks a guardrail gets before it is sent.

import { closest } from "../text";
import { isRecord } from "../values";
import {
  actionsOf,
  expandAction,
  globalConditionKeys,
  isKnownConditionKey,
  knownConditionKeys,
  resourceMatchesAll,
  resourceMatchesFormat,
  resourceTypesOf,
  servicePrefixes,
  supportsConditionKey,
} from "./catalog";

interface Statement {
  /** `Statement[2]`, or `Statement` when the policy has a single one. */
  path: string;
  /** The path and the Sid, as a finding names the statement. */
  label: string;
  effect: unknown;
  /** `listed` when the element is a list, so that paths say `Action[1]`. */
  actions: { key: "Action" | "NotAction"; entries: string[]; listed: boolean } | undefined;
  resources: { key: "Resource" | "NotResource"; entries: string[] } | undefined;
  principal: boolean;
  /** Each condition key with its operator. */
  conditions: { operator: string; key: string }[];
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x) => typeof x === "string");

function statementsOf(policy: unknown): Statement[] {
  if (!isRecord(policy)) return [];
  const many = Array.isArray(policy.Statement);
  const raw: unknown[] = many ? (policy.Statement as unknown[]) : [policy.Statement];
  return raw.filter(isRecord).map((s, i) => {
    const path = many ? `Statement[${i}]` : "Statement";
    const actionKey = s.Action !== undefined ? "Action" : s.NotAction !== undefined ? "NotAction" : undefined;
    const resourceKey =
      s.Resource !== undefined ? "Resource" : s.NotResource !== undefined ? "NotResource" : undefined;
    const condition = isRecord(s.Condition) ? s.Condition : {};
    return {
      path,
      label: typeof s.Sid === "string" && s.Sid ? `${path} (${s.Sid})` : path,
      effect: s.Effect,
      actions: actionKey && {
        key: actionKey,
        entries: list(s[actionKey]),
        listed: Array.isArray(s[actionKey]),
      },
      resources: resourceKey && { key: resourceKey, entries: list(s[resourceKey]) },
      principal: s.Principal !== undefined || s.NotPrincipal !== undefined,
      conditions: Object.entries(condition).flatMap(([operator, keys]) =>
        isRecord(keys) ? Object.keys(keys).map((key) => ({ operator, key })) : [],
      ),
    };
  });
}

const isWildcard = (entry: string) => /[*?]/.test(entry);
const prefixOf = (entry: string) => entry.slice(0, entry.indexOf(":"));

/** Why an Action entry names no action, with the nearest known spelling; undefined when it names some. */
function unknownAction(entry: string): string | undefined {
  if (entry === "*") return undefined;
  const colon = entry.indexOf(":");
  if (colon <= 0) return `"${entry}" is not service:action`;
  const prefix = entry.slice(0, colon);
  const actions = actionsOf(prefix);
  if (!actions) {
    const [service] = closest(prefix, servicePrefixes(), 1);
    return `unknown service prefix "${prefix}"${service ? `; did you mean ${service}?` : ""}`;
  }
  if (expandAction(entry).length > 0) return undefined;
  const names = Object.values(actions).map((a) => `${prefix}:${a.name}`);
  const [near] = closest(entry, names, 1);
  return `no such action${isWildcard(entry) ? " matches" : ""} "${entry}"${near ? `; did you mean ${near}?` : ""}`;
}

/**
 * Every way a policy is not what AWS would enforce: an action that does not exist; in an Allow statement
 * with Resource, a resource type an action requires that no Resource entry matches in that type's ARN
 * format (the call would be denied); a condition key the action does not support and that is not
 * global (the condition could never match as written). Each names the policy, the statement and the
 * action. Wildcard actions need only match some action and support the key for some of them, since a
 * statement grants `s3:Get*` on a bucket for the actions that act on buckets.
 */
export function policyFindings(name: string, policy: unknown): string[] {
  const findings: string[] = [];
  for (const s of statementsOf(policy)) {
    const at = `${name} ${s.label}`;
    for (const entry of s.actions?.entries ?? []) {
      const unknown = unknownAction(entry);
      if (unknown) {
        findings.push(`${at}: ${entry}: ${unknown}`);
        continue;
      }
      const actions = entry === "*" ? [] : expandAction(entry);
      const prefix = prefixOf(entry);
      if (
        s.effect === "Allow" &&
        s.actions?.key === "Action" &&
        s.resources?.key === "Resource" &&
        !isWildcard(entry)
      ) {
        const [action] = actions;
        const required = action.resourceTypes.filter((r) => r.required);
        if (action.resourceTypes.length === 0 && !s.resources.entries.some(resourceMatchesAll)) {
          findings.push(`${at}: ${entry}: takes no resource-level permission, so its Resource must be "*"`);
        }
        const types = resourceTypesOf(prefix);
        for (const type of required) {
          const format = types[type.name.toLowerCase()]?.arn;
          if (format && !s.resources.entries.some((r) => resourceMatchesFormat(r, format))) {
            findings.push(
              `${at}: ${entry}: requires resource type ${type.name} (${format}); no Resource entry matches it`,
            );
          }
        }
      }
      for (const { operator, key } of s.conditions) {
        const supported =
          entry === "*"
            ? isKnownConditionKey(key)
            : actions.some((a) => supportsConditionKey(prefix, a, key));
        if (!supported) {
          findings.push(
            `${at}: ${entry}: does not support the condition key ${key} (${operator}), which is not global`,
          );
        }
      }
    }
    if (!s.actions) findings.push(`${at}: has neither Action nor NotAction`);
    if (!s.resources && !s.principal) findings.push(`${at}: has neither Resource nor NotResource`);
  }
  return findings;
}

/**
 * A guardrail's actions and condition keys that no AWS service defines, each with its path under `at`
 * and the nearest known spelling: a typo in a Deny denies nothing, and nothing else would say so.
 */
export function guardrailProblems(policy: unknown, at: string): string[] {
  const problems: string[] = [];
  for (const s of statementsOf(policy)) {
    const here = `${at}.${s.path}`;
    if (s.actions) {
      const { key, entries, listed } = s.actions;
      entries.forEach((entry, j) => {
        const unknown = unknownAction(entry);
        if (unknown) problems.push(`${here}.${key}${listed ? `[${j}]` : ""}: ${unknown}`);
      });
    }
    for (const { operator, key } of s.conditions) {
      if (isKnownConditionKey(key)) continue;
      const [near] = closest(key, [...globalConditionKeys(), ...knownConditionKeys(key)], 1);
      problems.push(
        `${here}.Condition.${operator}.${key}: unknown condition key${near ? `; did you mean ${near}?` : ""}`,
      );
    }
  }
  return problems;
}
