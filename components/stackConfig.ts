// Stack config as the Pulumi CLI hands it to a program, as pure functions, so that the offline plan reads a
// stack file exactly as a run would. Read from pulumi/pulumi v3.274.1 (the version CI builds):
// - sdk/go/common/workspace/loaders.go LoadProjectStackBytes: the file is decoded by gopkg.in/yaml.v3
//   (components/goYaml.ts), then stackConfigNamespacedWithProject makes a bare key the project's;
// - sdk/go/common/resource/config/key.go ParseKey: `<namespace>:<name>`, or `<namespace>:config:<name>`
//   for the same key, anything else is an error; map.go Map.UnmarshalYAML parses every key;
// - sdk/go/common/resource/config/object.go MarshalString: a scalar reaches the program as a string
//   (true -> "true", 4 -> "4"), a list or map as JSON; `{secure: ...}` is an encrypted value;
// - sdk/go/common/workspace/project.go Project.Validate and ValidateConfigValue: declared types, arrays
//   need `items`, a default must have its declared type; `object` is accepted since CLI 3.187.0;
// - pkg/workspace/config.go mergeConfig: a project key with neither `default` nor `value` is required on
//   every stack, a stack value is checked against its declared type, defaults are merged in.
// tests/cli/ holds this reader to the real CLI on generated stack files.
import { parse } from "yaml";
import { CONFIG_KEYS, configProblems, editDistance, UNSET_DEFAULTS } from "./config";
import { decodeStackYaml, Entry, GoMap, GoValue, goJson, hasNonFinite, hasSecure } from "./goYaml";
import { dictionary, isRecord } from "./values";

export interface ProjectConfigItems {
  type: string;
  items?: ProjectConfigItems;
}

/** One key of Pulumi.yaml's `config:`, as the CLI reads it. */
export interface ProjectConfigType {
  type?: string;
  items?: ProjectConfigItems;
  description?: string;
  default?: unknown;
  value?: unknown;
  secret?: boolean;
}

export interface Project {
  name: string;
  config: Record<string, ProjectConfigType>;
  /** Where the CLI reads stack files, relative to Pulumi.yaml (its `stackConfigDir`); "" for beside it. */
  stackConfigDir: string;
}

/** The config a program receives: flat `namespace:key` to string, and which keys are secrets. */
export interface EngineConfig {
  config: Record<string, string>;
  /** Keys stored encrypted (`secure:`); offline their plaintext is unknown, so their value is "". */
  secretKeys: string[];
  /** What the CLI would refuse before the program runs, in its own words. */
  problems: string[];
  /** Keys written in two spellings, whose value the CLI picks at random: refused, never guessed. */
  ambiguous: string[];
  /** The stack file imports a Pulumi ESC environment, whose values only the CLI can resolve. */
  environment: boolean;
}

const TYPES = ["string", "integer", "boolean", "array", "object"];

/** Reads Pulumi.yaml: its name and config declarations; a short key is in the project's namespace. */
export function parseProject(yamlText: string): Project {
  const doc: unknown = parse(yamlText);
  if (!isRecord(doc) || typeof doc.name !== "string") throw new Error("Pulumi.yaml has no project name");
  const config: Record<string, ProjectConfigType> = {};
  for (const [key, value] of Object.entries(isRecord(doc.config) ? doc.config : {})) {
    // A bare value is shorthand: a `default` for a project key, a `value` for another namespace's key.
    config[key] = isRecord(value)
      ? (value as ProjectConfigType)
      : { [key.includes(":") ? "value" : "default"]: value };
  }
  const dir = typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : "";
  return { name: doc.name, config, stackConfigDir: dir === "." ? "" : dir };
}

const typeName = (type: string, items?: ProjectConfigItems): string =>
  type === "array" && items ? `array<${typeName(items.type, items.items)}>` : type;

