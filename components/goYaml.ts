// A stack file's YAML read the way the Pulumi CLI reads it: gopkg.in/yaml.v3 (v3.0.1) decodes it into Go
// values, the CLI writes them back as YAML and decodes them again into config values, and those become the
// strings a program receives. Pure; every rule cites where it comes from:
// - yaml.v3 resolve.go `resolve`: which plain scalars are bools, nulls, ints (strconv.ParseInt base 0, `_`
//   ignored), floats and timestamps; decode.go `indicatedString`: quoted and block scalars are strings;
//   decode.go `mapping`/`merge`: explicit keys win over `<<` merges, the first merge wins, duplicate keys
//   (same text) are an error; yaml.v3 encode.go writes a float with 'g' and a time as RFC 3339.
// - pulumi sdk/go/common/workspace/project.go SimplifyMarshalledValue: every map key must be a string.
// - pulumi sdk/go/common/resource/config/object.go unmarshalObject/MarshalString: a time becomes
//   time.Time.String(), a scalar its JSON text (floats as encoding/json writes them), a list or map its
//   JSON (keys sorted, <>& escaped), a map of exactly `secure: <string>` an encrypted value.
import {
  Alias,
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseDocument,
  Scalar,
} from "yaml";

/** A value as the CLI holds it after decoding. */
export type GoValue =
  null | boolean | string | { int: bigint } | { float: number } | { secure: string } | GoValue[] | GoMap;

/** A decoded map, keys in the order the CLI visits none of them (it sorts when it writes). */
export class GoMap extends Map<string, GoValue> {}

/** One entry of a map as written: its key, the line of the key, and its value. */
export interface Entry {
  key: string;
  line: number;
  value: GoValue;
}

// A Map, not an object literal: a key named like an Object.prototype member (`constructor`, `__proto__`)
// must resolve as the plain string it is.
const RESOLVE_MAP = new Map<string, GoValue>([
  ...["", "~", "null", "Null", "NULL"].map((k): [string, GoValue] => [k, null]),
  ...["true", "True", "TRUE"].map((k): [string, GoValue] => [k, true]),
  ...["false", "False", "FALSE"].map((k): [string, GoValue] => [k, false]),
  ...[".nan", ".NaN", ".NAN"].map((k): [string, GoValue] => [k, { float: NaN }]),
  ...["inf", "Inf", "INF"].flatMap((inf): [string, GoValue][] => [
    [`.${inf}`, { float: Infinity }],
    [`+.${inf}`, { float: Infinity }],
    [`-.${inf}`, { float: -Infinity }],
  ]),
]);

const INT64 = [-(2n ** 63n), 2n ** 63n - 1n];
const UINT64 = 2n ** 64n - 1n;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseInt(s, 0, 64), then ParseUint: an optional sign, then 0x/0o/0b/0 prefixed or decimal digits. */
function goInt(plain: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]+|[1-9][0-9]*|0)$/.exec(plain);
  if (!m) return undefined;
  const digits = m[2];
  const prefixed = /^0[oO]/.test(digits)
    ? `0o${digits.slice(2)}`
    : /^0[0-7]/.test(digits)
      ? `0o${digits.slice(1)}`
      : digits;
  const n = (m[1] === "-" ? -1n : 1n) * BigInt(prefixed);
  if (n >= INT64[0] && n <= INT64[1]) return n;
  return m[1] === "" && n <= UINT64 ? n : undefined; // ParseUint takes no sign
}

/**
 * A timestamp yaml.v3 recognises (resolve.go allowedTimestampFormats), as the CLI hands it over:
 * time.Time.String(). Without a zone or with `Z` it is UTC; with a numeric offset its text depends on
 * the local time zone of the machine running the CLI, so it is not determined by the file.
 */
