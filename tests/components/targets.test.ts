import * as assert from "assert";
import { AdminAccessConfigError, TargetSpec } from "../../components/config";
import {
  needsAccountList,
  OrganizationView,
  organizationView,
  resolveTargets,
} from "../../components/targets";
import {
  ACTIVE_MEMBER_ACCOUNTS,
  MANAGEMENT_ACCOUNT,
  ORG_ACCOUNT_TAGS,
  ORG_ACCOUNTS,
  ORG_UNITS,
} from "../mocks";

const ORG: OrganizationView = {
  managementAccountId: MANAGEMENT_ACCOUNT,
  accounts: ORG_ACCOUNTS,
  organizationalUnits: Object.fromEntries(
    Object.entries(ORG_UNITS).map(([ou, ids]) => [ou, ORG_ACCOUNTS.filter((a) => ids.includes(a.id))]),
  ),
};

const spec = (targets: Partial<TargetSpec>): TargetSpec => ({
  accounts: [],
  organizationalUnits: [],
  accountNames: [],
  accountTags: {},
  excludeAccounts: [],
  allAccounts: false,
  includeManagementAccount: false,
  ...targets,
});

const ids = (targets: Partial<TargetSpec>, org = ORG) =>
  resolveTargets(spec(targets), org).targets.map((t) => t.accountId);

function problems(targets: Partial<TargetSpec>, org = ORG): string[] {
  try {
    resolveTargets(spec(targets), org);
  } catch (err) {
    if (err instanceof AdminAccessConfigError) return [...err.problems];
    throw err;
  }
  assert.fail("expected problems");
}

