// Arbitrary values as hostile config writes them (fast-check): keys named like Object.prototype members,
// instants, numbers YAML reads differently; each value can be written as JSON and as YAML flow text.
import fc from "fast-check";
import { CONFIG_KEYS } from "../components/config";

/** Keys that a plain object would read as its prototype's members. */
export const PROTOTYPE_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "toJSON",
];
const FIELD_KEYS = ["userName", "email", "givenName", "familyName", "existing", "expiresAt", "displayName"];
const SECTION_KEYS = ["tags", "name", "sessionDuration", "inlinePolicy", "Statement", "Effect", "Action"];

/** A value as a tree, so that it can be written both as JSON and as YAML, `__proto__` keys included. */
export type Tree = null | boolean | number | string | Tree[] | { entries: [string, Tree][] };

const scalars = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string(),
  fc.constantFrom(...PROTOTYPE_KEYS, "012345678901", "2026-12-31T23:59:60Z", "PT4H", "*", "~", "yes", "1e3"),
);
const keys = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS, ...FIELD_KEYS, ...SECTION_KEYS, ...CONFIG_KEYS),
  fc.string({ maxLength: 8 }),
);
export const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalars,
    fc.array(tie("tree"), { maxLength: 4 }),
    fc.array(fc.tuple(keys, tie("tree")), { maxLength: 5 }).map((entries) => ({ entries })),
  ),
}));
/** A config: known and prototype-named top-level keys with arbitrary values. */
export const config = fc
  .uniqueArray(fc.tuple(fc.oneof(fc.constantFrom(...CONFIG_KEYS, ...PROTOTYPE_KEYS), fc.string()), tree), {
    selector: ([key]) => key,
    maxLength: 8,
  })
  .map((entries) => ({ entries }));

const isMap = (t: Tree): t is { entries: [string, Tree][] } =>
  t !== null && typeof t === "object" && !Array.isArray(t);

export const json = (t: Tree): string =>
  Array.isArray(t)
    ? `[${t.map(json).join(",")}]`
    : isMap(t)
      ? `{${[...new Map(t.entries)].map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`).join(",")}}`
      : JSON.stringify(t);

/** YAML flow text: keys plain where YAML allows (so `constructor` is unquoted), else double-quoted. */
export const yaml = (t: Tree): string => {
  if (Array.isArray(t)) return `[${t.map(yaml).join(", ")}]`;
  if (isMap(t)) {
    const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k));
    return `{${[...new Map(t.entries)].map(([k, v]) => `${key(k)}: ${yaml(v)}`).join(", ")}}`;
  }
  if (typeof t === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(t)) return t; // plain: YAML resolves it
  return JSON.stringify(t) ?? "null";
};
