// The pure core's first half: raw config (stack YAML, Automation API objects or component args) in,
// every problem at once or a normalized, plain-data AdminAccessSpec out. No Pulumi types here.
import { hiddenIn, isRecord, show, visible } from "./values";

export { visible } from "./values";
import { z } from "zod";
import { MODEL, modelAccepts, modelRegExp } from "./awsModel";
import { policyKey, policyProblems } from "./policy";

/** The AWS managed policy that the permission set grants. */
export const ADMINISTRATOR_POLICY = "AdministratorAccess";

/** Thrown, before anything is registered, when the config has one or more problems. */
export class AdminAccessConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `admin-access config has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "AdminAccessConfigError";
  }
}

/** A customer-managed IAM policy, by name and path, that must exist in every target account. */
export interface PolicyReference {
  name: string;
  path: string;
}

/** The set's permissions boundary: an AWS managed policy, or a customer-managed one. */
export type BoundarySpec = { managedPolicyArn: string } | { customerManagedPolicy: PolicyReference };

export interface PermissionSetSpec {
  name: string;
  description?: string;
  sessionDuration: string;
  relayState?: string;
  tags: Record<string, string>;
  existing: boolean;
  /** An IAM policy document, e.g. a deny that protects the security baseline. */
  inlinePolicy?: Record<string, unknown>;
  /** Sorted by path and name. */
  customerManagedPolicies: PolicyReference[];
  permissionsBoundary?: BoundarySpec;
}

export interface GroupSpec {
  displayName: string;
  description?: string;
  existing: boolean;
}

export interface AddressSpec {
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** A user to create in the identity store; the required fields are checked, the display name defaulted. */
export interface NewAdminSpec {
  userName: string;
  existing: false;
  email: string;
  givenName: string;
  familyName: string;
  displayName: string;
  title?: string;
  nickname?: string;
  phoneNumber?: string;
  locale?: string;
  timezone?: string;
  preferredLanguage?: string;
  address?: AddressSpec;
  /** When the admin's access ends, as an ISO-8601 UTC instant; undefined: it does not. */
  expiresAt?: string;
}

/** A user that already exists (created by hand or synced by SCIM): looked up and added to the group. */
export interface ExistingAdminSpec {
  userName: string;
  existing: true;
  expiresAt?: string;
}

export type AdminSpec = NewAdminSpec | ExistingAdminSpec;

/** Which accounts get the assignment; resolved against the organization at program start. */
export interface TargetSpec {
  accounts: string[];
  organizationalUnits: string[];
  accountNames: string[];
  excludeAccounts: string[];
  allAccounts: boolean;
  includeManagementAccount: boolean;
}

/** The validated, normalized wanted state: defaults applied, lists sorted by their keys. */
export interface AdminAccessSpec {
  instanceArn?: string;
  identityStoreId?: string;
  permissionSet: PermissionSetSpec;
  group: GroupSpec;
  targets: TargetSpec;
  /** The most assignments in progress at once, chained in lanes; undefined: no bound in the program. */
  assignmentConcurrency?: number;
  admins: AdminSpec[];
  accessPortalUrl?: string;
  retainUsersOnDelete: boolean;
  /** Top-level settings whose values reach AWS and the state only as secrets. */
  secretSettings: string[];
}

/**
 * The default Pulumi.yaml declares for each optional key. The CLI requires every declared key that has no
 * default, and merges the defaults into every stack (pkg/workspace/config.go mergeConfig), so a value equal
 * to its default means "not set". A test holds Pulumi.yaml to this table.
 */
export const UNSET_DEFAULTS: Readonly<Record<string, unknown>> = {
  instanceArn: "",
  identityStoreId: "",
  permissionSet: {},
  accounts: [],
  organizationalUnits: [],
  accountNames: [],
  excludeAccounts: [],
  allAccounts: false,
  includeManagementAccount: false,
  assignmentConcurrency: 0,
  accessPortalUrl: "",
  retainUsersOnDelete: false,
  secretSettings: [],
};

/**
 * The settings that may be secrets: their values only become inputs. Every other key names resources or
 * decides which exist, and a resource name (in its URN) or the shape of the graph cannot be secret.
 */
const SECRET_CAPABLE = ["instanceArn", "identityStoreId", "permissionSet", "group", "accessPortalUrl"];
const WHY_NOT_SECRET: Record<string, string> = {
  admins: "each admin's userName names its resources (<name>-user-<userName>, <name>-membership-<userName>)",
  accounts: "account IDs name the assignments (<name>-assignment-<accountId>)",
  excludeAccounts: "it decides which assignments exist, and so their names",
  accountNames: "it decides which assignments exist, and so their names",
  organizationalUnits: "it decides which assignments exist, and so their names",
  allAccounts: "it decides which assignments exist, and so their names",
  includeManagementAccount: "it decides which assignments exist, and so their names",
  assignmentConcurrency: "it decides how the resources depend on each other",
  retainUsersOnDelete: "it is a resource option",
  secretSettings: "it says what is secret",
};

const RESERVED_NAMES = ["administrator", "awsadministrators"];
const ACCOUNT_ID = /^\d{12}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const INSTANCE_ARN = /^arn:aws(-[a-z]+)*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const IDENTITY_STORE_ID = /^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const chars = (s: string): number => [...s].length;

/** A string whose rule is stated once, for both the check and the message; never with hidden characters. */
function text(
  rule: string,
  ok: (s: string) => boolean,
  invalid: string | ((input: unknown) => string) = `is not valid: expected ${rule}`,
) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? undefined : `${show(iss.input)} is not a string`) })
    .refine((s) => hiddenIn(s) === undefined, {
      abort: true,
      error: (iss) =>
        `${show(iss.input)} contains a control or invisible character (${visible(hiddenIn(String(iss.input)) ?? "")}), ` +
        "which could hide or forge what a reviewer reads; remove it",
    })
    .refine(ok, {
      error: (iss) => `${show(iss.input)} ${typeof invalid === "string" ? invalid : invalid(iss.input)}`,
    });
}

/** A name as people read it: no leading or trailing whitespace, which would pass for another name. */
const trimmed = (base: z.ZodType<string>) =>
  base.refine((s) => s === s.trim(), {
    abort: true,
    error: (iss) => `${show(iss.input)} has leading or trailing whitespace; remove it`,
  });

const length = (min: number, max: number) =>
  text(`${min} to ${max} characters`, (s) => chars(s) >= min && chars(s) <= max);

/** Shapes whose pattern is one character class, so that a message can name the first character refused. */
const CHARACTER_CLASS = /^\^?\(?\[[^\]]*(\\\][^\]]*)*\]\)?[+*]\)?\$?$/;

/**
 * A string as the AWS API model allows it for a shape (components/awsModel.ts): its length, then its pattern,
 * after the project's own rule against control and invisible characters (text()).
 */
const model = (key: string) => {
  const shape = MODEL[key];
  const single = CHARACTER_CLASS.test(shape.pattern)
    ? modelRegExp({ ...shape, pattern: shape.pattern.replace(/[+*](\)?\$?)$/, "$1") })
    : undefined;
  return text(
    shape.allows,
    (s) => modelAccepts(key, s),
    (input) => {
      const value = String(input);
      const n = chars(value);
      if (n > shape.max) return `is ${n} characters long; AWS allows at most ${shape.max} here`;
      if (n < shape.min)
        return `is empty; AWS needs at least ${shape.min} character${shape.min === 1 ? "" : "s"} here`;
      const refused = single && [...value].find((c) => !single.test(c));
      return refused
        ? `contains ${visible(JSON.stringify(refused))}, which AWS does not allow here: ${shape.allows}`
        : `is not valid: AWS allows ${shape.allows}`;
    },
  );
};

/** ISO-8601 duration in seconds, for the PTnHnMnS forms the API accepts; undefined when not one. */
export function durationSeconds(value: string): number | undefined {
  const m = /^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(value);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : undefined;
}

const sessionDuration = text("an ISO-8601 duration from PT1H to PT12H, such as PT4H or PT2H30M", (s) => {
  const seconds = durationSeconds(s);
  return seconds !== undefined && seconds >= 3600 && seconds <= 43200;
});

const notReserved = (what: string, base: z.ZodType<string>) =>
  base.refine((s) => !RESERVED_NAMES.includes(s.toLowerCase()), {
    error: (iss) =>
      `${show(iss.input)} is reserved by IAM Identity Center for ${what}; Administrator and AWSAdministrators cannot be used`,
  });

/**
 * An account ID as written: a string of 12 digits. YAML and `pulumi config set --path` turn unquoted
 * digits into numbers, which is harmless only while no leading zero was lost.
 */
const accountId = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const asText = typeof value === "number" ? String(value) : value;
  if (ACCOUNT_ID.test(asText)) return asText;
  const message =
    typeof value === "number" && Number.isInteger(value) && value > 0 && asText.length < 12
      ? `${value} is a number with ${asText.length} digits: an unquoted account ID loses its leading zeros, ` +
        `so quote it, e.g. "${asText.padStart(12, "0")}"`
      : `${show(value)} is not an AWS account ID: expected exactly 12 digits, quoted`;
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
});

const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const WHOLE_ORGANIZATION = /^r-[0-9a-z]{4,32}$|^(root|\*|all)$/i;
const organizationalUnitId = text(
  "an OU ID such as ou-ab12-cdef3456",
  (s) => OU_ID.test(s),
  (input) =>
    // Nothing but allAccounts reaches every account: a root ID or a wildcard must not over-grant.
    WHOLE_ORGANIZATION.test(String(input))
      ? "would mean the whole organization, which only allAccounts: true selects; list OU IDs (ou-…) here"
      : "is not valid: expected an OU ID such as ou-ab12-cdef3456",
);

const tags = z.record(z.string(), model("TagValue")).superRefine((record, ctx) => {
  const keys = Object.keys(record);
  if (keys.length > 50)
    ctx.addIssue({ code: "custom", message: `has ${keys.length} tags; at most 50 are allowed` });
  for (const key of keys) {
    // The model allows line and paragraph separators (\p{Z}); like every hidden character, not here.
    if (!modelAccepts("TagKey", key) || hiddenIn(key) !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `${show(key)} is not a valid tag key: AWS allows 1 to 128 ${MODEL.TagKey.allows.replace(" only", "")}`,
      });
    } else if (key.toLowerCase().startsWith("aws:")) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `${show(key)} uses the "aws:" prefix, which AWS reserves`,
      });
    }
  }
});

/** At most 20 managed and customer-managed policies on a permission set, AdministratorAccess included. */
const MAX_POLICIES = 20;

const policyReference = { name: model("ManagedPolicyName"), path: model("ManagedPolicyPath").optional() };
const managedPolicyArn = model("ManagedPolicyArn");

const permissionSetShape = {
  name: model("PermissionSetName").optional(),
  description: model("PermissionSetDescription").optional(),
  sessionDuration: sessionDuration.optional(),
  relayState: model("RelayState").optional(),
  tags: tags.optional(),
  existing: z.boolean().optional(),
  inlinePolicy: z
    .unknown()
    .superRefine((policy, ctx) => {
      for (const message of policyProblems(policy, "permissionSet.inlinePolicy")) {
        ctx.addIssue({ code: "custom", message, path: [], params: { absolute: true } });
      }
    })
    .optional(),
  customerManagedPolicies: z.array(z.object(policyReference)).optional(),
  permissionsBoundary: z
    .object({
      managedPolicyArn: managedPolicyArn.optional(),
      customerManagedPolicy: z.object(policyReference).optional(),
    })
    .optional(),
};

const groupShape = {
  displayName: notReserved("its own groups", trimmed(model("GroupDisplayName"))),
  description: model("SensitiveStringType").optional(),
  existing: z.boolean().optional(),
};

const addressShape = {
  streetAddress: model("SensitiveStringType").optional(),
  locality: model("SensitiveStringType").optional(),
  region: model("SensitiveStringType").optional(),
  postalCode: model("SensitiveStringType").optional(),
  country: model("SensitiveStringType").optional(),
};

/**
 * `2026-12-31T18:00:00Z`: a real instant, in UTC, to the second, as EventBridge Scheduler's at() takes it.
 * Unquoted in a stack file it still arrives as this string: the CLI's YAML decoder keeps timestamp-like
 * scalars as strings when decoding into interface{} (gopkg.in/yaml.v3 decode.go).
 */
export function isUtcInstant(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(value);
  return m !== null && new Date(value).toISOString() === `${value.slice(0, -1)}.000Z`;
}

const adminShape = {
  userName: notReserved(
    "its own users",
    model("UserName").refine((s) => !s.includes("::"), {
      error: (iss) =>
        `${show(iss.input)} contains "::", which separates the parts of a Pulumi URN, so it cannot be part of ` +
        "the user's resource names (<name>-user-<userName>)",
    }),
  ),
  existing: z.boolean().optional(),
  // Stricter than the model, which takes any text: it must look like an email address.
  email: model("SensitiveStringType")
    .refine((s) => EMAIL.test(s), { error: (iss) => `${show(iss.input)} is not a valid email address` })
    .optional(),
  givenName: trimmed(model("SensitiveStringType")).optional(),
  familyName: trimmed(model("SensitiveStringType")).optional(),
  displayName: trimmed(model("SensitiveStringType")).optional(),
  title: model("SensitiveStringType").optional(),
  nickname: trimmed(model("SensitiveStringType")).optional(),
  phoneNumber: model("SensitiveStringType").optional(),
  locale: model("SensitiveStringType").optional(),
  timezone: model("SensitiveStringType").optional(),
  preferredLanguage: model("SensitiveStringType").optional(),
  address: z.object(addressShape).optional(),
  expiresAt: text("an ISO-8601 UTC instant such as 2026-12-31T18:00:00Z", isUtcInstant).optional(),
};

const configShape = {
  instanceArn: text("an Identity Center instance ARN, arn:aws:sso:::instance/ssoins-…", (s) =>
    INSTANCE_ARN.test(s),
  ).optional(),
  identityStoreId: text("an identity store ID such as d-1234567890", (s) =>
    IDENTITY_STORE_ID.test(s),
  ).optional(),
  permissionSet: z.object(permissionSetShape).optional(),
  group: z.object(groupShape),
  accounts: z.array(accountId).optional(),
  organizationalUnits: z.array(organizationalUnitId).optional(),
  accountNames: z.array(trimmed(length(1, 50))).optional(),
  excludeAccounts: z.array(accountId).optional(),
  allAccounts: z.boolean().optional(),
  includeManagementAccount: z.boolean().optional(),
  assignmentConcurrency: z
    .number({ error: (iss) => `${show(iss.input)} is not a number` })
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 10, {
      error: (iss) =>
        `${show(iss.input)} is not valid: expected a whole number from 1 to 10, the most assignments ` +
        `IAM Identity Center lets one instance have in progress, or 0 for no bound in the program`,
    })
    .optional(),
  admins: z.array(z.object(adminShape)),
  accessPortalUrl: text("an https:// URL", (s) => /^https:\/\/[^\s/]+(\/\S*)?$/.test(s)).optional(),
  retainUsersOnDelete: z.boolean().optional(),
  secretSettings: z
    .array(
      text(
        `one of ${SECRET_CAPABLE.join(", ")}`,
        (s) => SECRET_CAPABLE.includes(s),
        (input) =>
          typeof input === "string" && input in WHY_NOT_SECRET
            ? `cannot be kept secret: ${WHY_NOT_SECRET[input]}, which cannot be secret; store it in plain text`
            : `is not a setting that can be secret: expected one of ${SECRET_CAPABLE.join(", ")}`,
      ),
    )
    .optional(),
};

const configSchema = z.object(configShape);
type ParsedConfig = z.infer<typeof configSchema>;

/** The config keys that the program reads, in the `admin-access` namespace. */
export const CONFIG_KEYS = Object.keys(configShape);

/** Where each nested object's allowed keys come from, so a typo is an error and not silently ignored. */
const SHAPES: ReadonlyArray<[pattern: RegExp, keys: string[]]> = [
  [/^$/, CONFIG_KEYS],
  [/^permissionSet$/, Object.keys(permissionSetShape)],
  [/^permissionSet\.customerManagedPolicies\[\d+\]$/, Object.keys(policyReference)],
  [/^permissionSet\.permissionsBoundary$/, ["managedPolicyArn", "customerManagedPolicy"]],
  [/^permissionSet\.permissionsBoundary\.customerManagedPolicy$/, Object.keys(policyReference)],
  [/^group$/, Object.keys(groupShape)],
  [/^admins\[\d+\]$/, Object.keys(adminShape)],
  [/^admins\[\d+\]\.address$/, Object.keys(addressShape)],
];

/** Renders a path the way it is written in config: `admins[1].email`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let row = new Uint32Array(b.length + 1);
  let next = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    next[0] = i;
    const ch = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (ch === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [row, next] = [next, row];
  }
  return row[b.length];
}

/**
 * A Levenshtein distance from one pattern of at most 32 characters to many texts, by Myers' bit-parallel
 * algorithm (J. ACM 46(3), 1999): linear in each text, which keeps did-you-mean over thousands of account
 * names well under a second. The same answers as editDistance, which tests hold it to.
 */
export function distanceFrom(pattern: string): (text: string) => number {
  const m = pattern.length;
  if (m === 0 || m > 32) return (text) => editDistance(pattern, text);
  const peq = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    peq.set(c, (peq.get(c) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  return (text) => {
    let pv = -1;
    let mv = 0;
    let score = m;
    for (let j = 0; j < text.length; j++) {
      const eq = peq.get(text.charCodeAt(j)) ?? 0;
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & last) score++;
      else if (mh & last) score--;
      ph = (ph << 1) | 1;
      mh = mh << 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
    }
    return score;
  };
}

/** The `count` candidates closest to `name`, ignoring case, nearest first (ties in the candidates' order). */
export function closest(name: string, candidates: readonly string[], count: number): string[] {
  const distance = distanceFrom(name.toLowerCase());
  const best: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const worst = best.length < count ? Infinity : best[best.length - 1].distance;
    if (Math.abs(candidate.length - name.length) >= worst) continue;
    const d = distance(candidate.toLowerCase());
    if (d >= worst) continue;
    const at = best.findIndex((b) => b.distance > d);
    best.splice(at < 0 ? best.length : at, 0, { candidate, distance: d });
    if (best.length > count) best.pop();
  }
  return best.map((b) => b.candidate);
}

function unknownKeyProblems(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) value.forEach((item, i) => unknownKeyProblems(item, `${path}[${i}]`, out));
  if (!isRecord(value)) return;
  const allowed = SHAPES.find(([pattern]) => pattern.test(path))?.[1];
  if (!allowed) return;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (allowed.includes(key)) {
      unknownKeyProblems(child, at, out);
      continue;
    }
    const near = allowed.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
    out.push(
      `${at}: unknown key${near ? `; did you mean "${near}"?` : ""} Allowed here: ${allowed.join(", ")}`,
    );
  }
}

/** Guardrails that span fields: no duplicate policy, at most 20 policies, exactly one kind of boundary. */
function guardrailProblems(ps: Record<string, unknown>, out: string[]): void {
  const refs = Array.isArray(ps.customerManagedPolicies) ? (ps.customerManagedPolicies as unknown[]) : [];
  const seen = new Map<string, number>();
  refs.forEach((ref, i) => {
    if (!isRecord(ref) || typeof ref.name !== "string") return;
    const key = policyKey({ name: ref.name, path: typeof ref.path === "string" ? ref.path : "/" });
    if (seen.has(key)) {
      out.push(
        `permissionSet.customerManagedPolicies[${i}]: ${show(key)} repeats permissionSet.customerManagedPolicies[${seen.get(key)}]; each policy may appear once`,
      );
    } else seen.set(key, i);
  });
  if (refs.length + 1 > MAX_POLICIES) {
    out.push(
      `permissionSet.customerManagedPolicies: ${refs.length} policies and AdministratorAccess make ${refs.length + 1}; ` +
        `a permission set may have at most ${MAX_POLICIES} managed and customer-managed policies`,
    );
  }
  const boundary = ps.permissionsBoundary;
  if (isRecord(boundary)) {
    const kinds = ["managedPolicyArn", "customerManagedPolicy"].filter((k) => boundary[k] !== undefined);
    if (kinds.length !== 1) {
      out.push(
        `permissionSet.permissionsBoundary: needs exactly one of managedPolicyArn and customerManagedPolicy${kinds.length === 2 ? ", not both" : ""}`,
      );
    }
  }
}

/** The rules that span fields: uniqueness, what new users need, what existing things cannot set. */
function crossFieldProblems(raw: Record<string, unknown>, out: string[]): void {
  const seen = new Map<string, string>();
  const duplicate = (kind: string, value: unknown, at: string): void => {
    if (typeof value !== "string" && typeof value !== "number") return;
    const key = String(value).toLowerCase();
    const first = seen.get(`${kind}:${key}`);
    if (first) out.push(`${at}: ${show(value)} repeats ${first}; each ${kind} may appear once`);
    else seen.set(`${kind}:${key}`, at);
  };
  const list = (key: string): unknown[] => (Array.isArray(raw[key]) ? (raw[key] as unknown[]) : []);
  list("accounts").forEach((id, i) => duplicate("account", id, `accounts[${i}]`));
  list("organizationalUnits").forEach((id, i) => duplicate("OU", id, `organizationalUnits[${i}]`));
  list("accountNames").forEach((name, i) => duplicate("account name", name, `accountNames[${i}]`));
  const listed = new Set(list("accounts").map(String));
  list("excludeAccounts").forEach((id, i) => {
    duplicate("exclusion", id, `excludeAccounts[${i}]`);
    if (listed.has(String(id)))
      out.push(`excludeAccounts[${i}]: ${show(id)} is also listed in accounts; keep one`);
  });
  const selectors = ["accounts", "organizationalUnits", "accountNames"];
  const hasTargets = raw.allAccounts === true || selectors.some((key) => list(key).length > 0);
  const accountsMistyped = raw.accounts !== undefined && !Array.isArray(raw.accounts); // reported already
  if (!hasTargets && !accountsMistyped) {
    out.push(
      "accounts: no target accounts: list account IDs in accounts, OU IDs in organizationalUnits or " +
        "account names in accountNames, or set allAccounts: true",
    );
  }

  const ignoredWhenExisting = (at: string, obj: Record<string, unknown>, managed: string[], what: string) => {
    if (obj.existing !== true) return;
    for (const key of managed.filter((k) => obj[k] !== undefined)) {
      out.push(
        `${at}.${key}: has no effect with existing: true; the existing ${what} is looked up, not managed`,
      );
    }
  };
  if (isRecord(raw.permissionSet)) guardrailProblems(raw.permissionSet, out);
  if (isRecord(raw.permissionSet)) {
    const managed = [
      "description",
      "sessionDuration",
      "relayState",
      "tags",
      "inlinePolicy",
      "customerManagedPolicies",
      "permissionsBoundary",
    ];
    ignoredWhenExisting("permissionSet", raw.permissionSet, managed, "permission set");
  }
  if (isRecord(raw.group)) ignoredWhenExisting("group", raw.group, ["description"], "group");

  if (!Array.isArray(raw.admins)) return;
  raw.admins.forEach((admin, i) => {
    if (!isRecord(admin)) return;
    const at = `admins[${i}]`;
    duplicate("userName", admin.userName, `${at}.userName`);
    duplicate("email", admin.email, `${at}.email`);
    if (admin.existing === true) {
      // An existing user is not managed here, but its access can still end.
      const managed = Object.keys(adminShape).filter(
        (k) => !["userName", "existing", "expiresAt"].includes(k),
      );
      ignoredWhenExisting(at, admin, managed, "user");
      return;
    }
    for (const key of ["email", "givenName", "familyName"].filter((k) => admin[k] === undefined)) {
      out.push(
        `${at}.${key}: is required for a new user (set existing: true to add a user that already exists)`,
      );
    }
  });
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // A nested validator (the inline policy's) states its own, deeper paths.
  if (issue.code === "custom" && (issue.params as { absolute?: boolean } | undefined)?.absolute)
    return issue.message;
  const at = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  if (issue.code === "invalid_type") {
    return input === undefined
      ? `${at}: is required`
      : `${at}: ${show(input)} is not ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
  }
  if (issue.code === "invalid_union")
    return `${at}: ${show(input)} is not an AWS account ID: expected 12 digits`;
  return `${at}: ${issue.message}`;
}

