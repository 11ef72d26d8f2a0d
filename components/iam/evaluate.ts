// One request judged as IAM's policy evaluation logic judges it (IAM User Guide, "Policy evaluation logic":
// an explicit Deny in any policy wins; otherwise the identity policies and, when there is one, the
// permissions boundary must both allow). Three answers: "allowed", "denied", or "unknown" when the answer
// depends on what this module cannot see (a condition on a key whose value is unknown, an operator it does
// not evaluate). The audit's verdicts (meaning.ts) are built on statementMatch and combine below, and
// tests/components/iam/differential.test.ts holds decide() against @cloud-copilot/iam-simulate.
import { listOf as list } from "../values";

/** Three-valued: "maybe" when the answer depends on what cannot be seen. */
export type Tri = "yes" | "maybe" | "no";
export type Decision = "allowed" | "denied" | "unknown";

/** The request context: condition keys (lower case) and what is known of them. */
export interface RequestContext {
  /** Keys whose values are known. */
  known: Readonly<Record<string, string | readonly string[]>>;
  /** Keys present in every request, with a value unknown but matching this pattern (`*` and `?` wildcards). */
  shaped?: Readonly<Record<string, string>>;
  /** Keys never present, even when `open`. */
  absent?: readonly string[];
  /** true: any other key may be absent or hold any value; false or unset: any other key is absent. */
  open?: boolean;
}

export interface Request {
  action: string;
  /** The resource's ARN, or "*" for an action that takes no resource. */
  resource: string;
  context: RequestContext;
}

/** A policy document and where it comes from, e.g. `inline policy` or `AWS managed IAMFullAccess`. */
export interface PolicySource {
  name: string;
  document: unknown;
}

/** A statement as parsed: its patterns and conditions, and where it comes from. */
export interface Statement {
  allow: boolean;
  /** `inline policy statement 2 (Sid)`: how a reason names it. */
  from: string;
  actions: readonly string[];
  notAction: boolean;
  resources: readonly string[];
  notResource: boolean;
  /** [operator, key, values] */
  conditions: readonly (readonly [string, string, readonly string[]])[];
  /**
   * Policy variables are read only under Version 2012-10-17 (IAM User Guide, "IAM JSON policy elements:
   * Version": under 2008-10-17, or with no Version, `${aws:username}` is literal text).
   */
  variables: boolean;
}

const strings = (value: unknown) => list(value).filter((x): x is string => typeof x === "string");

/** The statements of a document; what makes it no valid policy goes to `problems`. */
export function parsePolicy(source: PolicySource, problems: string[]): Statement[] {
  let doc = source.document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      problems.push(`${source.name} is not JSON`);
      return [];
    }
  }
  const body = (doc as { Statement?: unknown } | null)?.Statement;
  if (body === undefined) {
    problems.push(`${source.name} has no Statement`);
    return [];
  }
  const variables = (doc as { Version?: unknown }).Version === "2012-10-17";
  return list(body).flatMap((raw, i): Statement[] => {
    const s = (raw ?? {}) as Record<string, unknown>;
    if (s.Effect !== "Allow" && s.Effect !== "Deny") {
      problems.push(`${source.name}: a statement's Effect is neither Allow nor Deny`);
      return [];
    }
    const sid = typeof s.Sid === "string" && s.Sid ? ` (${s.Sid})` : "";
    const conditions = Object.entries((s.Condition ?? {}) as Record<string, unknown>).flatMap(([op, byKey]) =>
      Object.entries((byKey ?? {}) as Record<string, unknown>).map(
        ([key, values]) => [op, key, list(values).map(String)] as const,
      ),
    );
    const notAction = s.Action === undefined && s.NotAction !== undefined;
    const notResource = s.Resource === undefined && s.NotResource !== undefined;
    return [
      {
        allow: s.Effect === "Allow",
        from: `${source.name} statement ${i + 1}${sid}`,
        actions: strings(notAction ? s.NotAction : s.Action),
        notAction,
        resources: strings(notResource ? s.NotResource : s.Resource),
        notResource,
        conditions,
        variables,
      },
    ];
  });
}

