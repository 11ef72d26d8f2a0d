import * as assert from "assert";
import {
  AdminAccessConfigError,
  closest,
  configProblems,
  distanceFrom,
  editDistance,
  durationSeconds,
  formatPath,
  validateConfig,
} from "../../components/config";
import { validArgs } from "../fixtures";

// Raw config is untyped data, as YAML produces it: the tests write wrong types into it on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawConfig = Record<string, any>;

/** The problems of the valid fixture with one change applied. */
function problemsWith(change: (config: RawConfig) => void): string[] {
  const config = structuredClone(validArgs()) as RawConfig;
  change(config);
  return configProblems(config);
}

function assertOnly(problems: string[], expected: string | RegExp): void {
  assert.strictEqual(problems.length, 1, `expected one problem, got:\n${problems.join("\n")}`);
  if (typeof expected === "string") assert.strictEqual(problems[0], expected);
  else assert.match(problems[0], expected);
}

describe("config validation", () => {
  it("accepts the valid fixture", () => {
    assert.deepStrictEqual(configProblems(validArgs()), []);
  });

  it("rejects a config that is not an object", () => {
    assertOnly(configProblems(["a"]), /^config: \["a"\] is not an object/);
  });

  describe("accounts", () => {
    it("some selector must name a target", () => {
      const none =
        "accounts: no target accounts: list account IDs in accounts, OU IDs in organizationalUnits, " +
        "account names in accountNames or tags in accountTags, or set allAccounts: true; with no target nobody would hold " +
        "administrator access after the apply (set allowNoAdmins: true if you mean to remove it everywhere)";
      assertOnly(
        problemsWith((c) => delete c.accounts),
        none,
      );
      assertOnly(
        problemsWith((c) => (c.accounts = [])),
        none,
      );
      assertOnly(
        problemsWith((c) => {
          c.accounts = [];
          c.organizationalUnits = [];
          c.allAccounts = false;
        }),
        none,
      );
      assert.deepStrictEqual(
        problemsWith((c) => {
          delete c.accounts;
          c.allAccounts = true;
        }),
        [],
      );
    });

    it("are exactly 12 digits, anchored", () => {
      for (const bad of [
        "12345678901",
        "1234567890123",
        "x123456789012",
        "123456789012 ",
        "1234-5678-9012",
      ]) {
        assertOnly(
          problemsWith((c) => (c.accounts = [bad])),
          `accounts[0]: ${JSON.stringify(bad)} is not an AWS account ID: expected exactly 12 digits, quoted`,
        );
      }
    });

    it("accept a YAML number that kept its 12 digits, as a string", () => {
      const spec = validateConfig({ ...validArgs(), accounts: [123456789012] });
      assert.deepStrictEqual(spec.targets.accounts, ["123456789012"]);
    });

    it("reject a YAML number that lost its leading zero, telling the user to quote it", () => {
      assertOnly(
        problemsWith((c) => (c.accounts = [12345678901])),
        'accounts[0]: 12345678901 is a number with 11 digits: an unquoted account ID loses its leading zeros, so quote it, e.g. "012345678901"',
      );
    });

    it("reject other types", () => {
      assertOnly(
        problemsWith((c) => (c.accounts = [true])),
        "accounts[0]: true is not an AWS account ID: expected 12 digits",
      );
    });

    it("reject duplicates, naming both places", () => {
      assertOnly(
        problemsWith((c) => (c.accounts = ["111111111111", "222222222222", "111111111111"])),
        'accounts[2]: "111111111111" repeats accounts[0]; each account may appear once',
      );
    });

    it("are kept in the spec as written, so that later errors cite accounts[i] of the user's list", () => {
      assert.deepStrictEqual(validateConfig(validArgs()).targets.accounts, ["111111111111", "012345678901"]);
    });
  });

  describe("organization selectors", () => {
    it("organizationalUnits are OU IDs, anchored", () => {
      assert.deepStrictEqual(
        problemsWith((c) => (c.organizationalUnits = ["ou-ab12-cdef3456", "ou-0abc-0123456789abcdef"])),
        [],
      );
      for (const bad of [
        "ou-ab1-cdef3456",
        "ou-ab12-cdef345",
        "xou-ab12-cdef3456",
        "ou-ab12-cdef3456 ",
        "OU-AB12-CDEF3456",
      ]) {
        assertOnly(
          problemsWith((c) => (c.organizationalUnits = [bad])),
          `organizationalUnits[0]: ${JSON.stringify(bad)} is not valid: expected an OU ID such as ou-ab12-cdef3456`,
        );
      }
    });

    it("a root ID, ROOT or a wildcard never stands for every account", () => {
      for (const wholeOrg of ["r-ab12", "ROOT", "root", "*", "all"]) {
        assertOnly(
          problemsWith((c) => (c.organizationalUnits = [wholeOrg])),
          `organizationalUnits[0]: ${JSON.stringify(wholeOrg)} would mean the whole organization, which only allAccounts: true selects; list OU IDs (ou-…) here`,
        );
      }
      assertOnly(
        problemsWith((c) => (c.allAccounts = "true")),
        'allAccounts: "true" is not a boolean',
      );
    });

    it("rejects duplicate OUs, names and exclusions", () => {
      assert.deepStrictEqual(
        problemsWith((c) => {
          c.organizationalUnits = ["ou-ab12-cdef3456", "ou-ab12-cdef3456"];
          c.accountNames = ["Prod", "prod"];
          c.excludeAccounts = ["333333333333", "333333333333"];
        }),
        [
          'organizationalUnits[1]: "ou-ab12-cdef3456" repeats organizationalUnits[0]; each OU may appear once',
          'accountNames[1]: "prod" repeats accountNames[0]; each account name may appear once',
          'excludeAccounts[1]: "333333333333" repeats excludeAccounts[0]; each exclusion may appear once',
        ],
      );
    });

    it("an account both listed and excluded is a contradiction", () => {
      assertOnly(
        problemsWith((c) => (c.excludeAccounts = ["111111111111"])),
        'excludeAccounts[0]: "111111111111" is also listed in accounts; keep one',
      );
    });

    it("excludeAccounts are account IDs and accountNames 1-50 characters", () => {
      assert.deepStrictEqual(
        problemsWith((c) => {
          c.excludeAccounts = ["123"];
          c.accountNames = [""];
        }),
        [
          'accountNames[0]: "" is not valid: expected 1 to 50 characters',
          'excludeAccounts[0]: "123" is not an AWS account ID: expected exactly 12 digits, quoted',
        ],
      );
    });

    it("assignmentConcurrency is a whole number from 1 to 10, or 0 for no bound", () => {
      for (const ok of [0, 1, 10]) {
        assert.deepStrictEqual(
          problemsWith((c) => (c.assignmentConcurrency = ok)),
          [],
        );
      }
      for (const bad of [-1, 11, 2.5]) {
        assertOnly(
          problemsWith((c) => (c.assignmentConcurrency = bad)),
          `assignmentConcurrency: ${bad} is not valid: expected a whole number from 1 to 10, the most assignments IAM Identity Center lets one instance have in progress, or 0 for no bound in the program`,
        );
      }
    });

    it("normalizes the targets with their defaults", () => {
      const spec = validateConfig(validArgs({ organizationalUnits: ["ou-ab12-cdef3456"] }));
      assert.deepStrictEqual(
        { ...spec.targets, accountTags: { ...spec.targets.accountTags } },
        {
          accounts: ["111111111111", "012345678901"],
          organizationalUnits: ["ou-ab12-cdef3456"],
          accountNames: [],
          accountTags: {},
          excludeAccounts: [],
          allAccounts: false,
          includeManagementAccount: false,
        },
      );
      // No bound in the program unless asked: no assignment waits for another account's.
      assert.strictEqual(spec.assignmentConcurrency, undefined);
      assert.strictEqual(
        validateConfig(validArgs({ assignmentConcurrency: 0 })).assignmentConcurrency,
        undefined,
      );
      assert.strictEqual(validateConfig(validArgs({ assignmentConcurrency: 3 })).assignmentConcurrency, 3);
    });
  });

  describe("permissionSet", () => {
    it("name is 1-32 characters of [\\w+=,.@-]", () => {
      for (const ok of ["A", "Admin_Access+=,.@-", "x".repeat(32)]) {
        assert.deepStrictEqual(
          problemsWith((c) => (c.permissionSet.name = ok)),
          [],
        );
      }
      const allowed = "ASCII letters, digits and _+=,.@- only";
      for (const [bad, why] of [
        ["", "is empty; AWS needs at least 1 character here"],
        ["x".repeat(33), "is 33 characters long; AWS allows at most 32 here"],
        ["Admin Access", `contains " ", which AWS does not allow here: ${allowed}`],
        ["Admin/Access", `contains "/", which AWS does not allow here: ${allowed}`],
      ]) {
        assertOnly(
          problemsWith((c) => (c.permissionSet.name = bad)),
          `permissionSet.name: ${JSON.stringify(bad)} ${why}`,
        );
      }
    });

    it("description is 1-700 characters", () => {
      assert.deepStrictEqual(
        problemsWith((c) => (c.permissionSet.description = "d".repeat(700))),
        [],
      );
      assertOnly(
        problemsWith((c) => (c.permissionSet.description = "d".repeat(701))),
        /^permissionSet\.description: "d+" is 701 characters long; AWS allows at most 700 here$/,
      );
      assertOnly(
        problemsWith((c) => (c.permissionSet.description = "")),
        'permissionSet.description: "" is empty; AWS needs at least 1 character here',
      );
    });

    it("sessionDuration is an ISO-8601 duration from PT1H to PT12H", () => {
      for (const ok of ["PT1H", "PT12H", "PT90M", "PT2H30M", "PT3600S", "PT11H59M59S"]) {
        assert.deepStrictEqual(
          problemsWith((c) => (c.permissionSet.sessionDuration = ok)),
          [],
          ok,
        );
      }
      for (const bad of ["PT59M", "PT13H", "PT12H1M", "1h", "P1D", "PT", "pt1h", "PT1.5H"]) {
        assertOnly(
          problemsWith((c) => (c.permissionSet.sessionDuration = bad)),
          `permissionSet.sessionDuration: ${JSON.stringify(bad)} is not valid: expected an ISO-8601 duration from PT1H to PT12H, such as PT4H or PT2H30M`,
        );
      }
    });

    it("durationSeconds reads the PTnHnMnS forms", () => {
      assert.strictEqual(durationSeconds("PT2H30M"), 9000);
      assert.strictEqual(durationSeconds("PT90M"), 5400);
      assert.strictEqual(durationSeconds("P1D"), undefined);
    });

    it("relayState is 1-240 characters", () => {
      assert.deepStrictEqual(
        problemsWith((c) => (c.permissionSet.relayState = "r".repeat(240))),
        [],
      );
      assertOnly(
        problemsWith((c) => (c.permissionSet.relayState = "r".repeat(241))),
        /^permissionSet\.relayState: "r+" is 241 characters long; AWS allows at most 240 here$/,
      );
    });

    it("tags: at most 50, keys 1-128 without aws:, values 0-256", () => {
      const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, ""]));
      assert.deepStrictEqual(
        problemsWith((c) => (c.permissionSet.tags = fifty)),
        [],
      );
      assertOnly(
        problemsWith((c) => (c.permissionSet.tags = { ...fifty, k50: "v" })),
        "permissionSet.tags: has 51 tags; at most 50 are allowed",
      );
      assertOnly(
        problemsWith((c) => (c.permissionSet.tags = { "aws:owner": "x" })),
        'permissionSet.tags.aws:owner: "aws:owner" uses the "aws:" prefix, which AWS reserves',
      );
      assertOnly(
        problemsWith((c) => (c.permissionSet.tags = { ["k".repeat(129)]: "x" })),
        /^permissionSet\.tags\.k+: "k+" is not a valid tag key: AWS allows 1 to 128/,
      );
      assertOnly(
        problemsWith((c) => (c.permissionSet.tags = { owner: "v".repeat(257) })),
        /^permissionSet\.tags\.owner: "v+" is 257 characters long; AWS allows at most 256 here$/,
      );
    });

    it("an existing permission set cannot carry settings it would silently ignore", () => {
      assertOnly(
        problemsWith((c) => (c.permissionSet = { existing: true, sessionDuration: "PT4H" })),
        "permissionSet.sessionDuration: has no effect with existing: true; the existing permission set is looked up, not managed",
      );
    });

    it("defaults to a new AdministratorAccess set with PT1H sessions", () => {
      const spec = validateConfig({ ...validArgs(), permissionSet: undefined });
      assert.deepStrictEqual(spec.permissionSet, {
        name: "AdministratorAccess",
        description: undefined,
        sessionDuration: "PT1H",
        relayState: undefined,
        tags: {},
        existing: false,
        inlinePolicy: undefined,
        customerManagedPolicies: [],
        permissionsBoundary: undefined,
      });
    });
  });

  describe("group", () => {
    it("is required", () => {
      assertOnly(
        problemsWith((c) => delete c.group),
        "group: is required",
      );
    });

    it("displayName is 1-1024 characters", () => {
      assertOnly(
        problemsWith((c) => (c.group.displayName = "")),
        'group.displayName: "" is empty; AWS needs at least 1 character here',
      );
      assertOnly(
        problemsWith((c) => (c.group.displayName = "g".repeat(1025))),
        /^group\.displayName: "g+" is 1025 characters long; AWS allows at most 1024 here$/,
      );
    });

    it("rejects the reserved names, ignoring case", () => {
      for (const reserved of ["Administrator", "AWSAdministrators", "awsadministrators"]) {
        assertOnly(
          problemsWith((c) => (c.group.displayName = reserved)),
          `group.displayName: ${JSON.stringify(reserved)} is reserved by IAM Identity Center for its own groups; Administrator and AWSAdministrators cannot be used`,
        );
      }
    });

    it("an existing group cannot carry a description it would ignore", () => {
      assertOnly(
        problemsWith((c) => (c.group.existing = true)),
        "group.description: has no effect with existing: true; the existing group is looked up, not managed",
      );
    });
  });

  describe("admins", () => {
    it("userName is 1-128 characters without whitespace", () => {
      const allowed = "letters, accents, symbols, digits and punctuation, no spaces";
      for (const [bad, why] of [
        ["", "is empty; AWS needs at least 1 character here"],
        ["alice smith", `contains " ", which AWS does not allow here: ${allowed}`],
        ["no\u00a0break", `contains "\\u00a0", which AWS does not allow here: ${allowed}`],
        ["u".repeat(129), "is 129 characters long; AWS allows at most 128 here"],
      ]) {
        assertOnly(
          problemsWith((c) => (c.admins[0].userName = bad)),
          // A no-break space passes for a space: messages show it escaped.
          `admins[0].userName: ${JSON.stringify(bad).replace("\u00a0", "\\u00a0")} ${why}`,
        );
      }
    });

    it("userName cannot be a reserved name", () => {
      assertOnly(
        problemsWith((c) => (c.admins[0].userName = "Administrator")),
        /^admins\[0\]\.userName: "Administrator" is reserved by IAM Identity Center for its own users/,
      );
    });

    it("userNames are unique ignoring case", () => {
      assertOnly(
        problemsWith((c) => (c.admins[2].userName = "ALICE")),
        'admins[2].userName: "ALICE" repeats admins[0].userName; each userName may appear once',
      );
    });

    it("emails are valid and unique ignoring case", () => {
      assertOnly(
        problemsWith((c) => (c.admins[2].email = "bob@")),
        'admins[2].email: "bob@" is not a valid email address',
      );
      assertOnly(
        problemsWith((c) => (c.admins[2].email = "Alice@Example.com")),
        'admins[2].email: "Alice@Example.com" repeats admins[0].email; each email may appear once',
      );
    });

    it("a new user needs email, givenName and familyName", () => {
      const problems = problemsWith((c) => (c.admins[0] = { userName: "dave" }));
      assert.deepStrictEqual(problems, [
        "admins[0].email: is required for a new user (set existing: true to add a user that already exists)",
        "admins[0].givenName: is required for a new user (set existing: true to add a user that already exists)",
        "admins[0].familyName: is required for a new user (set existing: true to add a user that already exists)",
      ]);
    });

    it("an existing user cannot carry profile fields it would ignore", () => {
      assertOnly(
        problemsWith((c) => (c.admins[1].email = "bob@example.com")),
        "admins[1].email: has no effect with existing: true; the existing user is looked up, not managed",
      );
    });

    it("are sorted by userName and get a default display name", () => {
      const spec = validateConfig(validArgs());
      assert.deepStrictEqual(
        spec.admins.map((a) => a.userName),
        ["alice", "bob", "carol"],
      );
      assert.deepStrictEqual(spec.admins[0], {
        userName: "alice",
        existing: false,
        email: "alice@example.com",
        givenName: "Alice",
        familyName: "Liddell",
        displayName: "Alice Liddell",
      });
      assert.deepStrictEqual(spec.admins[1], { userName: "bob", existing: true });
    });
  });

  describe("other keys", () => {
    it("instanceArn and identityStoreId have the AWS formats", () => {
      const problems = problemsWith((c) => {
        c.instanceArn = "ssoins-123";
        c.identityStoreId = "store";
      });
      assert.deepStrictEqual(problems, [
        'instanceArn: "ssoins-123" is not valid: expected an Identity Center instance ARN, arn:aws:sso:::instance/ssoins-…',
        'identityStoreId: "store" is not valid: expected an identity store ID such as d-1234567890',
      ]);
    });

    it("accessPortalUrl is an https URL", () => {
      assertOnly(
        problemsWith((c) => (c.accessPortalUrl = "http://corp.awsapps.com/start")),
        'accessPortalUrl: "http://corp.awsapps.com/start" is not valid: expected an https:// URL',
      );
    });

    it("retainUsersOnDelete is a boolean", () => {
      assertOnly(
        problemsWith((c) => (c.retainUsersOnDelete = "yes")),
        'retainUsersOnDelete: "yes" is not a boolean',
      );
    });

    it("unknown keys are errors at every level, with a suggestion", () => {
      const problems = problemsWith((c) => {
        c.acounts = [];
        c.permissionSet.sessionDuraton = "PT2H";
        c.admins[0].adress = {};
        c.admins[2].address = { city: "Paris" };
      });
      assert.deepStrictEqual(
        problems.map((p) => p.split(" Allowed here")[0]),
        [
          'permissionSet.sessionDuraton: unknown key; did you mean "sessionDuration"?',
          'admins[0].adress: unknown key; did you mean "address"?',
          "admins[2].address.city: unknown key",
          'acounts: unknown key; did you mean "accounts"?',
        ],
      );
      assert.match(problems[2], /Allowed here: streetAddress, locality, region, postalCode, country$/);
    });
  });

  it("reports every problem at once, each with its path", () => {
    const raw = {
      group: { displayName: "Administrator" },
      accounts: ["123", "123"],
      admins: [{ userName: "a b", email: "bob@" }],
      permissionSet: { sessionDuration: "PT13H" },
    };
    assert.throws(
      () => validateConfig(raw),
      (err: unknown) => {
        assert.ok(err instanceof AdminAccessConfigError);
        assert.deepStrictEqual(
          err.problems.map((p) => p.split(":")[0]),
          [
            "permissionSet.sessionDuration",
            "group.displayName",
            "accounts[0]",
            "accounts[1]",
            "admins[0].userName",
            "admins[0].email",
            "accounts[1]",
            "admins[0].givenName",
            "admins[0].familyName",
          ],
        );
        assert.match(
          err.message,
          /^admin-access config has 9 problems:\n {2}- permissionSet\.sessionDuration: /,
        );
        return true;
      },
    );
  });

  it("formatPath writes paths as config does", () => {
    assert.strictEqual(formatPath(["admins", 1, "address", "country"]), "admins[1].address.country");
    assert.strictEqual(formatPath([]), "");
  });
});

