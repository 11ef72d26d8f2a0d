import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { stringify } from "yaml";
import { AdminAccessConfigError } from "../../components/adminAccess";
import { readStackConfig } from "../../components/program";
import { runPlan } from "../../scripts/plan";
import { CONFIG_KEYS, configProblems, UNSET_DEFAULTS } from "../../components/config";
import {
  adminAccessSettings,
  cliText,
  engineConfig,
  namespaceSlips,
  parseProject,
  projectProblems,
  slipProblems,
  stackSettings,
} from "../../components/stackConfig";
import { project } from "../fixtures";

const ROOT = path.resolve(__dirname, "../..");
const PROJECT = "admin-access";

/** A stack file's text from its config map. */
const stackYaml = (config: Record<string, unknown>) => stringify({ config });

const MINIMAL = {
  "aws:region": "eu-west-1",
  "admin-access:group": { displayName: "Admins" },
  "admin-access:accounts": ["012345678901"],
  "admin-access:admins": [{ userName: "alice", email: "a@example.com", givenName: "A", familyName: "L" }],
};

/** One value for every key the program reads, each different from its default. */
const EVERY_KEY: Record<string, unknown> = {
  "aws:region": "eu-west-1",
  "admin-access:instanceArn": "arn:aws:sso:::instance/ssoins-1234567890abcdef",
  "admin-access:identityStoreId": "d-1234567890",
  "admin-access:permissionSet": { name: "Admins", sessionDuration: "PT2H", tags: { team: "platform" } },
  "admin-access:group": { displayName: "Admins", description: "The admins" },
  "admin-access:accounts": ["012345678901"],
  "admin-access:organizationalUnits": ["ou-ab12-cdef3456"],
  "admin-access:accountNames": ["Shared Services"],
  "admin-access:excludeAccounts": ["111111111111"],
  "admin-access:allAccounts": true,
  "admin-access:includeManagementAccount": true,
  "admin-access:assignmentConcurrency": 4,
  "admin-access:admins": [{ userName: "bob", existing: true }],
  "admin-access:accessPortalUrl": "https://example.awsapps.com/start",
  "admin-access:retainUsersOnDelete": true,
  "admin-access:secretSettings": ["group"],
};