export const triNot = (t: Tri): Tri => (t === "yes" ? "no" : t === "no" ? "yes" : "maybe");
export const triAnd = (ts: Iterable<Tri>): Tri => {
  let out: Tri = "yes";
  for (const t of ts) {
    if (t === "no") return "no";
    if (t === "maybe") out = "maybe";
  }
  return out;
};
export const triOr = (ts: Iterable<Tri>): Tri => {
  let out: Tri = "no";
  for (const t of ts) {
    if (t === "yes") return "yes";
    if (t === "maybe") out = "maybe";
  }
  return out;
};

/** Wildcards in a compiled pattern; other entries are UTF-16 code units to match literally. */
const STAR = -1;
const ANY = -2;

/**
 * A pattern with IAM's `*` and `?` wildcards, matched in time proportional to the pattern times the text: a
 * regular expression would backtrack exponentially on a hostile `*a*a*a*…b`, and stall the audit.
 */
export class Glob {
  private readonly units: number[];

  constructor(
    units: readonly (number | string)[],
    private readonly ignoreCase = false,
  ) {
    this.units = units.flatMap((u) =>
      typeof u === "number" ? [u] : [...(ignoreCase ? u.toLowerCase() : u)].map((c) => c.charCodeAt(0)),
    );
  }

  test(raw: string): boolean {
    const text = this.ignoreCase ? raw.toLowerCase() : raw;
    const p = this.units;
    let i = 0;
    let t = 0;
    let star = -1;
    let mark = 0;
    while (t < text.length) {
      if (i < p.length && (p[i] === ANY || p[i] === text.charCodeAt(t))) {
        i++;
        t++;
      } else if (i < p.length && p[i] === STAR) {
        star = i++;
        mark = t;
      } else if (star !== -1) {
        i = star + 1;
        t = ++mark;
      } else return false;
    }
    while (i < p.length && p[i] === STAR) i++;
    return i === p.length;
  }
}

const wild = (c: "*" | "?") => (c === "*" ? STAR : ANY);

/** A pattern with IAM's `*` and `?` wildcards ("i": case-insensitive). */
export function glob(pattern: string, flags = ""): Glob {
  const parts = pattern.split(/(\*|\?)/).map((part) => (part === "*" || part === "?" ? wild(part) : part));
  return new Glob(parts, flags.includes("i"));
}

const globs = new Map<string, Glob>();
/** glob(), remembered: the same few patterns are tried against thousands of ARNs. */
export function cachedGlob(pattern: string, flags = ""): Glob {
  const key = `${flags}|${pattern}`;
  let re = globs.get(key);
  if (!re) {
    re = glob(pattern, flags);
    globs.set(key, re);
  }
  return re;
}

/** An Action/NotAction entry as a pattern (action names are case-insensitive). */
export const actionPattern = (pattern: string) => cachedGlob(pattern, "i");
/** Does an Action/NotAction entry name the action? */
export const actionMatches = (pattern: string, action: string) => actionPattern(pattern).test(action);

type KeyState =
  | { kind: "absent" }
  | { kind: "value"; value: string | readonly string[] }
  | { kind: "shaped"; shape: string }
  | { kind: "unknown" };

function keyState(ctx: RequestContext, rawKey: string): KeyState {
  const key = rawKey.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(ctx.known, key)) return { kind: "value", value: ctx.known[key] };
  if (ctx.shaped && Object.prototype.hasOwnProperty.call(ctx.shaped, key))
    return { kind: "shaped", shape: ctx.shaped[key] };
  if (!ctx.open || ctx.absent?.includes(key)) return { kind: "absent" };
  return { kind: "unknown" };
}

/**
 * An IAM string's pieces: literal text, wildcards, and variables (`${key}` or `${key, 'default'}`; `${*}`,
 * `${?}` and `${$}` stand for the literal characters, IAM User Guide, "Policy variables: special characters").
 */
type Piece = { lit: string } | { wild: "*" | "?" } | { key: string; fallback?: string };

function pieces(text: string, variables: boolean): Piece[] {
  const out: Piece[] = [];
  const re = variables ? /(\$\{[^}]*\}|\*|\?)/ : /(\*|\?)/;
  for (const part of text.split(re)) {
    if (part === "") continue;
    if (part === "*" || part === "?") out.push({ wild: part });
    else if (!part.startsWith("${") || !variables) out.push({ lit: part });
    else if (["${*}", "${?}", "${$}"].includes(part)) out.push({ lit: part[2] });
    else {
      const [key, fallback] = part.slice(2, -1).split(/,\s*/);
      const quoted = fallback !== undefined && /^'.*'$/.test(fallback) ? fallback.slice(1, -1) : undefined;
      out.push({ key: key.trim(), ...(quoted !== undefined ? { fallback: quoted } : {}) });
    }
  }
  return out;
}

