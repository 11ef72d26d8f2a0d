// Generated stack files for the differential test against the real Pulumi CLI: every key of Pulumi.yaml in
// every spelling, two spellings of one key, secrets, wrong types, YAML anchors and merges, and the plain
// scalars whose meaning differs between YAML readers. Deterministic: the same list on every run.
import fc from "fast-check";
import { tree, yaml } from "../hostile";

/** Ciphertexts the CLI produced for the shared passphrase and salt (see cli.test.ts). */
export interface Secrets {
  salt: string;
  /** A string encrypted by the CLI. */
  text: string;
}

export interface StackCase {
  name: string;
  text: string;
  /** The file writes one key in two or more spellings. */
  twoSpellings: boolean;
  /** Why the reader refuses a file the CLI accepts, for the few it refuses on purpose. */
  deliberate?: string;
}

const NS = "admin-access";
/** Generated values held to the CLI: each a file of its own, about a second of CLI time each. */
const GENERATED = 24;

/** A valid value of every key, as YAML flow text. */
const VALID: Record<string, string> = {
  instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
  identityStoreId: "d-1234567890",
  permissionSet: "{name: Admins, sessionDuration: PT2H, tags: {team: platform}}",
  group: "{displayName: Admins, description: The admins}",
  accounts: "['012345678901']",
  organizationalUnits: "[ou-ab12-cdef3456]",
  accountNames: "[Shared Services]",
  excludeAccounts: "['111111111111']",
  allAccounts: "true",
  includeManagementAccount: "true",
  assignmentConcurrency: "4",
  admins: "[{userName: bob, existing: true}]",
  accessPortalUrl: "https://example.awsapps.com/start",
  retainUsersOnDelete: "true",
  secretSettings: "[group]",
};

/** A second valid value, so that two spellings of one key can disagree. */
const OTHER: Record<string, string> = {
  ...VALID,
  instanceArn: "arn:aws:sso:::instance/ssoins-abcdef1234567890",
  identityStoreId: "d-0987654321",
  permissionSet: "{name: Other}",
  group: "{displayName: Others}",
  accounts: "['210987654321']",
  organizationalUnits: "[]",
  accountNames: "[Other]",
  excludeAccounts: "[]",
  allAccounts: "false",
  includeManagementAccount: "false",
  assignmentConcurrency: "2",
  admins: "[{userName: alice, existing: true}]",
  accessPortalUrl: "https://other.awsapps.com/start",
  retainUsersOnDelete: "false",
  secretSettings: "[]",
};

const KEYS = Object.keys(VALID);
const FORMS = [(k: string) => `${NS}:${k}`, (k: string) => `${NS}:config:${k}`, (k: string) => k];

/** The required keys, so that a case is about what it varies. */
const REQUIRED = [`${NS}:group: ${VALID.group}`, `${NS}:admins: ${VALID.admins}`];

/** A wrong value for each declared type. */
const WRONG: Record<string, string[]> = {
  string: ["[a, b]", "{a: 1}"],
  integer: ["four", "2.5", "'4.0'", "[4]", "9223372036854775808", "'+7'"],
  boolean: ["yes", "'True'", "1", "[true]", "on"],
  object: ["Admins", "[a]", "~", "''"],
  array: ["'012345678901'", "[12345678901]", "[a, [b]]", "[{a: 1}]", "[~]", "{a: 1}"],
  objects: ["[bob]", "[{userName: bob}, 4]", "{userName: bob}", "[[]]"],
};

const TYPE_OF: Record<string, keyof typeof WRONG> = {
  instanceArn: "string",
  identityStoreId: "string",
  accessPortalUrl: "string",
  permissionSet: "object",
  group: "object",
  accounts: "array",
  organizationalUnits: "array",
  accountNames: "array",
  excludeAccounts: "array",
  secretSettings: "array",
  allAccounts: "boolean",
  includeManagementAccount: "boolean",
  retainUsersOnDelete: "boolean",
  assignmentConcurrency: "integer",
  admins: "objects",
};