describe("the Pulumi CLI's config rules", () => {
  it("accept Pulumi.yaml: declared types, items for arrays, defaults of their type", () => {
    assert.deepStrictEqual(projectProblems(project()), []);
  });

  it("Pulumi.yaml declares every key the program reads, and nothing else", () => {
    assert.deepStrictEqual(Object.keys(project().config).sort(), [...CONFIG_KEYS].sort());
  });

  it("only group and admins are required; every other default is the program's 'not set'", () => {
    const declared = project().config;
    const required = Object.keys(declared).filter((k) => declared[k].default === undefined);
    assert.deepStrictEqual(required.sort(), ["admins", "group"]);
    for (const [key, t] of Object.entries(declared)) {
      if (t.default !== undefined) assert.deepStrictEqual(t.default, UNSET_DEFAULTS[key], key);
    }
    assert.deepStrictEqual(
      Object.keys(UNSET_DEFAULTS).sort(),
      [...CONFIG_KEYS].filter((k) => !required.includes(k)).sort(),
    );
  });

  it("accept every committed stack file, which then validates", () => {
    const stacks = readdirSync(ROOT).filter((f) => /^Pulumi\.[^.]+\.ya?ml$/.test(f));
    assert.ok(stacks.length > 0);
    for (const file of stacks) {
      const engine = engineConfig(project(), readFileSync(path.join(ROOT, file), "utf8"), file);
      assert.deepStrictEqual(engine.problems, [], file);
      assert.deepStrictEqual(configProblems(stackSettings(engine.config, PROJECT, []).settings), [], file);
    }
  });

  it("accept a minimal stack and one with every key, and hand every key to the program as written", () => {
    for (const config of [MINIMAL, EVERY_KEY]) {
      const engine = engineConfig(project(), stackYaml(config), "dev");
      assert.deepStrictEqual(engine.problems, []);
      const { settings } = stackSettings(engine.config, PROJECT, []);
      for (const [key, value] of Object.entries(config).filter(([k]) => k.startsWith(`${PROJECT}:`))) {
        assert.deepStrictEqual(settings[key.slice(PROJECT.length + 1)], value, key);
      }
    }
  });

  it("merge every default into the stack, as the program then receives it", () => {
    const { config } = engineConfig(project(), stackYaml(MINIMAL), "dev");
    assert.strictEqual(config["admin-access:instanceArn"], "");
    assert.strictEqual(config["admin-access:allAccounts"], "false");
    assert.strictEqual(config["admin-access:excludeAccounts"], "[]");
    assert.strictEqual(config["admin-access:permissionSet"], "{}");
    assert.deepStrictEqual(Object.keys(adminAccessSettings(config, PROJECT)).sort(), [
      "accounts",
      "admins",
      "group",
    ]);
  });

  it("read a bare key as the project's, and the old `ns:config:key` as `ns:key`", () => {
    const { config, problems, ambiguous } = engineConfig(
      project(),
      stackYaml({ ...MINIMAL, excludeAccounts: ["111111111111"], "aws:config:profile": "admin" }),
      "dev",
    );
    assert.deepStrictEqual([problems, ambiguous], [[], []]);
    assert.strictEqual(config["admin-access:excludeAccounts"], '["111111111111"]');
    assert.strictEqual(config["aws:profile"], "admin");
  });

  it("refuse two spellings of one key, naming both and their lines: the CLI picks one at random", () => {
    const text = [
      "config:",
      "  admin-access:group: {displayName: Admins}",
      "  admin-access:config:allAccounts: true",
      "  admin-access:admins: [{userName: bob, existing: true}]",
      "  admin-access:allAccounts: false",
      "  excludeAccounts: []",
      "  admin-access:excludeAccounts: ['111111111111']",
    ].join("\n");
    assert.deepStrictEqual(engineConfig(project(), text, "dev").ambiguous, [
      "admin-access:allAccounts is written 2 ways: admin-access:config:allAccounts (line 3), admin-access:allAccounts (line 5); the Pulumi CLI hands the program one of them at random, so keep exactly one",
      "admin-access:excludeAccounts is written 2 ways: excludeAccounts (line 6), admin-access:excludeAccounts (line 7); the Pulumi CLI hands the program one of them at random, so keep exactly one",
    ]);
  });

  it("name encrypted values, whose type only the CLI can check, and an ESC environment", () => {
    const engine = engineConfig(
      project(),
      stringify({
        environment: ["org/admins"],
        config: { ...MINIMAL, "admin-access:group": { secure: "AAAB" } },
      }),
      "dev",
    );
    assert.deepStrictEqual(engine.problems, []);
    assert.deepStrictEqual(engine.secretKeys, ["admin-access:group"]);
    assert.strictEqual(engine.environment, true);
  });

  it("refuse a Pulumi.yaml that the CLI refuses", () => {
    const bad = parseProject(
      [
        "name: admin-access",
        "config:",
        "  list: {type: array}",
        "  count: {type: integer, default: many}",
        "  both: {type: string, default: a, value: b}",
        "  kind: {type: map}",
        "  aws:region: {type: string, value: eu-west-1}",
      ].join("\n"),
    );
    assert.deepStrictEqual(projectProblems(bad), [
      "The configuration key 'list' declares an array but does not specify the underlying type via the 'items' attribute",
      "The default value specified for configuration key 'count' is not of the expected type 'integer'",
      "project config 'both' cannot have both a 'default' and 'value' attribute",
      "config.kind: type 'map' is not one of string, integer, boolean, array, object",
      "Configuration key 'aws:region' is not namespaced by the project and should not define a type",
    ]);
  });

  it("serialize defaults as the CLI does", () => {
    assert.deepStrictEqual(
      [cliText(""), cliText(false), cliText(0), cliText([]), cliText({})],
      ["", "false", "0", "[]", "{}"],
    );
  });
});

describe("values as the Pulumi CLI's YAML reader resolves them (tests/cli holds them to the CLI)", () => {
  const value = (yamlValue: string) =>
    engineConfig(project(), `config:\n  aws:x: ${yamlValue}\n`, "dev").config["aws:x"];
  const problems = (yamlValue: string) =>
    engineConfig(project(), stackYaml(MINIMAL) + `  aws:x: ${yamlValue}\n`, "dev").problems;

  it("read plain scalars as yaml.v3 does, and hand them over as the CLI writes them", () => {
    assert.deepStrictEqual(
      ["0x10", "010", "08", "1e3", "1_000", "yes", "True", "~", "012345678901", "1e21", "2001-12-14"].map(
        value,
      ),
      [
        "16",
        "8",
        "8",
        "1000",
        "1000",
        "yes",
        "true",
        "",
        "12345678901",
        "1e+21",
        "2001-12-14 00:00:00 +0000 UTC",
      ],
    );
    assert.strictEqual(value("{b: 1, a: '<&>'}"), '{"a":"\\u003c\\u0026\\u003e","b":1}');
  });

  it("refuse what the CLI cannot load, and on purpose what it reads unreliably", () => {
    assert.deepStrictEqual(problems(".nan"), [
      "aws:x (line 12): .nan and .inf cannot be config values (json: unsupported value)",
    ]);
    assert.match(problems("2001-12-14T21:59:43+02:00")[0], /a timestamp with a UTC offset/);
    assert.match(problems("!!int 4")[0], /the explicit YAML tag tag:yaml.org,2002:int/);
  });
});