/**
 * A pattern with its variables resolved: a glob (literal `*`/`?` from variables escaped), "unresolvable"
 * when a variable has no value (IAM User Guide, "Policy variables with no value": the element does not
 * match), and whether an unknown value was taken as `*`.
 */
function resolve(
  text: string,
  variables: boolean,
  ctx: RequestContext,
): { glob: Glob; guessed: boolean } | "unresolvable" {
  const units: (number | string)[] = [];
  let guessed = false;
  for (const p of pieces(text, variables)) {
    if ("lit" in p) units.push(p.lit);
    else if ("wild" in p) units.push(wild(p.wild));
    else {
      const state = keyState(ctx, p.key);
      if (state.kind === "value" && typeof state.value === "string" && state.value !== "")
        units.push(state.value);
      else if (state.kind === "shaped" || state.kind === "unknown") {
        units.push(STAR);
        guessed = true;
      } else if (p.fallback !== undefined) units.push(p.fallback);
      else return "unresolvable";
    }
  }
  return { glob: new Glob(units), guessed };
}

const hasVariable = (text: string, variables: boolean) => variables && /\$\{(?![*?$]\})/.test(text);

/** One Resource entry against an ARN: "unresolvable" when a variable in it has no value. */
type Entry = Tri | "unresolvable";

/**
 * Does one Resource entry match the ARN? Matched segment by segment as IAM does (IAM User Guide, "IAM
 * identifiers: ARNs", wildcards within any segment; the resource type, up to the first `/` or `:` of the
 * resource part, is matched literally: "you cannot use a wildcard in the portion of the ARN that identifies
 * the resource type"). A short ARN ending in `*` extends over the segments it leaves out.
 */
export function resourceEntry(pattern: string, arn: string, variables: boolean, ctx: RequestContext): Entry {
  if (pattern === "*") return "yes";
  // An action that takes no resource is authorized against "*", which only Resource "*" matches (Service
  // Authorization Reference: "you must specify all resources (*) in the Resource element").
  if (arn === "*") return "no";
  // Neither "*" nor an ARN (`*${aws:PrincipalTag/x}`): IAM refuses such a policy (IAM Access Analyzer
  // policy checks, "Error – Invalid ARN prefix"), so what it would match is not documented.
  if (!pattern.startsWith("arn:")) return "maybe";
  if (!arn.startsWith("arn:")) return "no";
  const p = pattern.split(":");
  if (p.length < 6) {
    if (!p[p.length - 1].endsWith("*")) return "maybe";
    while (p.length < 6) p.push("*");
  }
  const a = arn.split(":");
  if (a.length < 6) return "no";
  for (let i = 1; i < 5; i++) {
    if (hasVariable(p[i], variables)) return "maybe";
    if (!cachedGlob(p[i], "i").test(a[i])) return "no";
  }
  const want = p.slice(5).join(":");
  const have = a.slice(5).join(":");
  const s3 = p[2] === "s3" && p[3] === "" && p[4] === "";
  const cut = s3 ? -1 : want.search(/[/:]/);
  const type = cut === -1 ? "" : want.slice(0, cut + 1);
  if (resolve(want, variables, ctx) === "unresolvable") return "unresolvable";
  if (/[*?$]/.test(type)) return "maybe";
  if (!have.startsWith(type)) return "no";
  const resolved = resolve(want.slice(type.length), variables, ctx);
  if (resolved === "unresolvable") return resolved;
  const hit = resolved.glob.test(have.slice(type.length));
  return !hit ? "no" : resolved.guessed ? "maybe" : "yes";
}