/** ValidateConfigValue: does a value, as the CLI holds it, have the declared type? */
export function hasConfigType(type: string, items: ProjectConfigItems | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      // A whole JSON number, or a string Go's strconv.Atoi takes: a sign, decimal digits, within int64.
      return (
        (typeof value === "number" && Number.isInteger(value)) ||
        (typeof value === "string" &&
          /^[+-]?\d+$/.test(value) &&
          BigInt(value) >= -(2n ** 63n) &&
          BigInt(value) < 2n ** 63n)
      );
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "object":
      return isRecord(value);
    default:
      return (
        Array.isArray(value) &&
        items !== undefined &&
        value.every((v) => hasConfigType(items.type, items.items, v))
      );
  }
}

/** Project.Validate, and the project schema's type names: what makes the CLI refuse Pulumi.yaml itself. */
export function projectProblems(project: Project): string[] {
  const problems: string[] = [];
  for (const [key, t] of Object.entries(project.config)) {
    if (t.default !== undefined && t.value !== undefined) {
      problems.push(`project config '${key}' cannot have both a 'default' and 'value' attribute`);
    }
    const own = !key.includes(":") || key.startsWith(`${project.name}:`);
    if (!own) {
      if (t.type !== undefined)
        problems.push(
          `Configuration key '${key}' is not namespaced by the project and should not define a type`,
        );
      if (t.value === undefined)
        problems.push(`Configuration key '${key}' is namespaced and must provide an attribute 'value'`);
      continue;
    }
    for (let items: ProjectConfigItems | undefined = t as ProjectConfigItems; items; items = items.items) {
      if (items.type !== undefined && !TYPES.includes(items.type)) {
        problems.push(`config.${key}: type '${items.type}' is not one of ${TYPES.join(", ")}`);
      }
    }
    if (t.type === "array" && t.items === undefined) {
      problems.push(
        `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
      );
    } else if (
      t.type !== undefined &&
      t.default !== undefined &&
      !hasConfigType(t.type, t.items, t.default)
    ) {
      problems.push(
        `The default value specified for configuration key '${key}' is not of the expected type '${typeName(t.type, t.items)}'`,
      );
    }
  }
  return problems;
}

/** A value as the CLI holds it: the string the program gets, whether it is JSON, whether encrypted. */
interface HeldValue {
  text: string;
  object: boolean;
  secure: boolean;
}

/** object.go MarshalString: what a decoded value becomes; null is "" (a null node leaves config.Value zero). */
function held(value: GoValue): HeldValue {
  if (value === null) return { text: "", object: false, secure: false };
  if (typeof value === "string") return { text: value, object: false, secure: false };
  if (typeof value === "boolean") return { text: String(value), object: false, secure: false };
  if (Array.isArray(value) || value instanceof GoMap) {
    return { text: goJson(value), object: true, secure: hasSecure(value) };
  }
  if ("secure" in value) return { text: "", object: false, secure: true };
  return { text: goJson(value), object: false, secure: false };
}

/** A default from Pulumi.yaml as the CLI holds it (pkg/workspace/config.go createConfigValue). */
const heldDefault = (value: unknown): HeldValue =>
  typeof value === "string" ||
  typeof value === "boolean" ||
  (typeof value === "number" && Number.isInteger(value))
    ? { text: String(value), object: false, secure: false }
    : { text: JSON.stringify(value), object: true, secure: false };

/** ParseKey (key.go): `<namespace>:<name>`, or the old `<namespace>:config:<name>`. */
export function parseConfigKey(key: string): string | undefined {
  const parts = key.split(":");
  if (parts.length === 2) return key;
  if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
  return undefined;
}

/**
 * A stack key as the CLI names it: a bare key is the project's (workspace/loaders.go
 * stackConfigNamespacedWithProject, since CLI 3.38), `ns:config:name` is `ns:name` (key.go ParseKey).
 */
export const stackKey = (project: string, key: string): string | undefined =>
  key.includes(":") ? parseConfigKey(key) : `${project}:${key}`;

/** A key's namespace-qualified form inside Pulumi.yaml, where a short key is the project's own. */
const projectKey = (project: string, key: string) => (key.includes(":") ? key : `${project}:${key}`);

/**
 * Two spellings of one key. The CLI rewrites a bare key into a fresh Go map (loaders.go) and parses
 * `ns:config:name` into a second one (map.go Map.UnmarshalYAML); Go visits map entries in random order,
 * so which spelling's value reaches the program changes from run to run. Each is named with its line.
 */
function spellingProblems(entries: readonly Entry[], project: string): string[] {
  const spellings = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = stackKey(project, entry.key);
    if (key !== undefined) spellings.set(key, [...(spellings.get(key) ?? []), entry]);
  }
  return [...spellings]
    .filter(([, written]) => written.length > 1)
    .map(
      ([key, written]) =>
        `${key} is written ${written.length} ways: ` +
        written.map((e) => `${e.key} (line ${e.line})`).join(", ") +
        "; the Pulumi CLI hands the program one of them at random, so keep exactly one",
    );
}

/** The keys a stack file's text writes in two spellings (see spellingProblems). */
export const ambiguousKeys = (stackYaml: string, project: string): string[] =>
  spellingProblems(decodeStackYaml(stackYaml).config ?? [], project);

/**
 * The config that `pulumi up` hands the program for a stack file, and every problem the CLI would raise
 * first. Offline, secure values cannot be decrypted: they are named in `secretKeys` with an empty value.
 */
export function engineConfig(project: Project, stackYaml: string, stackName: string): EngineConfig {
  const problems = projectProblems(project);
  const doc = decodeStackYaml(stackYaml);
  problems.push(...doc.problems);
  const entries = doc.config ?? [];
  const ambiguous = spellingProblems(entries, project.name);
  const values = new Map<string, HeldValue>();
  for (const entry of entries) {
    const key = stackKey(project.name, entry.key);
    if (!key) {
      problems.push(
        `could not parse ${entry.key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`,
      );
    } else if (hasNonFinite(entry.value)) {
      problems.push(
        `${entry.key} (line ${entry.line}): .nan and .inf cannot be config values (json: unsupported value)`,
      );
    } else values.set(key, held(entry.value));
  }
  problems.push(...mergeProblems(project, values, stackName));
  const root = doc.root instanceof GoMap ? doc.root : undefined;
  const environment = root?.get("environment");
  return {
    config: Object.fromEntries([...values].map(([key, v]) => [key, v.text])),
    secretKeys: [...values].filter(([, v]) => v.secure).map(([key]) => key),
    problems,
    ambiguous,
    environment: environment !== undefined && environment !== null,
  };
}

/**
 * pkg/workspace/config.go mergeConfig: project defaults and values fill keys the stack leaves out (in
 * `values`); a project key with neither is required; a typed key's stack value must have its type. The CLI
 * stops at the first of these (sorted by key); every one is returned here.
 */
function mergeProblems(project: Project, values: Map<string, HeldValue>, stackName: string): string[] {
  const problems: string[] = [];
  const missing: string[] = [];
  for (const key of Object.keys(project.config).sort()) {
    const t = project.config[key];
    const full = projectKey(project.name, key);
    const found = values.get(full);
    const fallback = t.default ?? t.value;
    if (!found) {
      if (fallback !== undefined && fallback !== null) values.set(full, heldDefault(fallback));
      else if (full.startsWith(`${project.name}:`)) missing.push(key);
      continue;
    }
    if (t.secret && !found.secure) {
      problems.push(`Stack '${stackName}' with configuration key '${key}' must be encrypted as it's secret`);
    }
    // The CLI decrypts before checking; offline a secret's type cannot be known.
    if (t.type === undefined || found.secure) continue;
    const content: unknown = found.object ? JSON.parse(found.text) : found.text;
    if (!hasConfigType(t.type, t.items, content)) {
      problems.push(
        `Stack '${stackName}' with configuration key '${key}' must be of type '${typeName(t.type, t.items)}'`,
      );
    }
  }
  if (missing.length > 0) {
    const names = missing.map((k) => `'${k}'`);
    const last = names.pop() as string;
    const list = names.length === 0 ? last : `${names.join(", ")} and ${last}`;
    problems.unshift(
      `Stack '${stackName}' is missing configuration value${missing.length === 1 ? "" : "s"} ${list}`,
    );
  }
  return problems;
}

/**
 * The raw admin-access settings in a flat config map: every key of the project's namespace, unknown ones
 * included so that validation reports a typo instead of dropping it. A value equal to the project's
 * declared default (the CLI merges those into every stack) means the key was not set. Values are not
 * validated here.
 */
export function adminAccessSettings(all: Record<string, string>, project: string): Record<string, unknown> {
  const prefix = `${project}:`;
  const settings = dictionary<unknown>();
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (name in UNSET_DEFAULTS && value === cliText(UNSET_DEFAULTS[name])) continue;
    settings[name] = STRING_KEYS.has(name) || !CONFIG_KEYS.includes(name) ? value : parseJson(value);
  }
  return settings;
}

/** How the CLI turns a default into the string the program receives (config.go createConfigValue). */
export const cliText = (value: unknown): string =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value);