/** Plain scalars whose meaning depends on the YAML reader, and a few quoted ones. */
const SCALARS = [
  "0x10",
  "-0x10",
  "0o17",
  "010",
  "08",
  "0b101",
  "012345678901",
  "123456789012",
  "1e3",
  "1E3",
  "1.5",
  ".5",
  "+.5",
  "+5",
  "-0",
  "-0.0",
  "1_000",
  "1e21",
  "1e-7",
  "0.1",
  "1e400",
  "9223372036854775807",
  "9223372036854775808",
  "18446744073709551616",
  "yes",
  "no",
  "on",
  "True",
  "FALSE",
  "~",
  "null",
  "NULL",
  "",
  ".inf",
  "-.Inf",
  ".nan",
  "2001-12-14",
  "2001-1-2",
  "2001-02-30",
  "2001-12-14T21:59:43.10Z",
  "2001-12-14 21:59:43",
  "2001-12-14t21:59:43.123456789999Z",
  "12:30:00",
  "'0x10'",
  '"1e3"',
  "'~'",
  '"a<b>&c"',
  '"tab\\there"',
  "!!str 0x10",
];

/** Where a scalar is put: a key of each declared type, a list, an object, another namespace. */
const PLACES: Array<(v: string) => string[]> = [
  (v) => [`${NS}:instanceArn: ${v}`],
  (v) => [`${NS}:assignmentConcurrency: ${v}`],
  (v) => [`${NS}:allAccounts: ${v}`],
  (v) => [`${NS}:accounts:`, `    - ${v}`],
  (v) => [`${NS}:permissionSet:`, `    name: ${v}`],
  (v) => [`aws:region: ${v}`],
];

/** A stack file's text: the config lines, indented, after any top-level lines. */
const file = (config: string[], top: string[] = [], salt?: string) =>
  [...(salt ? [`encryptionsalt: ${salt}`] : []), ...top, "config:", ...config.map((l) => `  ${l}`), ""].join(
    "\n",
  );