/** Does the statement's Resource or NotResource element take in the ARN? */
export function resourceMatch(s: Statement, arn: string, ctx: RequestContext): Tri {
  if (s.resources.length === 0) return "no";
  // A short ARN (`arn:*`) in NotResource against "*": undocumented, and the simulator answers it unlike the
  // same pattern written in six segments.
  if (s.notResource && arn === "*" && s.resources.some((p) => p !== "*" && p.split(":").length < 6))
    return "maybe";
  const entries = s.resources.map((p) => resourceEntry(p, arn, s.variables, ctx));
  const any = triOr(entries.filter((e): e is Tri => e !== "unresolvable"));
  if (!entries.includes("unresolvable")) return s.notResource ? triNot(any) : any;
  // A variable without a value: IAM User Guide, "Policy variables": "If AWS cannot resolve a variable this
  // might cause the entire statement to be invalid". Whether the whole statement or only that entry drops
  // out, a Resource statement applies at most through its other entries, and only maybe; a NotResource
  // statement does not apply when another entry covers the ARN, and otherwise maybe.
  if (s.notResource) return any === "yes" ? "no" : "maybe";
  return any === "no" ? "no" : "maybe";
}

const NEGATED = /^(StringNot|ArnNot)/i;
const OPERATOR = /^(ForAnyValue:|ForAllValues:)?(.*?)(IfExists)?$/i;

/** One value against one condition value, for the operators evaluated here; undefined for the rest. */
function compare(base: string, have: string, want: string): boolean | undefined {
  switch (base.toLowerCase()) {
    case "stringequals":
    case "stringnotequals":
      return have === want;
    case "stringequalsignorecase":
    case "stringnotequalsignorecase":
      return have.toLowerCase() === want.toLowerCase();
    case "stringlike":
    case "stringnotlike":
      return cachedGlob(want).test(have);
    case "bool":
      return have.toLowerCase() === want.toLowerCase();
    case "arnequals":
    case "arnlike":
    case "arnnotequals":
    case "arnnotlike":
      return arnLike(have, want);
    default:
      return undefined;
  }
}

/** An ARN's six colon-delimited components (the last keeps its colons); undefined for fewer. */
const arnParts = (arn: string) => {
  const parts = arn.split(":");
  return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(":")];
};

/**
 * ArnEquals and ArnLike alike (IAM User Guide, "Condition operators: Amazon Resource Name (ARN)"): "Each of
 * the six colon-delimited components of the ARN is checked separately and each can include multi-character
 * match wildcards (*) or single-character match wildcards (?)", case-sensitively.
 */
function arnLike(have: string, want: string): boolean {
  const h = arnParts(have);
  const w = arnParts(want);
  return !!h && !!w && w.every((p, i) => cachedGlob(p).test(h[i]));
}

/** One key of a condition against one value of it; undefined where it is not evaluated here. */
function conditionOnValue(base: string, have: string, wants: readonly string[]): boolean | undefined {
  const hits = wants.map((w) => compare(base, have, w));
  if (hits.some((h) => h === undefined)) return undefined;
  const any = hits.some(Boolean);
  // A negated operator holds when the value matches none of the listed values (IAM User Guide, "IAM JSON
  // policy elements: Condition operators").
  return NEGATED.test(base) ? !any : any;
}

/**
 * A condition on a key in a known state. When the key is absent, IfExists and negated operators hold and
 * the others do not; ForAllValues holds and ForAnyValue does not (IAM User Guide, "Condition operators":
 * "If the key that you specify in a policy condition is not present in the request context, the values do
 * not match and the condition is false. If the policy condition requires that the key is not matched, such
 * as StringNotLike or ArnNotLike, and the right key is not present, the condition is true"; "Set operators
 * for multivalued context keys").
 */
function conditionOnState(operator: string, wants: readonly string[], state: KeyState): Tri {
  const [, set, base, ifExists] = OPERATOR.exec(operator) as RegExpExecArray;
  if (base.toLowerCase() === "null") {
    if (set || ifExists || state.kind === "unknown") return "maybe";
    const goal = state.kind === "absent" ? "true" : "false";
    return wants.some((w) => w.toLowerCase() === goal) ? "yes" : "no";
  }
  if (state.kind === "absent") {
    if (set) return set.toLowerCase() === "forallvalues:" ? "yes" : "no";
    return ifExists || NEGATED.test(base) ? "yes" : "no";
  }
  if (state.kind === "shaped") return onShape(base, set, wants, state.shape);
  if (state.kind !== "value") return "maybe";
  const values = typeof state.value === "string" ? [state.value] : state.value;
  if (!set) {
    if (typeof state.value !== "string") return "no";
    const hit = conditionOnValue(base, state.value, wants);
    return hit === undefined ? "maybe" : hit ? "yes" : "no";
  }
  const hits = values.map((v) => conditionOnValue(base, v, wants));
  if (hits.some((h) => h === undefined)) return "maybe";
  const ok = set.toLowerCase() === "forallvalues:" ? hits.every(Boolean) : hits.some(Boolean);
  return ok ? "yes" : "no";
}