describe("resolveTargets", () => {
  it("explicit accounts stand as given, sorted", () => {
    assert.deepStrictEqual(ids({ accounts: ["111111111111", "012345678901"] }), [
      "012345678901",
      "111111111111",
    ]);
  });

  it("an OU brings in its ACTIVE accounts, never the management account, and says what it left out", () => {
    const resolution = resolveTargets(spec({ organizationalUnits: ["ou-wkld-22222222"] }), ORG);
    assert.deepStrictEqual(resolution.targets, [
      {
        accountId: "012345678901",
        name: "Workloads Prod",
        selectedBy: ["organizationalUnits:ou-wkld-22222222"],
      },
      {
        accountId: "210987654321",
        name: "Workloads Dev",
        selectedBy: ["organizationalUnits:ou-wkld-22222222"],
      },
    ]);
    assert.deepStrictEqual(resolution.skipped, [
      { accountId: "222222222222", reason: "not ACTIVE (SUSPENDED)" },
      {
        accountId: MANAGEMENT_ACCOUNT,
        reason: "the management account (set includeManagementAccount: true to include it)",
      },
    ]);
  });

  it("includeManagementAccount lets an expansion reach the management account", () => {
    assert.deepStrictEqual(
      ids({ organizationalUnits: ["ou-wkld-22222222"], includeManagementAccount: true }),
      ["012345678901", "210987654321", MANAGEMENT_ACCOUNT],
    );
  });

  it("deduplicates, recording every selector that brought an account in", () => {
    const resolution = resolveTargets(
      spec({
        accounts: ["012345678901"],
        organizationalUnits: ["ou-prod-11111111", "ou-wkld-22222222"],
        accountNames: ["Workloads Prod"],
      }),
      ORG,
    );
    assert.deepStrictEqual(resolution.targets[0], {
      accountId: "012345678901",
      name: "Workloads Prod",
      selectedBy: [
        "accounts",
        "organizationalUnits:ou-prod-11111111",
        "organizationalUnits:ou-wkld-22222222",
        "accountNames:Workloads Prod",
      ],
    });
    assert.deepStrictEqual(
      resolution.targets.map((t) => t.accountId),
      ["012345678901", "210987654321", "333333333333"],
    );
  });

  it("accountNames resolve to the one account of that name", () => {
    assert.deepStrictEqual(ids({ accountNames: ["Audit", "Shared Services"] }), [
      "111111111111",
      "333333333333",
    ]);
  });

  it("an unknown name is an error that lists the closest candidates", () => {
    assert.deepStrictEqual(problems({ accountNames: ["Workload Prod"] }), [
      'accountNames[0]: no account is named "Workload Prod"; closest names: "Workloads Prod", "Workloads Dev", "Old Sandbox", "Management", "Audit"',
    ]);
  });

  it("an ambiguous name is an error that lists the accounts it names", () => {
    assert.deepStrictEqual(problems({ accountNames: ["Data"] }), [
      'accountNames[0]: "Data" names 2 accounts (555555555555, 666666666666); list the one you mean in accounts',
    ]);
  });

  it("a name of a suspended account is an error", () => {
    assert.deepStrictEqual(problems({ accountNames: ["Old Sandbox"] }), [
      'accountNames[0]: "Old Sandbox" (222222222222) is SUSPENDED, not ACTIVE',
    ]);
  });

  it("allAccounts brings in every ACTIVE account but the management account", () => {
    assert.deepStrictEqual(ids({ allAccounts: true }), ACTIVE_MEMBER_ACCOUNTS);
  });

  it("exclusions win whatever selected the account", () => {
    const resolution = resolveTargets(
      spec({
        allAccounts: true,
        organizationalUnits: ["ou-prod-11111111"],
        excludeAccounts: ["333333333333", "555555555555"],
      }),
      ORG,
    );
    assert.ok(!resolution.targets.some((t) => ["333333333333", "555555555555"].includes(t.accountId)));
    assert.deepStrictEqual(
      resolution.skipped.filter((s) => s.reason === "excludeAccounts").map((s) => s.accountId),
      ["333333333333", "555555555555"],
    );
  });

  describe("the management account", () => {
    const why =
      "administrator access there needs extra IAM permissions, cannot be managed from a delegated-admin account " +
      "and widens the blast radius; set includeManagementAccount: true if you mean it";

    it("listed explicitly without includeManagementAccount is an error that explains why", () => {
      assert.deepStrictEqual(problems({ accounts: [MANAGEMENT_ACCOUNT] }), [
        `accounts[0]: "${MANAGEMENT_ACCOUNT}" is the organization's management account: ${why}`,
      ]);
      assert.deepStrictEqual(problems({ accountNames: ["Management"] }), [
        `accountNames[0]: "Management" is the organization's management account: ${why}`,
      ]);
    });

    it("listed explicitly with includeManagementAccount is a target", () => {
      assert.deepStrictEqual(ids({ accounts: [MANAGEMENT_ACCOUNT], includeManagementAccount: true }), [
        MANAGEMENT_ACCOUNT,
      ]);
    });
  });

  describe("never over-grants", () => {
    it("no selector but allAccounts expands to the whole organization", () => {
      const everyone = ids({ allAccounts: true }).length;
      for (const targets of [
        { organizationalUnits: ["ou-prod-11111111"] },
        { accountNames: ["Audit"] },
        { accounts: ["111111111111"] },
      ]) {
        assert.ok(ids(targets).length < everyone, JSON.stringify(targets));
      }
    });

    it("an OU the organization does not have is an error, not everything", () => {
      assert.deepStrictEqual(problems({ organizationalUnits: ["ou-none-00000000"] }), [
        'organizationalUnits[0]: "ou-none-00000000" was not found in the organization',
      ]);
    });

    it("selectors that match nothing resolve to no target, which the lockout check refuses", () => {
      // Refused with its reason and the allowNoAdmins override by components/lockout.ts (lockout.test.ts).
      assert.deepStrictEqual(
        ids({ organizationalUnits: ["ou-prod-11111111"], excludeAccounts: ["012345678901", "333333333333"] }),
        [],
      );
    });
  });

  it("an explicit ID outside the organization is an error when the account list is known", () => {
    assert.deepStrictEqual(problems({ accounts: ["123123123123"], allAccounts: true }), [
      'accounts[0]: "123123123123" is not an account of this organization',
    ]);
  });

  it("reports every problem at once", () => {
    assert.strictEqual(
      problems({ accounts: [MANAGEMENT_ACCOUNT], accountNames: ["Data", "Nope"] }).length,
      3,
    );
  });

  it("names and allAccounts need the account list; explicit IDs and OUs do not", () => {
    assert.strictEqual(
      needsAccountList(spec({ accounts: ["111111111111"], organizationalUnits: ["ou-prod-11111111"] })),
      false,
    );
    assert.strictEqual(needsAccountList(spec({ accountNames: ["Audit"] })), true);
    assert.strictEqual(needsAccountList(spec({ allAccounts: true })), true);
    assert.deepStrictEqual(problems({ allAccounts: true }, { organizationalUnits: {} }), [
      "allAccounts: needs the organization's account list, which was not given",
    ]);
  });
});