/** Keys whose values are plain strings even when they look like JSON (a numeric-looking ID stays a string). */
const STRING_KEYS = new Set(["instanceArn", "identityStoreId", "accessPortalUrl"]);

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value; // not JSON: left as the string it is, for validation to name
  }
}

/**
 * Keys that look meant for this program but are not in its namespace: a namespace one slip away from the
 * project's (edit distance 2 or less, ignoring case and `_` for `-`), or one of this program's key names
 * under another namespace. Either would be silently ignored, and an ignored exclusion over-grants.
 */
export function namespaceSlips(keys: Iterable<string>, project: string): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/_/g, "-");
  const problems: string[] = [];
  for (const key of keys) {
    const at = key.indexOf(":");
    if (at < 0) continue;
    const [namespace, name] = [key.slice(0, at), key.slice(at + 1)];
    if (namespace === project) continue;
    if (editDistance(norm(namespace), norm(project)) <= 2) {
      problems.push(
        `${key}: the namespace "${namespace}" is not "${project}", so this key would be ignored; write ${project}:${name}`,
      );
    } else if (CONFIG_KEYS.includes(name)) {
      problems.push(
        `${key}: "${name}" is a key of this program, but under the "${namespace}" namespace it would be ignored; write ${project}:${name}`,
      );
    }
  }
  return problems;
}

/** The program's settings from the config it was handed, and the slips found beside them (not validated). */
export interface StackSettings {
  settings: Record<string, unknown>;
  /** Keys under a namespace that is not the program's but looks meant for it. */
  slips: string[];
}

/**
 * The program's settings from the config it was handed. `secretKeys` are the keys the engine holds
 * encrypted; their settings stay secret. Validation is the caller's, once, so that it runs in one place.
 */
export function stackSettings(
  all: Record<string, string>,
  project: string,
  secretKeys: readonly string[],
): StackSettings {
  const settings = adminAccessSettings(all, project);
  const prefix = `${project}:`;
  const secret = secretKeys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  if (secret.length > 0) {
    const listed = Array.isArray(settings.secretSettings) ? (settings.secretSettings as unknown[]) : [];
    settings.secretSettings = [...new Set([...listed, ...secret])];
  }
  return { settings, slips: namespaceSlips(Object.keys(all), project) };
}

/** Slips and, so that every problem shows at once, the settings' own problems; empty when there is no slip. */
export const slipProblems = ({ settings, slips }: StackSettings): string[] =>
  slips.length > 0 ? [...slips, ...configProblems(settings)] : [];