describe("closest names", () => {
  it("are the nearest few, ignoring case", () => {
    const names = ["Audit", "Data", "Shared Services", "Workloads Dev", "Workloads Prod", "audit-old"];
    assert.deepStrictEqual(closest("workloads prd", names, 2), ["Workloads Prod", "Workloads Dev"]);
    assert.deepStrictEqual(closest("AUDIT", names, 1), ["Audit"]);
  });

  it("the bit-parallel distance agrees with the plain one, up to 32 characters and beyond", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = (n: number) =>
      Array.from({ length: n }, () => "abcé-_ 1"[Math.floor(random() * 8)]).join("");
    assert.strictEqual(editDistance("kitten", "sitting"), 3);
    for (let i = 0; i < 2000; i++) {
      const [a, b] = [word(Math.floor(random() * 40)), word(Math.floor(random() * 40))];
      assert.strictEqual(distanceFrom(a)(b), editDistance(a, b), `${a} / ${b}`);
    }
  });
});

describe("what reviewers read cannot be forged", () => {
  /** Every string field the config has, with where it lives. */
  const FIELDS: [path: string, set: (c: RawConfig, v: string) => void][] = [
    ["permissionSet.name", (c, v) => (c.permissionSet.name = v)],
    ["permissionSet.description", (c, v) => (c.permissionSet.description = v)],
    ["permissionSet.relayState", (c, v) => (c.permissionSet.relayState = v)],
    ["permissionSet.tags.owner", (c, v) => (c.permissionSet.tags.owner = v)],
    ["group.displayName", (c, v) => (c.group.displayName = v)],
    ["group.description", (c, v) => (c.group.description = v)],
    ["admins[0].userName", (c, v) => (c.admins[0].userName = v)],
    ["admins[0].email", (c, v) => (c.admins[0].email = v)],
    ["admins[0].givenName", (c, v) => (c.admins[0].givenName = v)],
    ["admins[0].familyName", (c, v) => (c.admins[0].familyName = v)],
    ["admins[0].displayName", (c, v) => (c.admins[0].displayName = v)],
    ["admins[0].title", (c, v) => (c.admins[0].title = v)],
    ["admins[0].nickname", (c, v) => (c.admins[0].nickname = v)],
    ["admins[0].phoneNumber", (c, v) => (c.admins[0].phoneNumber = v)],
    ["admins[0].locale", (c, v) => (c.admins[0].locale = v)],
    ["admins[0].timezone", (c, v) => (c.admins[0].timezone = v)],
    ["admins[0].preferredLanguage", (c, v) => (c.admins[0].preferredLanguage = v)],
    ["admins[0].address.locality", (c, v) => (c.admins[0].address = { locality: v })],
    ["accountNames[0]", (c, v) => (c.accountNames = [v])],
    ["accessPortalUrl", (c, v) => (c.accessPortalUrl = v)],
  ];
  const HIDDEN = [
    "\n",
    "\t",
    "\r",
    "\u001b[2K",
    "\u0085",
    "\u200b",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u2028",
    "\u2029",
  ];

  it("control and invisible characters are refused in every string field, shown escaped", () => {
    for (const [at, set] of FIELDS) {
      for (const hidden of HIDDEN) {
        const problems = problemsWith((c) => set(c, `Admins${hidden}x`));
        const escaped = `\\u${(hidden.codePointAt(0) as number).toString(16).padStart(4, "0")}`;
        const mine = problems.filter((p) => p.startsWith(`${at}: `));
        assert.strictEqual(mine.length, 1, `${at} with ${JSON.stringify(hidden)}: ${problems.join("; ")}`);
        assert.ok(
          mine[0].endsWith(
            `contains a control or invisible character (${escaped}), which could hide or forge what a reviewer reads; remove it`,
          ),
          mine[0],
        );
        // Nothing a message prints carries the character itself.
        assert.ok(
          problems.every((p) => !p.includes(hidden)),
          at,
        );
      }
    }
  });

  it("names with leading or trailing whitespace are refused: ' Administrator' is no other name", () => {
    assertOnly(
      problemsWith((c) => (c.group.displayName = " Administrator")),
      'group.displayName: " Administrator" has leading or trailing whitespace; remove it',
    );
    assertOnly(
      problemsWith((c) => (c.admins[0].givenName = "Alice ")),
      'admins[0].givenName: "Alice " has leading or trailing whitespace; remove it',
    );
  });

  it("a userName with :: cannot name a resource, and the message says why", () => {
    assertOnly(
      problemsWith((c) => (c.admins[0].userName = "a::b")),
      'admins[0].userName: "a::b" contains "::", which separates the parts of a Pulumi URN, so it cannot be part of the user\'s resource names (<name>-user-<userName>)',
    );
  });
});

