import * as assert from "assert";
import { parse } from "yaml";
import { parseOrganization } from "../../scripts/orgFile";
import { CommandError } from "../../scripts/stackFile";

function problems(doc: unknown, management?: string): string[] {
  try {
    parseOrganization(doc, "org.yaml", management);
  } catch (err) {
    assert.ok(err instanceof CommandError);
    assert.match(err.message, /^org\.yaml: \d+ problems?:\n/);
    return err.message
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ""));
  }
  return assert.fail("expected problems");
}

describe("the --org file", () => {
  it("reports every problem with its path: null entries, bad IDs, duplicates, states", () => {
    assert.deepStrictEqual(
      problems({
        managementAccountId: 99999999999,
        accounts: [
          { id: "012345678901", name: "Prod" },
          null,
          { id: "0123", name: "Short" },
          { id: "012345678901", name: "Again" },
          { id: "111111111111", state: "GONE" },
        ],
        organizationalUnits: { "ou-prod-11111111": ["012345678901", "222222222222"], root: [] },
      }),
      [
        "accounts[1]: null is not an account ({ id, name, state })",
        'accounts[2].id: "0123" is not an AWS account ID: expected 12 digits',
        'accounts[3].id: "012345678901" repeats accounts[0].id; each account may appear once',
        'accounts[4].state: "GONE" is not one of ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, PENDING_ACTIVATION',
        'organizationalUnits.ou-prod-11111111[1]: "222222222222" is not in the accounts list',
        'organizationalUnits.root: "root" is not an OU ID such as ou-ab12-cdef3456',
        // An unquoted management ID that lost its zero would silently disable the management-account guard.
        "managementAccountId: 99999999999 is a number with 11 digits: an unquoted account ID loses its leading zeros; quote it",
      ],
    );
  });

  it("accepts an unquoted ID that still has its 12 digits", () => {
    const view = parseOrganization(
      { managementAccountId: 999999999999, accounts: [{ id: 111111111111 }] },
      "org.yaml",
    );
    assert.deepStrictEqual(
      { ...view, organizationalUnits: { ...view.organizationalUnits } },
      {
        managementAccountId: "999999999999",
        accounts: [{ id: "111111111111", name: "", state: "ACTIVE" }],
        organizationalUnits: {},
      },
    );
  });

  it("reads the AWS CLI's list-accounts output and a bare list as they are, with --management-account", () => {
    const cli = {
      Accounts: [
        {
          Id: "012345678901",
          Arn: "arn:aws:organizations::999999999999:account/o-x/012345678901",
          Name: "Prod",
          Status: "ACTIVE",
        },
        { Id: "222222222222", Name: "Old", Status: "SUSPENDED", State: "SUSPENDED" },
      ],
    };
    const expected = [
      { id: "012345678901", name: "Prod", state: "ACTIVE" },
      { id: "222222222222", name: "Old", state: "SUSPENDED" },
    ];
    const management = "999999999999";
    assert.deepStrictEqual(parseOrganization(cli, "accounts.json", management).accounts, expected);
    assert.deepStrictEqual(parseOrganization(cli.Accounts, "accounts.json", management).accounts, expected);
  });

  it("--management-account must be 12 digits", () => {
    assert.deepStrictEqual(problems({ accounts: [] }, "12345"), [
      '--management-account: "12345" is not an AWS account ID: expected 12 digits',
    ]);
  });

  it("must name its management account, else that account would be planned as an ordinary target", () => {
    const bare = { accounts: [{ id: "012345678901" }, { id: "999999999999" }] };
    for (const doc of [bare, bare.accounts, { Accounts: [{ Id: "012345678901" }] }]) {
      assert.deepStrictEqual(problems(doc), [
        "managementAccountId: is required: the organization's management account ID (`aws organizations " +
          "describe-organization` MasterAccountId), so that it is never planned as an ordinary target; or " +
          "pass --management-account <id>. `npm run org-snapshot` writes a complete file",
      ]);
    }
    assert.strictEqual(
      parseOrganization(bare, "org.yaml", "999999999999").managementAccountId,
      "999999999999",
    );
  });

  it("reads keys named like Object.prototype members as plain keys", () => {
    const doc = JSON.parse(
      '{"managementAccountId": "999999999999", "accounts": [{"id": "012345678901"}], ' +
        '"organizationalUnits": {"__proto__": ["012345678901"], "constructor": [], "ou-ab12-cdef3456": []}}',
    );
    assert.deepStrictEqual(problems(doc), [
      'organizationalUnits.__proto__: "__proto__" is not an OU ID such as ou-ab12-cdef3456',
      'organizationalUnits.constructor: "constructor" is not an OU ID such as ou-ab12-cdef3456',
    ]);
  });

  describe("account tags", () => {
    const org = (accounts: unknown[]) => ({ managementAccountId: "999999999999", accounts });

    it("reads an account's tags; without `tags` they were never read, `{}` is no tags", () => {
      const view = parseOrganization(
        org([
          { id: "012345678901", tags: { env: "prod", team: "payments" } },
          { id: "111111111111", tags: {} },
          { id: "210987654321" },
        ]),
        "org.yaml",
      );
      const [tagged, none, unread] = view.accounts ?? [];
      assert.deepStrictEqual({ ...tagged.tags }, { env: "prod", team: "payments" });
      assert.deepStrictEqual({ ...none.tags }, {});
      assert.strictEqual(unread.tags, undefined);
      assert.ok(!("tags" in unread));
    });

    it("reports every bad tag with its path", () => {
      assert.deepStrictEqual(
        problems(
          org([
            { id: "012345678901", tags: ["env=prod"] },
            { id: "111111111111", tags: { env: 1, team: null, "": "x", ok: "fine", long: "v".repeat(257) } },
            { id: "210987654321", tags: "env=prod" },
          ]),
        ),
        [
          'accounts[0].tags: ["env=prod"] is not a map of tag keys to values',
          "accounts[1].tags.env: 1 is not a string",
          "accounts[1].tags.team: null is not a string",
          'accounts[1].tags: "" is not a tag key: AWS allows 1 to 128 characters',
          "accounts[1].tags.long: a value of 257 characters; AWS allows up to 256",
          'accounts[2].tags: "env=prod" is not a map of tag keys to values',
        ],
      );
    });

    it("reads tag keys named like Object.prototype members as plain keys, from JSON and YAML", () => {
      const json = JSON.parse(
        '{"managementAccountId": "999999999999", "accounts": [{"id": "012345678901", ' +
          '"tags": {"__proto__": "a", "constructor": "b"}}]}',
      );
      const yamlDoc = parse(
        'managementAccountId: "999999999999"\naccounts:\n  - id: "012345678901"\n' +
          "    tags: { __proto__: a, constructor: b }\n",
      );
      for (const doc of [json, yamlDoc]) {
        const [account] = parseOrganization(doc, "org.yaml").accounts ?? [];
        const tags = account.tags as Record<string, string>;
        assert.strictEqual(Object.getPrototypeOf(tags), null);
        assert.deepStrictEqual(Object.entries(tags), [
          ["__proto__", "a"],
          ["constructor", "b"],
        ]);
      }
    });

    it("hides nothing in a path: a key's hidden characters are shown escaped", () => {
      assert.deepStrictEqual(problems(org([{ id: "012345678901", tags: { "e\u202env": 1 } }])), [
        "accounts[0].tags.e\\u202env: 1 is not a string",
      ]);
    });
  });
});
