import * as assert from "assert";
import { MODEL, modelAccepts, modelRegExp } from "../../components/awsModel";
import { nameProblem } from "../../components/validation/names";
import { configProblems } from "../../components/config";
import { validArgs } from "../fixtures";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw config, as YAML produces it
type Raw = Record<string, any>;

/** Every string the program sends to AWS: where it is in config, its shape in the model, how to set it. */
const FIELDS: [path: string, shape: string, set: (c: Raw, v: string) => void][] = [
  ["permissionSet.name", "PermissionSetName", (c, v) => (c.permissionSet.name = v)],
  ["permissionSet.description", "PermissionSetDescription", (c, v) => (c.permissionSet.description = v)],
  ["permissionSet.relayState", "RelayState", (c, v) => (c.permissionSet.relayState = v)],
  ["permissionSet.tags.", "TagKey", (c, v) => (c.permissionSet.tags = { [v]: "x" })],
  ["permissionSet.tags.team", "TagValue", (c, v) => (c.permissionSet.tags = { team: v })],
  [
    "permissionSet.customerManagedPolicies[0].name",
    "ManagedPolicyName",
    (c, v) => (c.permissionSet.customerManagedPolicies = [{ name: v }]),
  ],
  [
    "permissionSet.customerManagedPolicies[0].path",
    "ManagedPolicyPath",
    (c, v) => (c.permissionSet.customerManagedPolicies = [{ name: "P", path: v }]),
  ],
  [
    "permissionSet.permissionsBoundary.managedPolicyArn",
    "ManagedPolicyArn",
    (c, v) => (c.permissionSet.permissionsBoundary = { managedPolicyArn: v }),
  ],
  ["group.displayName", "GroupDisplayName", (c, v) => (c.group.displayName = v)],
  ["group.description", "SensitiveStringType", (c, v) => (c.group.description = v)],
  ["admins[0].userName", "UserName", (c, v) => (c.admins[0].userName = v)],
  ...[
    "email",
    "givenName",
    "familyName",
    "displayName",
    "nickname",
    "title",
    "phoneNumber",
    "locale",
    "timezone",
    "preferredLanguage",
  ].map((f): [string, string, (c: Raw, v: string) => void] => [
    `admins[0].${f}`,
    "SensitiveStringType",
    (c, v) => (c.admins[0][f] = v),
  ]),
  ...["streetAddress", "locality", "region", "postalCode", "country"].map(
    (f): [string, string, (c: Raw, v: string) => void] => [
      `admins[0].address.${f}`,
      "SensitiveStringType",
      (c, v) => (c.admins[0].address = { [f]: v }),
    ],
  ),
];

/** One character each, set inside a value the field otherwise accepts. */
const PROBES: Record<string, string> = {
  emoji: "🚀",
  cjk: "管",
  "zero-width space": "\u200b",
  "right-to-left override": "\u202e",
  "left-to-right isolate": "\u2066",
  "line separator": "\u2028",
  "paragraph separator": "\u2029",
  "em space": "\u2003",
  "no-break space": "\u00a0",
  "ideographic space": "\u3000",
  bell: "\u0007",
  escape: "\u001b",
  tab: "\t",
  newline: "\n",
  "carriage return": "\r",
  "next line (C1)": "\u0085",
  "private use": "\ue000",
  "less-than": "<",
  caret: "^",
  hash: "#",
  "latin-1 letter": "é",
  space: " ",
  ascii: "x",
};

/** A value of the field's form with `core` inside: a path stays a path, an ARN an ARN, an email an email. */
function value(path: string, core: string): string {
  if (path.endsWith(".path")) return `/${core}/`;
  if (path.endsWith("managedPolicyArn")) return `arn:aws:iam::aws:policy/${core}`;
  if (path.endsWith(".email")) return `a${core}b@example.com`;
  return core;
}