describe("stack settings", () => {
  it("keep string keys as strings even when they look like JSON", () => {
    assert.deepStrictEqual(
      { ...adminAccessSettings({ "admin-access:instanceArn": "123" }, PROJECT) },
      {
        instanceArn: "123",
      },
    );
  });

  it("leave a value that is not JSON as its string, for validation to name", () => {
    assert.deepStrictEqual(
      { ...adminAccessSettings({ "admin-access:retainUsersOnDelete": "yes" }, PROJECT) },
      {
        retainUsersOnDelete: "yes",
      },
    );
  });

  it("add the engine's secret keys to secretSettings", () => {
    const { config } = engineConfig(project(), stackYaml(MINIMAL), "dev");
    const { settings } = stackSettings(config, PROJECT, ["admin-access:group", "aws:secretKey"]);
    assert.deepStrictEqual(settings.secretSettings, ["group"]);
  });

  it("leave a secret that names resources to validation, which says why", () => {
    const { config } = engineConfig(project(), stackYaml(MINIMAL), "dev");
    const { settings } = stackSettings(config, PROJECT, ["admin-access:admins"]);
    assert.deepStrictEqual(configProblems(settings), [
      'secretSettings[0]: "admins" cannot be kept secret: each admin\'s userName names its resources ' +
        "(<name>-user-<userName>, <name>-membership-<userName>), which cannot be secret; store it in plain text",
    ]);
  });
});

describe("namespace slips", () => {
  it("a namespace near the project's, or this program's key under another, is named", () => {
    assert.deepStrictEqual(
      namespaceSlips(
        [
          "admin-acess:excludeAccounts",
          "Admin_Access:accounts",
          "adminaccess:group",
          "aws:admins",
          "platform:excludeAccounts",
          "aws:region",
          "admin-access:accounts",
          "pulumi:tags",
        ],
        PROJECT,
      ),
      [
        'admin-acess:excludeAccounts: the namespace "admin-acess" is not "admin-access", so this key would be ignored; write admin-access:excludeAccounts',
        'Admin_Access:accounts: the namespace "Admin_Access" is not "admin-access", so this key would be ignored; write admin-access:accounts',
        'adminaccess:group: the namespace "adminaccess" is not "admin-access", so this key would be ignored; write admin-access:group',
        'aws:admins: "admins" is a key of this program, but under the "aws" namespace it would be ignored; write admin-access:admins',
        'platform:excludeAccounts: "excludeAccounts" is a key of this program, but under the "platform" namespace it would be ignored; write admin-access:excludeAccounts',
      ],
    );
  });

  it("are reported with the config's own problems, all at once", () => {
    const { config } = engineConfig(
      project(),
      stackYaml({ ...MINIMAL, "admin-acess:excludeAccounts": ["012345678901"] }),
      "dev",
    );
    const problems = slipProblems(
      stackSettings({ ...config, "admin-access:allAccounts": "maybe" }, PROJECT, []),
    );
    assert.strictEqual(problems.length, 2);
    assert.match(problems[0], /admin-acess:excludeAccounts/);
    assert.deepStrictEqual(
      slipProblems(stackSettings({ "admin-access:allAccounts": "maybe" }, PROJECT, [])),
      [],
    );
  });
});

describe("the over-grant of two spellings", () => {
  // The CLI handed the program `true` in 8 of 8 tries while the plan used to read `false`.
  const OVER_GRANT = [
    "config:",
    "  admin-access:group: { displayName: Admins }",
    '  admin-access:accounts: ["012345678901"]',
    "  admin-access:config:allAccounts: true",
    "  admin-access:admins: [{ userName: bob, existing: true }]",
    "  admin-access:allAccounts: false",
    "",
  ].join("\n");
  const BOTH =
    "admin-access:allAccounts is written 2 ways: admin-access:config:allAccounts (line 4), " +
    "admin-access:allAccounts (line 6); the Pulumi CLI hands the program one of them at random, so keep exactly one";
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "admin-access-spellings-"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is refused by the plan, with both spellings and their lines", () => {
    writeFileSync(path.join(dir, "Pulumi.grant.yaml"), OVER_GRANT);
    const { code, stdout, stderr } = runPlan(["--stack", "grant"], dir);
    assert.strictEqual(code, 1);
    assert.strictEqual(stdout, "");
    assert.strictEqual(stderr, `Pulumi.grant.yaml: admin-access config has 1 problem:\n  - ${BOTH}\n`);
  });

  it("is refused by the program at `pulumi up`, where the engine has already picked one", () => {
    writeFileSync(path.join(dir, "Pulumi.dev.yaml"), OVER_GRANT);
    const saved = pulumi.runtime.allConfig();
    const { config } = engineConfig(project(), stackYaml(MINIMAL), "dev");
    pulumi.runtime.setAllConfig({ ...config, "admin-access:allAccounts": "true" });
    try {
      assert.throws(
        () => readStackConfig(dir),
        (err: AdminAccessConfigError) => {
          assert.deepStrictEqual(err.problems, [`Pulumi.dev.yaml: ${BOTH}`]);
          return true;
        },
      );
      assert.strictEqual(readStackConfig(ROOT).allAccounts, true); // the repository's Pulumi.dev.yaml is fine
    } finally {
      pulumi.runtime.setAllConfig(saved);
    }
  });
});

