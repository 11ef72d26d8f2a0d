// What the AWS API models allow in each field the program sends, kept as data so that an update of the
// models is a reviewed diff. Copied from botocore (boto/botocore at cd9207757d459bba9c524475b601e59f55760a3a):
// botocore/data/sso-admin/2020-07-20/service-2.json and botocore/data/identitystore/2020-06-15/service-2.json,
// the models every AWS SDK is generated from. Their patterns are Java regular expressions matched against the
// whole value; `\w` is ASCII in Java as in JavaScript, and `\p{…}` are the same Unicode categories.

export interface ModelShape {
  /** The model file's service and the shape's name. */
  model: "sso-admin" | "identitystore";
  shape: string;
  min: number;
  max: number;
  /** The model's pattern, as written there. */
  pattern: string;
  /** What the pattern allows, in plain language, for messages. */
  allows: string;
}

const IDENTITY_TEXT = "letters, accents, symbols (emoji too), digits, punctuation and spaces";

export const MODEL: Readonly<Record<string, ModelShape>> = {
  PermissionSetName: {
    model: "sso-admin",
    shape: "PermissionSetName",
    min: 1,
    max: 32,
    pattern: "^[\\w+=,.@-]+$",
    allows: "ASCII letters, digits and _+=,.@- only",
  },
  PermissionSetDescription: {
    model: "sso-admin",
    shape: "PermissionSetDescription",
    min: 1,
    max: 700,
    pattern: "^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*$",
    allows:
      "Latin-1 characters only (Western European letters, digits, punctuation and spaces; no emoji or other scripts)",
  },
  // Duration's pattern is the model's; the program is stricter still: PT1H to PT12H (config.ts).
  Duration: {
    model: "sso-admin",
    shape: "Duration",
    min: 1,
    max: 100,
    pattern:
      "^(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$",
    allows: "an ISO-8601 duration",
  },
  RelayState: {
    model: "sso-admin",
    shape: "RelayState",
    min: 1,
    max: 240,
    pattern: "^[a-zA-Z0-9&$@#\\\\\\/%?=~\\-_'\"|!:,.;*+\\[\\]\\ \\(\\)\\{\\}]+$",
    allows: "ASCII letters, digits, spaces and &$@#\\/%?=~-_'\"|!:,.;*+[](){} only",
  },
  TagKey: {
    model: "sso-admin",
    shape: "TagKey",
    min: 1,
    max: 128,
    pattern: "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
    allows: "letters, digits, spaces and _.:/=+-@ only",
  },
  TagValue: {
    model: "sso-admin",
    shape: "TagValue",
    min: 0,
    max: 256,
    pattern: "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$",
    allows: "letters, digits, spaces and _.:/=+-@ only",
  },
  ManagedPolicyArn: {
    model: "sso-admin",
    shape: "ManagedPolicyArn",
    min: 20,
    max: 2048,
    pattern:
      "^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy/[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]+$",
    allows: "an AWS managed policy ARN, arn:<partition>:iam::aws:policy/<name>",
  },
  ManagedPolicyName: {
    model: "sso-admin",
    shape: "ManagedPolicyName",
    min: 1,
    max: 128,
    pattern: "^[\\w+=,.@-]+$",
    allows: "ASCII letters, digits and _+=,.@- only",
  },
  ManagedPolicyPath: {
    model: "sso-admin",
    shape: "ManagedPolicyPath",
    min: 1,
    max: 512,
    pattern: "^((/[A-Za-z0-9\\.,\\+@=_-]+)*)/$",
    allows:
      'a path that starts and ends with "/", such as / or /guardrails/, of ASCII letters, digits and .,+@=_-',
  },
  PermissionSetPolicyDocument: {
    model: "sso-admin",
    shape: "PermissionSetPolicyDocument",
    min: 1,
    max: 32768,
    pattern: "^[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+$",
    allows: "Latin-1 characters only (write others as \\u escapes in the JSON)",
  },
  UserName: {
    model: "identitystore",
    shape: "UserName",
    min: 1,
    max: 128,
    pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    allows: "letters, accents, symbols, digits and punctuation, no spaces",
  },
  GroupDisplayName: {
    model: "identitystore",
    shape: "GroupDisplayName",
    min: 1,
    max: 1024,
    pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0]+",
    allows: `${IDENTITY_TEXT} (ordinary and no-break spaces only)`,
  },
  SensitiveStringType: {
    model: "identitystore",
    shape: "SensitiveStringType",
    min: 1,
    max: 1024,
    pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \\u00a0\\u3000]+",
    allows: `${IDENTITY_TEXT} (ordinary, no-break and ideographic spaces only)`,
  },
};

/**
 * A model pattern as a JavaScript regular expression over the whole value. Java accepts an escaped
 * character that needs no escape (`\ `); JavaScript's Unicode mode does not, so such escapes are unwrapped.
 */
export function modelRegExp(shape: ModelShape): RegExp {
  const source = shape.pattern.replace(/\\([ '"])/g, "$1");
  return new RegExp(`^(?:${source})$`, "u");
}

const compiled = new Map<string, RegExp>();

/** Does AWS accept this value for the shape: its length in characters, and its pattern? */
export function modelAccepts(key: string, value: string): boolean {
  const shape = MODEL[key];
  let regExp = compiled.get(key);
  if (!regExp) compiled.set(key, (regExp = modelRegExp(shape)));
  // Characters, not UTF-16 units; spread into an array only when a surrogate pair makes them differ.
  const length = /[\uD800-\uDFFF]/.test(value) ? [...value].length : value.length;
  return length >= shape.min && length <= shape.max && regExp.test(value);
}