function goTime(s: string): string | "zoned" | undefined {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?))?$/.exec(
      s,
    );
  if (!m) return undefined;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number);
  const [hour, min, sec] = [m[4] ?? m[9] ?? "0", m[5] ?? m[10] ?? "0", m[6] ?? m[11] ?? "0"].map(Number);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || min > 59 || sec > 59) return undefined;
  if (m[8] !== undefined && m[8] !== "Z") return "zoned";
  const two = (n: number) => String(n).padStart(2, "0");
  const frac = (m[7] ?? m[12] ?? "").slice(0, 9).replace(/0+$/, "");
  return `${m[1]}-${two(month)}-${two(day)} ${two(hour)}:${two(min)}:${two(sec)}${frac ? `.${frac}` : ""} +0000 UTC`;
}

/** yaml.v3 resolve() for an untagged plain scalar. */
function resolvePlain(text: string): GoValue | { problem: string } {
  if (RESOLVE_MAP.has(text)) return RESOLVE_MAP.get(text) as GoValue;
  const first = text[0];
  if (first === ".") {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) return { float: Number(text) };
  } else if (/[0-9+-]/.test(first)) {
    const time = goTime(text);
    if (time === "zoned") {
      return {
        problem: `${text} is a timestamp with a UTC offset, which the Pulumi CLI rewrites in the local time zone of the machine running it; quote it`,
      };
    }
    if (time !== undefined) return time;
    const plain = text.replace(/_/g, "");
    const int = goInt(plain);
    if (int !== undefined) return { int };
    // ParseFloat fails on overflow (1e400), and yaml.v3 then keeps the text.
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return { float: Number(plain) };
  }
  return text;
}

/** How the CLI's config holds a float: encoding/json's text, after yaml.v3 wrote it with 'g' and reread it. */
function goFloat(f: number): string {
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return f.toExponential();
  return String(f);
}

/** Go's %v of a decoded map key: strconv 'g' for floats (1e+06), <nil> for null; a list or map is no key. */
function goKeyText(v: GoValue): string | undefined {
  if (typeof v === "string") return v;
  if (v === null) return "<nil>";
  if (typeof v === "boolean") return String(v);
  if (typeof v !== "object" || Array.isArray(v) || v instanceof GoMap || "secure" in v) return undefined;
  if ("int" in v) return v.int.toString();
  const f = v.float;
  if (!Number.isFinite(f)) return Number.isNaN(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf";
  const [mantissa, exp] = f.toExponential().split("e");
  if (Number(exp) < -4 || Number(exp) >= 6) {
    return `${mantissa}e${exp[0]}${exp.slice(1).padStart(2, "0")}`;
  }
  return String(f);
}

/** encoding/json's string: JSON, with <, >, & and the line separators escaped. */
const goString = (s: string) =>
  JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, "0")}`,
  );

/** Go's sort of map keys: by UTF-8 bytes. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** encoding/json of a decoded value, as the CLI writes a list or map value for the program. */
export function goJson(v: GoValue): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string") return goString(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
  if (v instanceof GoMap) {
    const keys = [...v.keys()].sort(byBytes);
    return `{${keys.map((k) => `${goString(k)}:${goJson(v.get(k) as GoValue)}`).join(",")}}`;
  }
  if ("int" in v) return v.int.toString();
  if ("float" in v) return goFloat(v.float);
  return `{"secure":${goString(v.secure)}}`;
}

/** Whether a value holds an encrypted part (object.go Secure). */
export const hasSecure = (v: GoValue): boolean =>
  v !== null &&
  typeof v === "object" &&
  (Array.isArray(v)
    ? v.some(hasSecure)
    : v instanceof GoMap
      ? [...v.values()].some(hasSecure)
      : "secure" in v);

/** Whether a value holds a NaN or an infinity, which encoding/json cannot write: the CLI fails to load. */
export const hasNonFinite = (v: GoValue): boolean =>
  v !== null &&
  typeof v === "object" &&
  (Array.isArray(v)
    ? v.some(hasNonFinite)
    : v instanceof GoMap
      ? [...v.values()].some(hasNonFinite)
      : "float" in v && !Number.isFinite(v.float));

/** The decoded document: its top-level entries, and every reason the CLI (or this reader) refuses it. */
export interface GoDocument {
  root: GoValue;
  /** The `config:` map's entries as written, merged entries included, with their lines. */
  config?: Entry[];
  problems: string[];
}

/**
 * Caps what aliases expand (a "billion laughs" document of a few lines expands to billions of values): the
 * values decoded again through an alias or a `<<` merge of one. What the file itself writes is not counted,
 * so a plain document of any size is read.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/** A document's aliases, each resolved once (Alias.resolve searches the whole document), what they expand counted. */
class Expansion {
  private budget = MAX_ALIAS_EXPANSION;
  /** How many aliases the value being decoded is reached through. */
  private depth = 0;
  private readonly targets = new Map<Alias, unknown>();
  constructor(private readonly doc: Document) {}

  /** `read` of the alias's target, every value it decodes counted. */
  through<T>(alias: Alias, read: (node: unknown) => T): T {
    if (!this.targets.has(alias)) this.targets.set(alias, alias.resolve(this.doc));
    this.depth++;
    try {
      return read(this.targets.get(alias));
    } finally {
      this.depth--;
    }
  }

  /** One value decoded; a RangeError once aliases have expanded beyond the budget. */
  count(): void {
    if (this.depth > 0 && --this.budget < 0) {
      throw new RangeError(
        `the document's aliases expand to more than ${MAX_ALIAS_EXPANSION} values; write the values out, or alias less`,
      );
    }
  }

  /** What is decoded from here on was decoded, and counted, before. */
  stopCounting(): void {
    this.budget = Number.POSITIVE_INFINITY;
  }
}