const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/**
 * Where the validation is deliberately stricter than the model, and why. Every value refused while AWS would
 * accept it must have a reason here:
 * - control and invisible characters (tab, newline, carriage return, zero-width, bidirectional controls,
 *   line and paragraph separators), which the identity-store and description patterns allow: they can rewrite
 *   or hide what a reviewer reads in a terminal or a pull request;
 * - an email that does not look like an email address (the model takes any text);
 * - default-ignorable or blank characters and strings not in NFC, in userName and email a mix of scripts,
 *   and in a group's display name a word of mixed scripts (#33: `Admіns` with a Cyrillic і)
 *   (components/validation/names.ts): a name must read as what it is.
 */
function stricter(path: string, v: string): string | undefined {
  if (HIDDEN.test(v)) return "control or invisible character";
  const scripts =
    path.endsWith(".userName") || path.endsWith(".email") || (path === "group.displayName" && "words");
  if (nameProblem(v, scripts)) return "reads as another name";
  if (path.endsWith(".email") && !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(v)) return "not an email address";
  return undefined;
}

const problemsAt = (path: string, set: (c: Raw, v: string) => void, v: string) => {
  const config = structuredClone(validArgs()) as Raw;
  set(config, v);
  return configProblems(config).filter((p) => p.startsWith(path));
};

describe("validation against the AWS API models", () => {
  it("every model pattern compiles as JavaScript and matches the whole value", () => {
    for (const [key, shape] of Object.entries(MODEL)) {
      const regExp = modelRegExp(shape);
      assert.ok(regExp.flags.includes("u"), key);
      assert.ok(regExp.source.startsWith("^(?:") && regExp.source.endsWith(")$"), key);
    }
    assert.ok(
      modelAccepts("RelayState", "https://console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:"),
    );
    assert.ok(!modelAccepts("PermissionSetDescription", "Admins 🚀"));
  });

  for (const [path, shape, set] of FIELDS) {
    it(`${path} refuses every probe the model ${MODEL[shape].model} ${shape} refuses`, () => {
      const unexplained: string[] = [];
      for (const [label, probe] of Object.entries(PROBES)) {
        const v = value(path, `Ad${probe}min`);
        const refused = problemsAt(path, set, v);
        if (!modelAccepts(shape, v)) {
          assert.ok(refused.length > 0, `${path} accepts ${label} (${JSON.stringify(v)}), which AWS refuses`);
        } else if (refused.length > 0 && !stricter(path, v)) {
          unexplained.push(`${label}: ${refused.join("; ")}`);
        }
      }
      assert.deepStrictEqual(unexplained, [], "refused although AWS accepts, with no stated reason");
    });
  }

  it("lengths: the model's maximum passes and one more character does not", () => {
    for (const [path, shape, set] of FIELDS) {
      const max = MODEL[shape].max;
      const filler = (n: number) => {
        const plain = value(path, "");
        return value(path, "a".repeat(Math.max(0, n - plain.length)));
      };
      if (max <= 2048) {
        assert.deepStrictEqual(problemsAt(path, set, filler(max)), [], `${path} at ${max}`);
        assert.ok(problemsAt(path, set, filler(max + 1)).length > 0, `${path} at ${max + 1}`);
      }
    }
  });

  it("messages name the path, the value with hidden characters escaped, and what the field allows", () => {
    assert.deepStrictEqual(
      problemsAt("permissionSet.relayState", (c, v) => (c.permissionSet.relayState = v), "https://x/<a>"),
      [
        'permissionSet.relayState: "https://x/<a>" contains "<", which AWS does not allow here: ASCII letters, digits, spaces and &$@#\\/%?=~-_\'"|!:,.;*+[](){} only',
      ],
    );
    assert.deepStrictEqual(
      problemsAt("admins[0].title", (c, v) => (c.admins[0].title = v), "SRE\u2003lead"),
      [
        'admins[0].title: "SRE\\u2003lead" contains "\\u2003", which AWS does not allow here: letters, accents, symbols (emoji too), digits, punctuation and spaces (ordinary, no-break and ideographic spaces only)',
      ],
    );
  });
});