describe("organizationView", () => {
  const denied = { masterAccountId: MANAGEMENT_ACCOUNT, accounts: [] };

  it("an empty account list means ListAccounts was denied: accountNames and allAccounts say so", () => {
    assert.throws(
      () => organizationView(spec({ accountNames: ["Audit"], allAccounts: true }), denied, {}),
      (err: AdminAccessConfigError) => {
        assert.deepStrictEqual(
          err.problems.map((p) => p.split(":")[0]),
          ["accountNames", "allAccounts"],
        );
        for (const p of err.problems) {
          assert.match(p, /these credentials cannot list the organization's accounts/);
          assert.match(p, /organizations:ListAccounts/);
        }
        return true;
      },
    );
  });

  it("explicit IDs and OUs need no account list, so an empty one is fine there", () => {
    const view = organizationView(
      spec({ accounts: ["012345678901"], organizationalUnits: ["ou-prod-11111111"] }),
      denied,
      {
        "ou-prod-11111111": [{ id: "012345678901", name: "Workloads Prod", state: "ACTIVE" }],
      },
    );
    assert.deepStrictEqual(view, {
      managementAccountId: MANAGEMENT_ACCOUNT,
      accounts: undefined,
      organizationalUnits: {
        "ou-prod-11111111": [{ id: "012345678901", name: "Workloads Prod", state: "ACTIVE" }],
      },
    });
  });
});

describe("exclusions and explicit targets that do not mean what they say", () => {
  it("an exclusion that excludes nothing is an error with its path: a transposed digit", () => {
    // 012345678910 was meant to be 012345678901: the account must not stay granted unnoticed.
    assert.deepStrictEqual(
      problems({
        accounts: ["012345678901", "111111111111"],
        excludeAccounts: ["111111111111", "012345678910"],
      }),
      ['excludeAccounts[1]: "012345678910" is not an account of this organization, so it excludes nothing'],
    );
  });

  it("without the account list, an exclusion outside the selected targets is still an error", () => {
    const noList: OrganizationView = { managementAccountId: MANAGEMENT_ACCOUNT, organizationalUnits: {} };
    assert.deepStrictEqual(
      problems({ accounts: ["012345678901"], excludeAccounts: ["012345678910"] }, noList),
      [
        'excludeAccounts[0]: "012345678910" is not among the selected targets, so it excludes nothing; check the ID',
      ],
    );
    assert.deepStrictEqual(problems({ accounts: ["012345678901"], excludeAccounts: ["111111111111"] }), [
      'excludeAccounts[0]: "111111111111" is not among the selected targets, so it excludes nothing; check the ID',
    ]);
  });

  it("excluding an account a selector reached but left out anyway is a fair safeguard", () => {
    assert.deepStrictEqual(
      ids({
        organizationalUnits: ["ou-wkld-22222222"],
        excludeAccounts: ["222222222222", MANAGEMENT_ACCOUNT],
      }),
      ["012345678901", "210987654321"],
    );
  });

  it("an explicitly listed account that is not ACTIVE is an error when the account list is known", () => {
    assert.deepStrictEqual(problems({ accounts: ["012345678901", "222222222222"] }), [
      'accounts[1]: "222222222222" is SUSPENDED, not ACTIVE',
    ]);
    const closing = ORG_ACCOUNTS.map((a) =>
      a.id === "111111111111" ? { ...a, state: "PENDING_CLOSURE" } : a,
    );
    assert.deepStrictEqual(problems({ accounts: ["111111111111"] }, { ...ORG, accounts: closing }), [
      'accounts[0]: "111111111111" is PENDING_CLOSURE, not ACTIVE',
    ]);
  });
});

describe("accountTags", () => {
  const tagged: OrganizationView = {
    ...ORG,
    accounts: ORG_ACCOUNTS.map((a) => (a.state === "ACTIVE" ? { ...a, tags: ORG_ACCOUNT_TAGS[a.id] } : a)),
  };

  it("selects ACTIVE accounts carrying every listed tag, a list meaning any of its values", () => {
    assert.deepStrictEqual(ids({ accountTags: { env: ["prod"], team: ["payments", "search"] } }, tagged), [
      "012345678901",
      "111111111111",
    ]);
    const r = resolveTargets(spec({ accountTags: { env: ["prod"] } }), tagged);
    assert.deepStrictEqual(r.targets[0].selectedBy, ["accountTags"]);
  });

  it("matches keys and values case-sensitively, as Organizations stores them", () => {
    assert.deepStrictEqual(ids({ accountTags: { env: ["Prod"] } }, tagged), ["333333333333"]);
    assert.deepStrictEqual(ids({ accountTags: { ENV: ["prod"] } }, tagged), []);
  });

  it("keeps the management account out unless asked, and excludeAccounts applies", () => {
    const r = resolveTargets(
      spec({ accountTags: { env: ["prod"] }, excludeAccounts: ["111111111111"] }),
      tagged,
    );
    assert.deepStrictEqual(
      r.targets.map((t) => t.accountId),
      ["012345678901"],
    );
    assert.deepStrictEqual(
      r.skipped.map((s) => s.accountId),
      ["111111111111", MANAGEMENT_ACCOUNT],
    );
  });

  it("refuses to resolve when an ACTIVE account's tags were not read, rather than leave it out", () => {
    const [problem] = problems({ accountTags: { env: ["prod"] } });
    assert.match(problem, /^accountTags: needs the tags of every ACTIVE account, but 7 have none recorded/);
  });

  it("needs the account list", () => {
    assert.strictEqual(needsAccountList(spec({ accountTags: { env: ["prod"] } })), true);
  });
});

describe("resolution notes: what a reviewer should know that stops nothing", () => {
  const tagged: OrganizationView = {
    ...ORG,
    accounts: ORG_ACCOUNTS.map((a) => ({
      ...a,
      tags: a.id === "012345678901" ? { env: "prod" } : ({} as Record<string, string>),
    })),
  };

  it("a tag selector that matches no account says what the organization's accounts carry", () => {
    const r = resolveTargets(spec({ accounts: ["111111111111"], accountTags: { env: ["prd"] } }), tagged);
    assert.deepStrictEqual(r.notes, ['accountTags: selects no ACTIVE account; "env" is "prod" on some']);
  });

  it("an exclusion of an account tags or OUs no longer reach is a note, not a refusal", () => {
    const r = resolveTargets(
      spec({ accountTags: { env: ["prod"] }, excludeAccounts: ["111111111111"] }),
      tagged,
    );
    assert.deepStrictEqual(r.notes, [
      'excludeAccounts[0]: "111111111111" is an account of this organization that no selector reaches now (its tags or OU may have changed), so it excludes nothing',
    ]);
    // With explicit accounts only, it is still the slip it most likely is.
    assert.match(
      problems({ accounts: ["012345678901"], excludeAccounts: ["111111111111"] })[0],
      /^excludeAccounts\[0\]: "111111111111" is not among the selected targets/,
    );
  });
});