/** Decodes a stack file's YAML as yaml.v3 into interface{} does, then as the CLI's config values. */
export function decodeStackYaml(text: string): GoDocument {
  // yaml.v3 (as libyaml) breaks lines at NEL, LS and PS too, while YAML 1.2 readers do not: a comment holding
  // one would hide, from this reader only, the key the CLI reads after it. Refused, since nobody sees them.
  const breaks = [...text.matchAll(/[\u0085\u2028\u2029]/g)].map(
    (m) =>
      `line ${text.slice(0, m.index).split("\n").length}: U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
  if (breaks.length > 0) {
    return {
      root: null,
      problems: [
        `invalid YAML for this program: a line break the Pulumi CLI reads and most editors do not show (${breaks.join(", ")}); use a plain newline`,
      ],
    };
  }
  const lines = new LineCounter();
  // failsafe: every scalar stays text, resolved here by yaml.v3's rules rather than the YAML 1.2 core schema.
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), {
    schema: "failsafe",
    lineCounter: lines,
    uniqueKeys: true,
  });
  const problems = doc.errors.map((e) => `invalid YAML: ${e.message.split("\n")[0]}`);
  if (problems.length > 0) return { root: null, problems };
  const expansion = new Expansion(doc as Document);
  const lineOf = (node: Node) => (node.range ? lines.linePos(node.range[0]).line : 0);

  const decode = (node: unknown): GoValue => {
    expansion.count();
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return expansion.through(node, decode);
    if (isScalar(node)) return scalar(node);
    if (isSeq(node)) return node.items.map(decode);
    if (isMap(node)) {
      const map = new GoMap(entries(node, true).map((e) => [e.key, e.value]));
      // object.go isSecureValue: exactly `secure: <string>` is an encrypted value, at any depth.
      const secure = map.get("secure");
      return map.size === 1 && typeof secure === "string" ? { secure } : map;
    }
    throw new Error(`unexpected YAML node ${String(node)}`);
  };

  const scalar = (node: Scalar): GoValue => {
    const text = String(node.value);
    const tag = node.tag;
    if (tag === undefined || tag === "!") {
      if (node.type !== Scalar.PLAIN || tag === "!") return text;
      const resolved = resolvePlain(text);
      if (resolved !== null && typeof resolved === "object" && "problem" in resolved) {
        problems.push(`line ${lineOf(node)}: ${resolved.problem}`);
        return text;
      }
      return resolved;
    }
    if (tag === "tag:yaml.org,2002:str") return text;
    problems.push(
      `line ${lineOf(node)}: the explicit YAML tag ${tag} is not read here as the Pulumi CLI reads it; remove it`,
    );
    return text;
  };

  /**
   * A map's entries: explicit keys first, then `<<` merges that add keys not yet present (decode.go merge).
   * Inside a value a key that is not a string is written as Go's %v writes it (object.go unmarshalObject);
   * a key of the file or of its config map must be a string.
   */
  const entries = (node: unknown, nested: boolean): Entry[] =>
    isAlias(node) ? expansion.through(node, (n) => mapEntries(n, nested)) : mapEntries(node, nested);

  const mapEntries = (map: unknown, nested: boolean): Entry[] => {
    if (!isMap(map)) {
      problems.push("a `<<` merge must name a map");
      return [];
    }
    const explicit: Entry[] = [];
    const merges: unknown[] = [];
    for (const pair of map.items) {
      const keyNode = pair.key as Node;
      if (
        isScalar(keyNode) &&
        keyNode.type === Scalar.PLAIN &&
        keyNode.value === "<<" &&
        keyNode.tag === undefined
      ) {
        merges.push(pair.value);
        continue;
      }
      const decoded = decode(keyNode);
      const key = nested ? goKeyText(decoded) : decoded;
      if (typeof key !== "string") {
        problems.push(`line ${lineOf(keyNode)}: a key must be a string, got ${goJson(decoded)}; quote it`);
        continue;
      }
      explicit.push({ key, line: lineOf(keyNode), value: decode(pair.value) });
    }
    const seen = new Set(explicit.map((e) => e.key));
    for (const merge of merges) {
      const sources = isSeq(merge) ? merge.items : [merge];
      for (const source of sources) {
        for (const e of entries(source, nested)) {
          if (!seen.has(e.key)) explicit.push(e);
          seen.add(e.key);
        }
      }
    }
    return explicit;
  };

  try {
    const top = doc.contents;
    if (
      top === null ||
      (isScalar(top) && top.type === Scalar.PLAIN && resolvePlain(String(top.value)) === null)
    ) {
      return { root: null, problems };
    }
    if (!isMap(top) && !(isAlias(top) && isMap(top.resolve(doc as Document)))) {
      return { root: decode(top), problems: [...problems, "the stack file is not a map of settings"] };
    }
    const topEntries = entries(top, false);
    const root = new GoMap(topEntries.map((e) => [e.key, e.value]));
    const configEntry = topEntries.find((e) => e.key === "config");
    let config: Entry[] | undefined;
    if (configEntry && configEntry.value !== null) {
      const node = findConfigNode(top, doc);
      // The config map was decoded, and its aliases counted, with the whole file: not counted twice.
      expansion.stopCounting();
      config = node ? entries(node, false) : undefined;
      if (!config) problems.push("config: is not a map of keys to values");
    }
    return { root, config, problems: [...new Set(problems)] }; // the config map is decoded twice
  } catch (err) {
    if (err instanceof RangeError) return { root: null, problems: [...problems, err.message] };
    throw err;
  }
}

/** The node of the top-level `config:` map, following an alias (merged top-level keys included). */
function findConfigNode(top: unknown, doc: Document, seen = new Set<unknown>()): unknown {
  const map = isAlias(top) ? top.resolve(doc) : top;
  // Each map once: merges of merges of one map would otherwise be searched exponentially often.
  if (!isMap(map) || seen.has(map)) return undefined;
  seen.add(map);
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === "config") {
      const value = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      return isMap(value) ? value : undefined;
    }
  }
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === "<<") {
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const found = findConfigNode(source, doc, seen);
        if (found) return found;
      }
    }
  }
  return undefined;
}
