// The AWS a live command reads: the stack's provider settings as `pulumi up` applies them (pulumi-aws 7's
// aws:profile, aws:region and aws:assumeRoles, node_modules/@pulumi/aws/config/vars.d.ts), unless --profile
// or --region override them, and the account the provider would refuse (aws:allowedAccountIds,
// aws:forbiddenAccountIds). A setting the provider reads that would take it to other credentials or another
// endpoint, and that these commands do not apply, is refused rather than ignored: they would read another
// account than the one `pulumi up` deploys to.
import { AssumeRole, CallerIdentity, ClientOptions, liveSession, StackClients } from "../live/clients";
import { LiveReader } from "../live/reader";
import { show } from "../components/values";
import { term } from "./render";
import { CommandError } from "./stackFile";
import { EXIT } from "./exitCodes";

/** The provider's settings that change whose credentials or which endpoint it uses, and why we refuse them. */
const UNAPPLIED: Record<string, string> = {
  "aws:assumeRole":
    "pulumi-aws 7 reads aws:assumeRoles (a list of roles), not aws:assumeRole; rename it so that `pulumi up` assumes the role too",
  "aws:assumeRoleWithWebIdentity": "the live commands do not assume a role with a web identity token",
  "aws:accessKey": "the live commands do not take keys from the stack",
  "aws:secretKey": "the live commands do not take keys from the stack",
  "aws:token": "the live commands do not take keys from the stack",
  "aws:sharedConfigFiles": "the live commands read the SDK's shared files (AWS_CONFIG_FILE)",
  "aws:sharedCredentialsFiles": "the live commands read the SDK's shared files (AWS_SHARED_CREDENTIALS_FILE)",
  "aws:endpoints": "the live commands take endpoints only from AWS_ENDPOINT_URL",
};

export interface AwsSettings {
  options: ClientOptions;
  allowedAccountIds?: string[];
  forbiddenAccountIds?: string[];
  /** Where each setting came from, for the line that says which AWS is read. */
  sources: string[];
}

/** Go's time.ParseDuration units, as the provider reads `duration` ("1h", "15m", "1h30m"), in seconds. */
const UNIT: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A duration's whole seconds, or undefined when it is not Go duration syntax. */
export function durationSeconds(text: string): number | undefined {
  if (!/^(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))*$/.test(text))
    return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g))
    total += Number(m[1]) * UNIT[m[2]];
  return Math.floor(total);
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/** One aws:assumeRoles entry as STS takes it, or its problems at `at`. */
function assumeRole(entry: unknown, at: string, problems: string[]): AssumeRole | undefined {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    problems.push(`${at}: must be an object with a roleArn`);
    return undefined;
  }
  const e = entry as Record<string, unknown>;
  const known = [
    "roleArn",
    "sessionName",
    "externalId",
    "duration",
    "policy",
    "policyArns",
    "tags",
    "transitiveTagKeys",
    "sourceIdentity",
  ];
  for (const key of Object.keys(e).filter((k) => !known.includes(k)))
    problems.push(`${at}.${key}: is not a setting of the provider's assumeRoles (${known.join(", ")})`);
  const text = (key: string) => {
    if (e[key] === undefined) return undefined;
    if (typeof e[key] === "string") return e[key] as string;
    problems.push(`${at}.${key}: must be a string`);
    return undefined;
  };
  const list = (key: string) => {
    if (e[key] === undefined) return undefined;
    if (isStrings(e[key])) return e[key] as string[];
    problems.push(`${at}.${key}: must be a list of strings`);
    return undefined;
  };
  const roleArn = text("roleArn");
  if (!roleArn) problems.push(`${at}.roleArn: is required (the ARN of the role to assume)`);
  const duration = text("duration");
  const seconds = duration === undefined ? undefined : durationSeconds(duration);
  if (duration !== undefined && (seconds === undefined || seconds < 900 || seconds > 43200))
    problems.push(`${at}.duration: ${show(duration)} is not a duration between 15m and 12h (e.g. 1h, 90m)`);
  const tags = e.tags;
  if (
    tags !== undefined &&
    (typeof tags !== "object" || tags === null || !Object.values(tags).every((v) => typeof v === "string"))
  )
    problems.push(`${at}.tags: must map tag keys to string values`);
  const role: AssumeRole = {
    roleArn: roleArn ?? "",
    sessionName: text("sessionName"),
    externalId: text("externalId"),
    durationSeconds: seconds,
    policy: text("policy"),
    policyArns: list("policyArns"),
    tags: tags as Record<string, string> | undefined,
    transitiveTagKeys: list("transitiveTagKeys"),
    sourceIdentity: text("sourceIdentity"),
  };
  return Object.fromEntries(Object.entries(role).filter(([, v]) => v !== undefined)) as AssumeRole;
}

/**
 * The AWS settings a live command applies: --profile and --region first, then the stack's (`config` as the
 * engine reads the stack file), else the SDK's own resolution. Every problem at once, as exit 1.
 */