describe("keys named like Object.prototype members", () => {
  const TEXT = [
    "config:",
    "  aws:region: eu-west-1",
    "  admin-access:group: {displayName: Admins}",
    "  admin-access:accounts: ['012345678901']",
    "  admin-access:admins: [{userName: constructor, existing: true}, {userName: toString, existing: true}]",
    "  admin-access:permissionSet: {tags: {constructor: a, toString: b, valueOf: c, hasOwnProperty: d}}",
    "",
  ].join("\n");

  it("reach the program's own config read as plain keys, so such a stack can be deployed", () => {
    const saved = pulumi.runtime.allConfig();
    pulumi.runtime.setAllConfig(engineConfig(project(), TEXT, "dev").config);
    try {
      const config = readStackConfig(mkdtempSync(path.join(tmpdir(), "admin-access-proto-")));
      assert.deepStrictEqual(configProblems(config), []);
      assert.deepStrictEqual(
        config.admins.map((a) => a.userName),
        ["constructor", "toString"],
      );
      assert.deepStrictEqual(
        { ...config.permissionSet?.tags },
        { constructor: "a", toString: "b", valueOf: "c", hasOwnProperty: "d" },
      );
    } finally {
      pulumi.runtime.setAllConfig(saved);
    }
  });

  it("admin-access:__proto__ is reported as an unknown key, not ignored, by the program and the plan", () => {
    const text = TEXT + "  admin-access:__proto__: {allAccounts: true}\n";
    const { config } = engineConfig(project(), text, "dev");
    assert.strictEqual(config["admin-access:__proto__"], '{"allAccounts":true}');
    const settings = stackSettings(config, PROJECT, []).settings;
    assert.match(configProblems(settings)[0], /^__proto__: unknown key Allowed here: instanceArn/);
    const unknown = UNSET_DEFAULTS.__proto__;
    assert.strictEqual(unknown, undefined); // the defaults table has no prototype to answer for it
  });
});

describe("the alias budget", () => {
  const problems = (text: string) => engineConfig(project(), text, "dev").problems;
  const BUDGET =
    /the document's aliases expand to more than 100000 values; write the values out, or alias less/;

  it("reads a plain document of any size: 11,000 admins, no alias anywhere", () => {
    const admins = Array.from(
      { length: 11000 },
      (_, i) => `    - {userName: u${i}, email: u${i}@example.com, givenName: G, familyName: F}`,
    );
    const text = [
      "config:",
      "  admin-access:group: {displayName: Admins}",
      "  admin-access:admins:",
      ...admins,
      "",
    ];
    const engine = engineConfig(project(), text.join("\n"), "dev");
    assert.deepStrictEqual(engine.problems, []);
    assert.strictEqual((JSON.parse(engine.config["admin-access:admins"]) as unknown[]).length, 11000);
  });

  it("reads aliases that expand within the budget", () => {
    const text = [
      "defaults: &d {existing: true}",
      "config:",
      "  admin-access:group: {displayName: Admins}",
      "  admin-access:admins:",
      ...Array.from({ length: 2000 }, (_, i) => `    - {<<: *d, userName: u${i}}`),
      "",
    ].join("\n");
    const engine = engineConfig(project(), text, "dev");
    assert.deepStrictEqual(engine.problems, []);
    assert.deepStrictEqual((JSON.parse(engine.config["admin-access:admins"]) as unknown[])[1999], {
      existing: true,
      userName: "u1999",
    });
  });

  it("refuses a billion laughs, through aliases or through merges", () => {
    const laughs = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++)
      laughs.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    const merges = ["m0: &m0 {k: v}"];
    for (let i = 1; i < 40; i++) merges.push(`m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: v}`);
    for (const top of [laughs, merges]) {
      const found = problems(
        [...top, "config:", "  aws:x: *" + top[top.length - 1].split("&")[1].split(" ")[0], ""].join("\n"),
      );
      assert.ok(
        found.some((p) => BUDGET.test(p)),
        found.join("\n"),
      );
    }
  });
});
