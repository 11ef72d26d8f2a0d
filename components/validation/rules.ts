// The string and ID rules every config section builds on: each states its rule once, for both the check
// and the message, and refuses hidden characters that could forge what a reviewer reads.
import { z } from "zod";
import { MODEL, modelAccepts, modelRegExp } from "../awsModel";
import { hiddenIn, show, visible } from "../values";
import { durationSeconds } from "./formats";

const RESERVED_NAMES = ["administrator", "awsadministrators"];
const ACCOUNT_ID = /^\d{12}$/;

const chars = (s: string): number => [...s].length;

/** A string whose rule is stated once, for both the check and the message; never with hidden characters. */
export function text(
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
export const trimmed = (base: z.ZodType<string>) =>
  base.refine((s) => s === s.trim(), {
    abort: true,
    error: (iss) => `${show(iss.input)} has leading or trailing whitespace; remove it`,
  });

export const length = (min: number, max: number) =>
  text(`${min} to ${max} characters`, (s) => chars(s) >= min && chars(s) <= max);

/** Shapes whose pattern is one character class, so that a message can name the first character refused. */
const CHARACTER_CLASS = /^\^?\(?\[[^\]]*(\\\][^\]]*)*\]\)?[+*]\)?\$?$/;

/**
 * A string as the AWS API model allows it for a shape (components/awsModel.ts): its length, then its pattern,
 * after the project's own rule against control and invisible characters (text()).
 */
export const model = (key: string) => {
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

export const sessionDuration = text(
  "an ISO-8601 duration from PT1H to PT12H, such as PT4H or PT2H30M",
  (s) => {
    const seconds = durationSeconds(s);
    return seconds !== undefined && seconds >= 3600 && seconds <= 43200;
  },
);

export const notReserved = (what: string, base: z.ZodType<string>) =>
  base.refine((s) => !RESERVED_NAMES.includes(s.toLowerCase()), {
    error: (iss) =>
      `${show(iss.input)} is reserved by IAM Identity Center for ${what}; Administrator and AWSAdministrators cannot be used`,
  });

/**
 * An account ID as written: a string of 12 digits. YAML and `pulumi config set --path` turn unquoted
 * digits into numbers, which is harmless only while no leading zero was lost.
 */
export const accountId = z.union([z.string(), z.number()]).transform((value, ctx) => {
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
export const organizationalUnitId = text(
  "an OU ID such as ou-ab12-cdef3456",
  (s) => OU_ID.test(s),
  (input) =>
    // Nothing but allAccounts reaches every account: a root ID or a wildcard must not over-grant.
    WHOLE_ORGANIZATION.test(String(input))
      ? "would mean the whole organization, which only allAccounts: true selects; list OU IDs (ou-…) here"
      : "is not valid: expected an OU ID such as ou-ab12-cdef3456",
);
