// How config problems are worded: the path as written, the bad value, what is allowed; and the trackers
// the section rules share (repeats, settings that "existing" makes meaningless, unknown keys).
import { editDistance } from "../text";
import { isRecord, show, visible } from "../values";

/** Renders a path the way it is written in config: `admins[1].email`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path
      // A key is config content too (a tag key): hidden characters shown escaped.
      .map((part, i) =>
        typeof part === "number"
          ? `[${part}]`
          : i === 0
            ? visible(String(part))
            : `.${visible(String(part))}`,
      )
      .join("")
  );
}

/** Where a nested object's allowed keys come from: a path pattern and the keys of that section's shape. */
export type AllowedKeys = ReadonlyArray<[pattern: RegExp, keys: string[]]>;

/** Keys no shape allows, each with a did-you-mean, so that a typo is an error and not silently ignored. */
export function unknownKeyProblems(
  value: unknown,
  path: string,
  allowedAt: AllowedKeys,
  out: string[],
): void {
  if (Array.isArray(value))
    value.forEach((item, i) => unknownKeyProblems(item, `${path}[${i}]`, allowedAt, out));
  if (!isRecord(value)) return;
  const allowed = allowedAt.find(([pattern]) => pattern.test(path))?.[1];
  if (!allowed) return;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (allowed.includes(key)) {
      unknownKeyProblems(child, at, allowedAt, out);
      continue;
    }
    const near = allowed.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
    out.push(
      `${at}: unknown key${near ? `; did you mean "${near}"?` : ""} Allowed here: ${allowed.join(", ")}`,
    );
  }
}

/** A tracker of values that may appear once per kind, ignoring case; reports each repeat at its path. */
export function repeats(out: string[], { ignoreCase = true } = {}) {
  const seenOf = new Map<string, Map<string, string>>();
  return (kind: string, value: unknown, at: string): void => {
    if (typeof value !== "string" && typeof value !== "number") return;
    let seen = seenOf.get(kind);
    if (!seen) seenOf.set(kind, (seen = new Map()));
    const key = ignoreCase ? String(value).toLowerCase() : String(value);
    const first = seen.get(key);
    if (first) out.push(`${at}: ${show(value)} repeats ${first}; each ${kind} may appear once`);
    else seen.set(key, at);
  };
}

/** Settings that an existing (looked-up, unmanaged) thing cannot take. */
export function ignoredWhenExisting(
  at: string,
  obj: Record<string, unknown>,
  managed: string[],
  what: string,
  out: string[],
): void {
  if (obj.existing !== true) return;
  for (const key of managed.filter((k) => obj[k] !== undefined)) {
    out.push(
      `${at}.${key}: has no effect with existing: true; the existing ${what} is looked up, not managed`,
    );
  }
}

/** A raw list, or empty when it is not one (its type is reported by the shape). */
export const listAt = (raw: Record<string, unknown>, key: string): unknown[] =>
  Array.isArray(raw[key]) ? (raw[key] as unknown[]) : [];