/**
 * A string condition on a key every request carries with a value of known shape: sure when every value
 * matches (`*`), or when none of the listed values can have the shape; otherwise it depends on who asks.
 */
function onShape(base: string, set: string | undefined, wants: readonly string[], shape: string): Tri {
  const b = base.toLowerCase();
  if (set || !/^string(not)?(equals|equalsignorecase|like)$/.test(b)) return "maybe";
  const like = b.endsWith("like");
  const flags = b.endsWith("ignorecase") ? "i" : "";
  const everyValue = like && wants.some((w) => /^\**$/.test(w) && w !== "");
  const canMatch = wants.some((w) => (like && /[*?]/.test(w)) || cachedGlob(shape, flags).test(w));
  const positive: Tri = everyValue ? "yes" : canMatch ? "maybe" : "no";
  return NEGATED.test(base) ? triNot(positive) : positive;
}

/** Does a condition compare with a policy variable? Its value is not resolved here: it is left undecided. */
const referencesVariable = (s: Statement, wants: readonly string[]) =>
  s.variables && wants.some((w) => hasVariable(w, true));

/** Do the statement's conditions hold for the request? */
export function conditionMatch(s: Statement, ctx: RequestContext): Tri {
  return triAnd(
    s.conditions.map(([operator, key, wants]) => {
      if (referencesVariable(s, wants)) return "maybe";
      const state = keyState(ctx, key);
      if (state.kind !== "unknown") return conditionOnState(operator, wants, state);
      // Unknown: it may be absent, or present with any value.
      const absent = conditionOnState(operator, wants, { kind: "absent" });
      const present = conditionOnState(operator, wants, { kind: "shaped", shape: "*" });
      return absent === present ? absent : "maybe";
    }),
  );
}

/** Does the statement name the action? */
export function actionMatch(s: Statement, action: string): boolean {
  return s.actions.some((p) => actionMatches(p, action)) !== s.notAction;
}

/** Does the statement apply to the request? */
export function statementMatch(s: Statement, request: Request): Tri {
  if (!actionMatch(s, request.action)) return "no";
  const resource = resourceMatch(s, request.resource, request.context);
  if (resource === "no") return "no";
  return triAnd([resource, conditionMatch(s, request.context)]);
}

/**
 * The decision from each statement's match: a Deny that applies wins; otherwise the identity policies must
 * allow and, with a boundary, the boundary too. A Deny that may apply leaves an allowed request unknown.
 */
export function combine(
  identity: readonly { s: Statement; m: Tri }[],
  boundary: readonly { s: Statement; m: Tri }[] | undefined,
): Decision {
  const all = boundary ? [...identity, ...boundary] : identity;
  const deny = triOr(all.filter((x) => !x.s.allow).map((x) => x.m));
  if (deny === "yes") return "denied";
  const allowIdentity = triOr(identity.filter((x) => x.s.allow).map((x) => x.m));
  const allowBoundary = boundary ? triOr(boundary.filter((x) => x.s.allow).map((x) => x.m)) : "yes";
  const allowed = triAnd([allowIdentity, allowBoundary]);
  if (allowed === "no") return "denied";
  return deny === "maybe" || allowed === "maybe" ? "unknown" : "allowed";
}

/**
 * One request against a set's identity policies and its permissions boundary (undefined: none). Same-account
 * identity-based evaluation: no SCPs, resource policies or session policies.
 */
export function decide(
  request: Request,
  policies: readonly PolicySource[],
  boundary?: PolicySource,
): Decision {
  const problems: string[] = [];
  const judge = (p: PolicySource) =>
    parsePolicy(p, problems).map((s) => ({ s, m: statementMatch(s, request) }));
  return combine(policies.flatMap(judge), boundary ? judge(boundary) : undefined);
}