export function awsSettings(
  file: string | undefined,
  stack: { config: Record<string, string>; secretKeys: readonly string[] } | undefined,
  flags: { profile?: string; region?: string },
): AwsSettings {
  const config = stack?.config ?? {};
  // An encrypted value reads as empty offline: a setting read as empty would send the command elsewhere.
  const problems = (stack?.secretKeys ?? [])
    .filter(
      (key) =>
        key.startsWith("aws:") &&
        !(flags.profile && (key in UNAPPLIED || key === "aws:profile")) &&
        !(flags.region && key === "aws:region"),
    )
    .map(
      (key) =>
        `${key}: is encrypted (secure:), and these commands cannot decrypt it; pass ` +
        "--profile and --region to choose the AWS yourself, or keep provider settings unencrypted",
    );
  const secret = new Set(stack?.secretKeys ?? []);
  const json = (key: string): unknown => {
    try {
      return JSON.parse(config[key]);
    } catch {
      return config[key];
    }
  };
  const sources: string[] = [];
  const from = (flag: string | undefined, key: string, name: string) => {
    if (flag) sources.push(`--${name}`);
    else if (config[key]) sources.push(`${file}'s ${key}`);
    return flag || config[key] || undefined;
  };
  const region = from(flags.region, "aws:region", "region");
  const profile = from(flags.profile, "aws:profile", "profile");
  // An explicit --profile is the operator's choice of base credentials: the stack's other ways to them yield
  // (its roles are still assumed from there, as `pulumi up` with that profile would).
  for (const key of Object.keys(UNAPPLIED).filter((k) => k in config && !secret.has(k) && !flags.profile))
    problems.push(
      `${key}: ${UNAPPLIED[key]}; without it the live commands could read another account than \`pulumi up\` ` +
        "deploys to (pass --profile to choose the credentials yourself)",
    );
  let assumeRoles: AssumeRole[] = [];
  if ("aws:assumeRoles" in config && !secret.has("aws:assumeRoles")) {
    const value = json("aws:assumeRoles");
    if (!Array.isArray(value)) problems.push("aws:assumeRoles: must be a list of { roleArn, ... }");
    else assumeRoles = value.flatMap((e, i) => assumeRole(e, `aws:assumeRoles[${i}]`, problems) ?? []);
    if (assumeRoles.length > 0) sources.push(`${file}'s aws:assumeRoles`);
  }
  const ids = (key: string) => {
    if (!(key in config)) return undefined;
    const value = json(key);
    if (isStrings(value)) return value;
    problems.push(`${key}: must be a list of account IDs`);
    return undefined;
  };
  const allowedAccountIds = ids("aws:allowedAccountIds");
  const forbiddenAccountIds = ids("aws:forbiddenAccountIds");
  if (problems.length > 0)
    throw new CommandError(
      // Keys and values are config content: hidden characters shown escaped, so none can rewrite the message.
      `${file ?? "the stack"}: the AWS provider settings:\n${problems.map((p) => `  - ${term(p)}`).join("\n")}`,
      EXIT.usage,
    );
  return {
    options: {
      ...(region ? { region } : {}),
      ...(profile ? { profile } : {}),
      ...(assumeRoles.length ? { assumeRoles } : {}),
    },
    allowedAccountIds,
    forbiddenAccountIds,
    sources,
  };
}

/**
 * The line a live command prints before it reads: the account, the identity and the region, and where the
 * settings came from. The provider refuses an account its allowed or forbidden lists exclude, and so does
 * the command (exit 4: the credentials, not the stack, are wrong).
 */
export function readingLine(settings: AwsSettings, who: CallerIdentity): string {
  const { allowedAccountIds: allowed, forbiddenAccountIds: forbidden } = settings;
  if ((allowed && !allowed.includes(who.account)) || forbidden?.includes(who.account)) {
    const list = allowed ? `aws:allowedAccountIds (${allowed.join(", ")})` : "aws:forbiddenAccountIds";
    throw new CommandError(
      `the credentials reach account ${term(who.account)} (${term(who.arn)}), which the stack's ${list} ` +
        "excludes: `pulumi up` would refuse it too; choose the credentials with --profile or aws:profile",
      EXIT.aws,
    );
  }
  const via = settings.sources.length ? settings.sources.join(", ") : "the SDK's default chain";
  return `reading account ${term(who.account)} as ${term(who.arn)} in ${term(who.region)} (from ${term(via)})\n`;
}

/** The live view of the AWS these settings reach, and the line that says which account and region it is. */
export async function connect(
  settings: AwsSettings,
): Promise<{ reader: LiveReader; stack: StackClients; region: string; line: string }> {
  const session = liveSession(settings.options);
  const who = await session.identity();
  return {
    reader: new LiveReader(session.clients),
    stack: session.stack,
    region: who.region,
    line: readingLine(settings, who),
  };
}