/** Every problem with a raw config, and the parsed config when there is none. */
function check(raw: unknown): { problems: string[]; parsed?: ParsedConfig } {
  if (!isRecord(raw)) return { problems: [`config: ${show(raw)} is not an object of admin-access settings`] };
  const problems: string[] = [];
  unknownKeyProblems(raw, "", problems);
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) problems.push(...parsed.error.issues.map(issueMessage));
  crossFieldProblems(raw, problems);
  return { problems, parsed: problems.length === 0 ? parsed.data : undefined };
}

/** Every problem with a raw config, each led by its path as written; empty when it is valid. */
export function configProblems(raw: unknown): string[] {
  return check(raw).problems;
}

/** A comparator by a string key, in code-unit order, so that sorting is the same in every locale. */
export const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Validates and normalizes raw config; throws one AdminAccessConfigError listing every problem. */
export function validateConfig(raw: unknown): AdminAccessSpec {
  const { problems, parsed: c } = check(raw);
  if (!c) throw new AdminAccessConfigError(problems);
  const ps = c.permissionSet ?? {};
  return {
    instanceArn: c.instanceArn,
    identityStoreId: c.identityStoreId,
    permissionSet: {
      name: ps.name ?? ADMINISTRATOR_POLICY,
      description: ps.description,
      sessionDuration: ps.sessionDuration ?? "PT1H",
      relayState: ps.relayState,
      tags: ps.tags ?? {},
      existing: ps.existing ?? false,
      inlinePolicy: ps.inlinePolicy as Record<string, unknown> | undefined,
      customerManagedPolicies: (ps.customerManagedPolicies ?? [])
        .map((p) => ({ name: p.name, path: p.path ?? "/" }))
        .sort(byKey(policyKey)),
      permissionsBoundary: ps.permissionsBoundary?.managedPolicyArn
        ? { managedPolicyArn: ps.permissionsBoundary.managedPolicyArn }
        : ps.permissionsBoundary?.customerManagedPolicy
          ? {
              customerManagedPolicy: {
                name: ps.permissionsBoundary.customerManagedPolicy.name,
                path: ps.permissionsBoundary.customerManagedPolicy.path ?? "/",
              },
            }
          : undefined,
    },
    group: { ...c.group, existing: c.group.existing ?? false },
    targets: {
      accounts: [...(c.accounts ?? [])].sort(),
      organizationalUnits: c.organizationalUnits ?? [],
      accountNames: c.accountNames ?? [],
      excludeAccounts: c.excludeAccounts ?? [],
      allAccounts: c.allAccounts ?? false,
      includeManagementAccount: c.includeManagementAccount ?? false,
    },
    assignmentConcurrency: c.assignmentConcurrency || undefined,
    admins: c.admins
      .map(({ existing, email, givenName, familyName, displayName, ...rest }): AdminSpec => {
        if (existing) {
          return {
            userName: rest.userName,
            existing: true,
            ...(rest.expiresAt ? { expiresAt: rest.expiresAt } : {}),
          };
        }
        // crossFieldProblems has rejected a new user without email, givenName or familyName.
        const [e, g, f] = [email as string, givenName as string, familyName as string];
        return {
          ...rest,
          existing: false,
          email: e,
          givenName: g,
          familyName: f,
          displayName: displayName ?? `${g} ${f}`,
        };
      })
      .sort(byKey((a) => a.userName)),
    accessPortalUrl: c.accessPortalUrl,
    retainUsersOnDelete: c.retainUsersOnDelete ?? false,
    secretSettings: [...new Set(c.secretSettings ?? [])].sort(),
  };
}