describe("accountTags validation", () => {
  const withTags = (tags: unknown) =>
    problemsWith((c) => ((c as Record<string, unknown>).accountTags = tags));

  it("accepts one value or a list, and normalizes to lists", () => {
    assert.deepStrictEqual(withTags({ env: "prod", team: ["payments", "search"] }), []);
    const spec = validateConfig(
      validArgs({ accountTags: { env: "prod", team: ["payments", "search"] } } as never),
    );
    assert.deepStrictEqual({ ...spec.targets.accountTags }, { env: ["prod"], team: ["payments", "search"] });
  });

  it("refuses what could match nothing or hide what it matches, with the path", () => {
    assert.deepStrictEqual(withTags({ team: [] }), [
      "accountTags.team: is an empty list, which no account's tag matches: list the values any of which it may carry",
    ]);
    assertOnly(
      withTags({ "aws:createdBy": "x" }),
      /^accountTags\.aws:createdBy: "aws:createdBy" uses the "aws:" prefix/,
    );
    assertOnly(
      withTags({ env: ["prod", "prod"] }),
      'accountTags.env[1]: "prod" repeats accountTags.env[0]; each value may appear once',
    );
    assert.deepStrictEqual(withTags({ env: ["prod", "Prod"] }), []);
    assertOnly(withTags({ env: "pro\u202Ed" }), /^accountTags\.env: .*control or invisible character/);
    assertOnly(
      withTags(JSON.parse('{"__proto__": "x"}')),
      /^accountTags\.__proto__: "__proto__" cannot be a tag key/,
    );
  });

  it("says how to write a value YAML changed: a number, a date", () => {
    assertOnly(
      withTags({ "cost-center": 8 }),
      /^accountTags\.cost-center: 8 is a number: .*quote it, or use `pulumi config set --type string`$/,
    );
    assertOnly(
      withTags({ expires: ["2024-01-01 00:00:00 +0000 UTC"] }),
      /^accountTags\.expires\[0\]: "2024-01-01 00:00:00 \+0000 UTC" is what the Pulumi CLI makes of an unquoted YAML date/,
    );
  });

  it("says every problem at once, keys and values alike", () => {
    const problems = withTags({ "aws:x": "a", env: [1], team: [] });
    assert.deepStrictEqual(
      problems.map((p) => p.split(":")[0]),
      ["accountTags.env[0]", "accountTags.aws", "accountTags.team"],
    );
  });

  it("refuses a word that mixes scripts, in a key or a value, so that it cannot pass for another", () => {
    assertOnly(
      withTags({ env: "pr\u043Ed" }),
      /^accountTags\.env: "prоd" mixes the Latin and Cyrillic scripts/,
    );
    assertOnly(
      withTags({ "\u0435nv": "prod" }),
      /^accountTags\.еnv: "еnv" mixes the Cyrillic and Latin scripts|^accountTags\.еnv: "еnv" mixes the Latin and Cyrillic scripts/,
    );
    assert.deepStrictEqual(withTags({ команда: "платежи", env: "prod staging" }), []);
  });

  it("is a selector on its own", () => {
    assert.deepStrictEqual(
      problemsWith((c) => {
        delete c.accounts;
        (c as Record<string, unknown>).accountTags = { env: "prod" };
      }),
      [],
    );
  });
});
