// Stack config as the Pulumi engine hands it to a program: a flat map of "namespace:key" to a string,
// where structured values are JSON. Pure, so the offline plan reads a stack file exactly as a run would.
import { parse } from "yaml";
import { CONFIG_KEYS } from "./config";

/** Keys whose values are plain strings even when they look like JSON (a numeric-looking ID stays a string). */
const STRING_KEYS = new Set(["instanceArn", "identityStoreId", "accessPortalUrl"]);

/** The engine's view of a Pulumi.<stack>.yaml: keys namespaced, structured values as JSON strings. */
export function stackFileConfig(yamlText: string, project: string): Record<string, string> {
  const doc: unknown = parse(yamlText);
  const config = (doc as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new Error("the stack file's config: is not a map of keys to values");
  }
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key.includes(":") ? key : `${project}:${key}`,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

/**
 * The raw admin-access settings in a flat config map: every key of the project's namespace, unknown ones
 * included so that validation reports a typo instead of dropping it. Values are not validated here.
 */
export function adminAccessSettings(all: Record<string, string>, project: string): Record<string, unknown> {
  const prefix = `${project}:`;
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    settings[name] = STRING_KEYS.has(name) || !CONFIG_KEYS.includes(name) ? value : parseJson(value);
  }
  return settings;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value; // not JSON: left as the string it is, for validation to name
  }
}
