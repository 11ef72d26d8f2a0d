// Small facts about raw values, shared by every validator: what a map is, which characters are hidden,
// and how a value is shown in a message so that nothing it contains can rewrite what a reviewer reads.

/**
 * A map from user data into an object with no prototype: a key named `constructor`, `toString` or
 * `__proto__` is a key like any other, never a member of Object.prototype nor the prototype's setter.
 */
export const dictionary = <T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> => {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) out[key] = value;
  return out;
};

/** A map's own value for a key, never a member of Object.prototype (`tags.constructor`). */
export const ownValue = <T>(map: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;

/** A policy element as a list: IAM takes one value or an array of them for Action, Resource, Statement. */
export const listOf = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Control characters (newline, tab, ESC included), invisible format characters (zero-width, bidirectional
 * overrides) and line and paragraph separators: in a value, they can rewrite or hide what a reviewer reads
 * in a terminal or a pull request. Deliberately stricter than AWS, which accepts some of them.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** The first hidden character of a string, if any. */
export const hiddenIn = (s: string): string | undefined => s.match(HIDDEN)?.[0];

/**
 * Hidden characters, default-ignorable and blank ones (U+034F, Hangul fillers, U+2800), and spaces that pass
 * for an ordinary one (no-break, em, ideographic).
 */
const LOOKALIKE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]|(?! )\p{Zs}/gu;

/** A string with every hidden or look-alike character written as its escape, e.g. `\u200b`, so that it shows. */
export const visible = (s: string): string =>
  s.replace(LOOKALIKE, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, "0")}`);

/** A value as a message shows it: JSON, hidden characters escaped. */
export const show = (value: unknown): string => visible(JSON.stringify(value) ?? String(value));

/** A comparator by a string key, in code-unit order, so that sorting is the same in every locale. */
export const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
