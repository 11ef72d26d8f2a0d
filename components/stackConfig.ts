// Stack config as the Pulumi CLI hands it to a program, as pure functions, so that the offline plan reads a
// stack file exactly as a run would and the tests hold every stack file to the CLI's own rules. Read from
// pulumi/pulumi (2026-08):
// - sdk/go/common/resource/config/key.go ParseKey: a stack key is `<namespace>:<name>`, else an error;
// - sdk/go/common/resource/config/object.go MarshalString: a scalar reaches the program as a string
//   (true -> "true", 4 -> "4"), a list or map as JSON; `{secure: ...}` is an encrypted value;
// - sdk/go/common/workspace/project.go Project.Validate and ValidateConfigValue: declared types, arrays
//   need `items`, a default must have its declared type; `object` is accepted since CLI 3.187.0;
// - pkg/workspace/config.go mergeConfig: a project key with neither `default` nor `value` is required on
//   every stack, a stack value is checked against its declared type, defaults are merged in.
import { parse } from "yaml";
import { AdminAccessConfigError, CONFIG_KEYS, configProblems, editDistance, UNSET_DEFAULTS } from "./config";
import { isRecord } from "./values";

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
}

/** The config a program receives: flat `namespace:key` to string, and which keys are secrets. */
export interface EngineConfig {
  config: Record<string, string>;
  /** Keys stored encrypted (`secure:`); offline their plaintext is unknown, so their value is "". */
  secretKeys: string[];
  /** What the CLI would refuse before the program runs, in its own words. */
  problems: string[];
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
  return { name: doc.name, config };
}

const typeName = (type: string, items?: ProjectConfigItems): string =>
  type === "array" && items ? `array<${typeName(items.type, items.items)}>` : type;

/** ValidateConfigValue: does a value, as the CLI holds it, have the declared type? */
export function hasConfigType(type: string, items: ProjectConfigItems | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      // Go's strconv.Atoi: an optional sign and decimal digits.
      return (
        (typeof value === "number" && Number.isInteger(value)) ||
        (typeof value === "string" && /^[+-]?\d+$/.test(value))
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

const isSecure = (v: unknown): boolean =>
  isRecord(v) && Object.keys(v).length === 1 && typeof v.secure === "string";
const containsSecure = (v: unknown): boolean =>
  isSecure(v) ||
  (Array.isArray(v) ? v.some(containsSecure) : isRecord(v) && Object.values(v).some(containsSecure));

function held(value: unknown): HeldValue {
  if (isSecure(value)) return { text: "", object: false, secure: true };
  if (value !== null && typeof value === "object") {
    return { text: JSON.stringify(value), object: true, secure: containsSecure(value) };
  }
  return { text: value === null || value === undefined ? "" : String(value), object: false, secure: false };
}

/** ParseKey: `<namespace>:<name>`, or the old `<namespace>:config:<name>`. */
export function parseConfigKey(key: string): string | undefined {
  const parts = key.split(":");
  if (parts.length === 2) return key;
  if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
  return undefined;
}

/** A key's namespace-qualified form inside Pulumi.yaml, where a short key is the project's own. */
const projectKey = (project: string, key: string) => (key.includes(":") ? key : `${project}:${key}`);

/**
 * The config that `pulumi up` hands the program for a stack file, and every problem the CLI would raise
 * first. Offline, secure values cannot be decrypted: they are named in `secretKeys` with an empty value.
 */
export function engineConfig(project: Project, stackYaml: string, stackName: string): EngineConfig {
  const problems = projectProblems(project);
  const doc: unknown = parse(stackYaml);
  const raw = isRecord(doc) ? (doc.config ?? {}) : (doc ?? {});
  const values = new Map<string, HeldValue>();
  if (!isRecord(raw)) {
    problems.push("the stack file's config: is not a map of keys to values");
  } else {
    for (const [key, value] of Object.entries(raw)) {
      const parsed = parseConfigKey(key);
      if (!parsed) {
        problems.push(
          `could not parse ${key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`,
        );
      } else values.set(parsed, held(value));
    }
  }

  const missing: string[] = [];
  for (const key of Object.keys(project.config).sort()) {
    const t = project.config[key];
    const full = projectKey(project.name, key);
    const found = values.get(full);
    const fallback = t.default ?? t.value;
    if (!found) {
      if (fallback !== undefined) values.set(full, held(fallback));
      else if (full.startsWith(`${project.name}:`)) missing.push(key);
      continue;
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
    problems.push(
      `Stack '${stackName}' is missing configuration value${missing.length === 1 ? "" : "s"} ${list}`,
    );
  }
  return {
    config: Object.fromEntries([...values].map(([key, v]) => [key, v.text])),
    secretKeys: [...values].filter(([, v]) => v.secure).map(([key]) => key),
    problems,
    environment: isRecord(doc) && doc.environment !== undefined && doc.environment !== null,
  };
}

/**
 * The raw admin-access settings in a flat config map: every key of the project's namespace, unknown ones
 * included so that validation reports a typo instead of dropping it. A value equal to the project's
 * declared default (the CLI merges those into every stack) means the key was not set. Values are not
 * validated here.
 */
export function adminAccessSettings(all: Record<string, string>, project: string): Record<string, unknown> {
  const prefix = `${project}:`;
  const settings: Record<string, unknown> = {};
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

/**
 * The program's settings from the config it was handed, with every problem at once: namespace slips and
 * the config's own. `secretKeys` are the keys the engine holds encrypted; their settings stay secret.
 */
export function stackSettings(
  all: Record<string, string>,
  project: string,
  secretKeys: readonly string[],
): Record<string, unknown> {
  const settings = adminAccessSettings(all, project);
  const prefix = `${project}:`;
  const secret = secretKeys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  if (secret.length > 0) {
    const listed = Array.isArray(settings.secretSettings) ? (settings.secretSettings as unknown[]) : [];
    settings.secretSettings = [...new Set([...listed, ...secret])];
  }
  const problems = [...namespaceSlips(Object.keys(all), project), ...configProblems(settings)];
  if (problems.length > 0) throw new AdminAccessConfigError(problems);
  return settings;
}