/** Every generated case. */
export function stackCases(secrets: Secrets): StackCase[] {
  const cases: StackCase[] = [];
  const add = (name: string, config: string[], twoSpellings = false, top: string[] = []) =>
    cases.push({ name, text: file(config, top, secrets.salt), twoSpellings });

  // Every key in every spelling, alone with the required keys and all together.
  for (const key of KEYS) {
    FORMS.forEach((form, i) => {
      const rest = REQUIRED.filter((l) => !l.startsWith(`${NS}:${key}:`));
      add(`key ${key} form ${i}`, [...rest, `${form(key)}: ${VALID[key]}`]);
    });
  }
  FORMS.forEach((form, i) =>
    add(
      `every key form ${i}`,
      KEYS.map((k) => `${form(k)}: ${VALID[k]}`),
    ),
  );
  add(
    "every key, mixed forms",
    KEYS.map((k, i) => `${FORMS[i % 3](k)}: ${VALID[k]}`),
  );

  // Two spellings of one key: every pair of forms, with different and with equal values; and all three.
  for (const key of KEYS) {
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      const rest = REQUIRED.filter((l) => !l.startsWith(`${NS}:${key}:`));
      add(
        `${key} forms ${a}+${b} differ`,
        [...rest, `${FORMS[a](key)}: ${VALID[key]}`, `${FORMS[b](key)}: ${OTHER[key]}`],
        true,
      );
    }
    add(
      `${key} forms 0+2 equal`,
      [
        ...REQUIRED.filter((l) => !l.startsWith(`${NS}:${key}:`)),
        `${key}: ${VALID[key]}`,
        `${NS}:${key}: ${VALID[key]}`,
      ],
      true,
    );
  }
  add(
    "allAccounts in three spellings",
    [...REQUIRED, `${NS}:allAccounts: true`, `${NS}:config:allAccounts: false`, "allAccounts: true"],
    true,
  );
  add(
    "aws:region in two spellings",
    [...REQUIRED, "aws:region: eu-west-1", "aws:config:region: us-east-1"],
    true,
  );
  add(
    "the over-grant",
    [
      ...REQUIRED,
      `${NS}:accounts: ['012345678901']`,
      `${NS}:config:allAccounts: true`,
      `${NS}:allAccounts: false`,
    ],
    true,
  );

  // Wrong types for every key, and missing required keys.
  for (const key of KEYS) {
    for (const value of WRONG[TYPE_OF[key]]) {
      const rest = REQUIRED.filter((l) => !l.startsWith(`${NS}:${key}:`));
      add(`${key} wrong ${value}`, [...rest, `${NS}:${key}: ${value}`]);
    }
  }
  add("no group", [REQUIRED[1]]);
  add("no admins", [REQUIRED[0]]);
  add("neither required key", ["aws:region: eu-west-1"]);
  add("required keys null", [`${NS}:group: ~`, `${NS}:admins:`]);

  // Unusual scalars in every place.
  // Two places each (a typed key, and a list, an object or another namespace), which keeps the CLI runs few.
  SCALARS.forEach((value, j) => {
    for (const i of [j % 3, 3 + ((j + 1) % 3)]) {
      add(`scalar ${JSON.stringify(value)} at ${i}`, [...REQUIRED, ...PLACES[i](value)]);
    }
  });

  // Secrets: top level, for a typed key, under another namespace, nested.
  const secure = `{secure: ${secrets.text}}`;
  add("secret instanceArn", [...REQUIRED, `${NS}:instanceArn: ${secure}`]);
  add("secret group (a string where an object is declared)", [REQUIRED[1], `${NS}:group: ${secure}`]);
  add("secret aws key", [...REQUIRED, `aws:secretKey: ${secure}`]);
  add("secret inside an admin", [
    REQUIRED[0],
    `${NS}:admins: [{userName: bob, existing: true, email: ${secure}}]`,
  ]);
  add("secret inside an account list", [...REQUIRED, `${NS}:accounts: [${secure}]`]);
  add("secret bare key", [...REQUIRED, `accessPortalUrl: ${secure}`]);
  add(
    "secret and plain spellings",
    [...REQUIRED, `${NS}:instanceArn: ${secure}`, `instanceArn: ${VALID.instanceArn}`],
    true,
  );
  add("secure is not a string", [...REQUIRED, `${NS}:permissionSet: {secure: 4}`]);
  add("secure with another key", [...REQUIRED, `${NS}:permissionSet: {secure: x, name: y}`]);

  // Anchors and merges.
  const base = ["base: &base", `  ${NS}:allAccounts: true`, `  ${NS}:group: ${VALID.group}`];
  add("merge a base", [`<<: *base`, REQUIRED[1]], false, base);
  add("merge a base, explicit key wins", [`<<: *base`, REQUIRED[1], `${NS}:allAccounts: false`], false, base);
  add(
    "merge a base, other spelling",
    [`<<: *base`, REQUIRED[1], `${NS}:config:allAccounts: false`],
    true,
    base,
  );
  add("merge a base, bare spelling", [`<<: *base`, REQUIRED[1], "allAccounts: false"], true, base);
  add("merge two bases, the first wins", [`<<: [*a, *b]`, ...REQUIRED], false, [
    "a: &a",
    `  ${NS}:assignmentConcurrency: 3`,
    "b: &b",
    `  ${NS}:assignmentConcurrency: 5`,
    `  ${NS}:retainUsersOnDelete: true`,
  ]);
  add("anchor a value", [
    ...REQUIRED,
    `${NS}:accounts: &ids ['012345678901']`,
    `${NS}:excludeAccounts: *ids`,
  ]);
  add("anchor a list item", [
    `${NS}:group: &g {displayName: Admins}`,
    `${NS}:admins: [{userName: bob, existing: true, displayName: x}]`,
    `${NS}:permissionSet: *g`,
  ]);
  add("merge inside a value", [
    REQUIRED[1],
    `${NS}:group: {<<: {displayName: A, description: D}, displayName: B}`,
  ]);
  add("merge a scalar", [...REQUIRED, `${NS}:permissionSet: {<<: x}`]);
  add("alias to a scalar", [...REQUIRED, `aws:region: &r eu-west-1`, `aws:profile: *r`]);
  cases.push({
    name: "the whole config is an alias",
    text: [
      `encryptionsalt: ${secrets.salt}`,
      "base: &all",
      ...REQUIRED.map((l) => `  ${l}`),
      "config: *all",
      "",
    ].join("\n"),
    twoSpellings: false,
  });
  add("a block scalar", [
    ...REQUIRED,
    "aws:region: |",
    "  eu-west-1",
    `${NS}:instanceArn: >-`,
    "  folded",
    "  text",
  ]);

  // Keys the CLI parses, or refuses.
  add("a key of three parts", [...REQUIRED, `${NS}:x:accounts: []`]);
  add("a key of four parts", [...REQUIRED, `${NS}:config:x:y: 1`]);
  add("an unknown key of the project", [...REQUIRED, `${NS}:acounts: ['012345678901']`]);
  add("a bare unknown key", [...REQUIRED, "acounts: ['012345678901']"]);
  add("a namespace slip", [...REQUIRED, `admin-acess:excludeAccounts: ['012345678901']`]);
  add("a path-like key", [...REQUIRED, "aws:tags.team: platform"]);
  add("a numeric key", [...REQUIRED, "1: one"]);
  add("a boolean key", [...REQUIRED, "true: yes"]);
  add("a null key", [...REQUIRED, "~: nothing"]);
  cases[cases.length - 1].deliberate = "the CLI drops a null key of the config map without a word";
  add("a zoned timestamp", [...REQUIRED, "aws:x: 2001-12-14T21:59:43+02:00"]);
  cases[cases.length - 1].deliberate = "the CLI writes it in its machine's local time zone";
  add("an explicit tag", [...REQUIRED, "aws:x: !!int 0x10"]);
  cases[cases.length - 1].deliberate = "explicit tags other than !!str are refused";
  add("a numeric key inside a value", [...REQUIRED, `${NS}:permissionSet: {tags: {1: one}}`]);
  add("keys of every kind inside a value", [
    ...REQUIRED,
    "aws:x: {~: n, 0x10: h, 010: o, 1e3: f, 1e6: m, 2.5: d, true: t, 2001-12-14: ts}",
  ]);
  // Keys named like Object.prototype members: plain keys to the CLI, so to the reader too.
  const PROTO = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"];
  add("keys named like Object.prototype members, in every place", [
    REQUIRED[1],
    `${NS}:group: {displayName: Admins, ${PROTO.map((k) => `${k}: x`).join(", ")}}`,
    ...PROTO.map((k) => `${NS}:${k}: {allAccounts: true}`),
    `aws:x: {${PROTO.map((k) => `${k}: {${k}: [${k}]}`).join(", ")}}`,
    `${NS}:permissionSet: {tags: {${PROTO.map((k) => `${k}: v`).join(", ")}}}`,
  ]);
  add("bare keys named like Object.prototype members", [...REQUIRED, ...PROTO.map((k) => `${k}: 1`)]);
  // Instants: an impossible one stays a string; a possible one is handed over as Go's time.Time.String().
  const INSTANTS = ["2026-12-31T23:59:60Z", "2026-13-01T00:00:00Z", "2026-11-01T99:00:00Z", "2026-00-10"];
  add("impossible and possible instants, unquoted", [
    ...REQUIRED,
    ...[...INSTANTS, "2026-11-01T00:00:00Z", "2026-11-01 10:00:00.5"].map((t, i) => `aws:t${i}: ${t}`),
    `aws:nested: {at: 2026-11-01T00:00:00Z, never: 2026-02-30}`,
  ]);
  // Generated values (fast-check, seeded, so the same files on every run), each under its own key.
  fc.sample(tree, { seed: 34, numRuns: GENERATED }).forEach((value, i) =>
    add(`generated value ${i}`, [...REQUIRED, `aws:g${i}: ${yaml(value)}`]),
  );
  add("an unquoted expiresAt", [
    REQUIRED[0],
    `${NS}:admins: [{userName: bob, existing: true, expiresAt: 2026-11-01T00:00:00Z}]`,
  ]);
  add("a quoted numeric key inside a value", [...REQUIRED, `${NS}:permissionSet: {tags: {'1': one}}`]);
  add("the same key twice", [...REQUIRED, `${NS}:allAccounts: true`, `${NS}:allAccounts: false`]);
  add("the same key quoted and plain", [
    ...REQUIRED,
    `${NS}:allAccounts: true`,
    `'${NS}:allAccounts': false`,
  ]);
  add("keys sorted differently by bytes", [
    ...REQUIRED,
    `${NS}:permissionSet: {tags: {b: 1, B: 2, é: 3, a: 4}}`,
  ]);
  add("an unusual string inside an object", [
    REQUIRED[1],
    `${NS}:group: {displayName: "<Admins> & \\u2028 \\u00e9"}`,
  ]);

  // Whole-file shapes.
  cases.push({ name: "an empty file", text: "", twoSpellings: false });
  cases.push({
    name: "config is null",
    text: `encryptionsalt: ${secrets.salt}\nconfig:\n`,
    twoSpellings: false,
  });
  cases.push({
    name: "config is a list",
    text: `encryptionsalt: ${secrets.salt}\nconfig: [a, b]\n`,
    twoSpellings: false,
  });
  cases.push({
    name: "config is a string",
    text: `encryptionsalt: ${secrets.salt}\nconfig: abc\n`,
    twoSpellings: false,
  });
  cases.push({ name: "the file is a list", text: "- a\n- b\n", twoSpellings: false });
  cases.push({
    name: "invalid YAML",
    text: `config:\n  ${NS}:group: {displayName: [\n`,
    twoSpellings: false,
  });
  return cases;
}
