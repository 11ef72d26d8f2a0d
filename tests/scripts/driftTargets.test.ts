// Issue #37: drift resolves accountTags against the live organization's tags (Organizations
// ListTagsForResource, on the loopback fake), and says why a grant is missing or stray as the organization is
// now: the tags that select an account with no grant, the condition an account holding one fails, the name that
// names another account. Drift knows no history: no reason claims a retag or a rename it cannot see.
import * as assert from "assert";
import { DriftReport } from "../../analysis/drift";
import { FakeOrganization } from "../live/fakeAws";
import { runbookOrganization } from "../live/runbook";
import { driftIn } from "./driftRun";

const NOW = new Date("2026-12-01T12:00:00Z");

/** The dev stack selecting by a selector of its own instead of listed accounts. */
const selecting = (selector: string) => (text: string) =>
  text.replace(/admin-access:accounts:\n(\s+- "\d+"\n)+/, `${selector}\n`);
const BY_TAG = selecting('admin-access:accountTags:\n    env: ["prod", "dev"]');
const BY_NAME = selecting('admin-access:accountNames:\n    - "Workloads Prod"\n    - "Workloads Dev"');

/** The runbook's organization, its two granted workload accounts tagged as the tag selector wants. */
const tagged = (): FakeOrganization => ({
  ...runbookOrganization(),
  accountTags: {
    "999999999999": { env: "prod" },
    "012345678901": { env: "prod", team: "payments" },
    "210987654321": { env: "dev" },
    "333333333333": { team: "security" },
  },
});

async function drift(org: FakeOrganization, edit: (t: string) => string) {
  const result = await driftIn(org, { argv: ["--format", "json"], edit, now: NOW });
  const report = result.stdout ? (JSON.parse(result.stdout) as DriftReport) : undefined;
  return { ...result, report };
}
const ORG_TAGS = "AWSOrganizationsV20161128.ListTagsForResource";
const items = (r?: DriftReport) => r?.drift.map((i) => [i.kind, i.subject, i.detail]) ?? [];

describe("drift of accountTags and accountNames against the live organization (#37)", () => {
  it("the tags as they are select what the stack granted: no drift, every ACTIVE account's tags read once", async () => {
    const { code, report, stderr, calls } = await drift(tagged(), BY_TAG);
    assert.strictEqual(code, 0, stderr);
    assert.deepStrictEqual(
      report?.targets.map((t) => [t.accountId, t.selectedBy]),
      [
        ["012345678901", ["accountTags"]],
        ["210987654321", ["accountTags"]],
      ],
    );
    // The management account carries env=prod: left out, and said so, as for any selector.
    assert.deepStrictEqual(
      report?.skipped.map((s) => s.accountId),
      ["999999999999"],
    );
    // Every ACTIVE account's tags, each to its last page (pages of one: 1 + 2 + 1 + 1 tags).
    assert.strictEqual(calls.filter((c) => c === ORG_TAGS).length, 5);
  });

  it("an account the tags select has no grant: missing-grant, with the tags that select it", async () => {
    const org = tagged();
    org.accountTags = { ...org.accountTags, "333333333333": { env: "prod", team: "security" } };
    const { code, report } = await drift(org, BY_TAG);
    assert.strictEqual(code, 2);
    assert.deepStrictEqual(items(report), [
      [
        "missing-grant",
        "333333333333",
        "a target of the stack with no grant of AdministratorAccess to Platform Admins: selected by accountTags (env=prod)",
      ],
    ]);
  });

  it("an account tagged out of it keeps its grant: stray-grant, with the tag that no longer matches", async () => {
    const org = tagged();
    org.accountTags = { ...org.accountTags, "210987654321": { env: "staging" } };
    const { code, report } = await drift(org, BY_TAG);
    assert.strictEqual(code, 2);
    assert.deepStrictEqual(items(report), [
      [
        "stray-grant",
        "210987654321",
        "Platform Admins holds AdministratorAccess on an account the stack does not target: no selector " +
          "includes it (moved out of an OU, renamed, left, or granted by hand?): its tags do not match " +
          "accountTags (env is staging)",
      ],
    ]);
    const untagged = tagged();
    untagged.accountTags = { ...untagged.accountTags, "210987654321": {} };
    const gone = await drift(untagged, BY_TAG);
    assert.match(
      gone.report?.drift[0].detail ?? "",
      /: its tags do not match accountTags \(env is not set\)$/,
    );
    const suspended = tagged();
    suspended.accounts[2].State = "SUSPENDED";
    const closed = await drift(suspended, BY_TAG);
    assert.match(
      closed.report?.drift[0].detail ?? "",
      /no selector includes it: it is SUSPENDED, not ACTIVE$/,
    );
  });

  it("a name that names another account now: the grant stays on the old one, the new one has none", async () => {
    const org = tagged();
    // Workloads Dev renamed, and the Audit account given its name.
    org.accounts[2].Name = "Workloads Dev (retired)";
    org.accounts[3].Name = "Workloads Dev";
    const { code, report } = await drift(org, BY_NAME);
    assert.strictEqual(code, 2);
    assert.deepStrictEqual(items(report), [
      [
        "missing-grant",
        "333333333333",
        "a target of the stack with no grant of AdministratorAccess to Platform Admins: selected by " +
          'accountNames "Workloads Dev"',
      ],
      [
        "stray-grant",
        "210987654321",
        "Platform Admins holds AdministratorAccess on an account the stack does not target: no selector " +
          "includes it (moved out of an OU, renamed, left, or granted by hand?): its name " +
          '"Workloads Dev (retired)" is not in accountNames; accountNames "Workloads Dev" names 333333333333, ' +
          "which holds no grant",
      ],
    ]);
  });

  // The red team's cases (#37): drift sees AWS as it is, so a grant deleted or added by hand must not read as
  // a retag or a rename.
  const STRAY = "Platform Admins holds AdministratorAccess on an account the stack does not target: ";
  const MISSING = "a target of the stack with no grant of AdministratorAccess to Platform Admins: ";
  const handGrant = (org: FakeOrganization, accountId: string) =>
    org.assignments.push({ ...org.assignments[0], accountId });
  const handDeleted = (org: FakeOrganization, accountId: string) => {
    org.assignments = org.assignments.filter((a) => a.accountId !== accountId);
  };

  it("a grant added by hand on an account that never carried the tag: what its tags are, not a change", async () => {
    const org = tagged();
    handGrant(org, "333333333333");
    const { report } = await drift(org, BY_TAG);
    assert.deepStrictEqual(items(report), [
      [
        "stray-grant",
        "333333333333",
        STRAY +
          "no selector includes it (moved out of an OU, renamed, left, or granted by hand?): its tags do " +
          "not match accountTags (env is not set)",
      ],
    ]);
  });

  it("an account out of a targeted OU that never had the tag keeps the OU hint", async () => {
    const org = { ...runbookOrganization(), accountTags: { "012345678901": { env: "prod" } } };
    org.ous = org.ous!.map((o) => (o.id === "ou-dev0-22222222" ? { ...o, accounts: [] } : o));
    org.rootAccounts = [...(org.rootAccounts ?? []), "210987654321"];
    const { report } = await drift(
      org,
      selecting(
        'admin-access:organizationalUnits: ["ou-dev0-22222222"]\n  admin-access:accountTags:\n    env: ["prod"]',
      ),
    );
    assert.deepStrictEqual(items(report), [
      [
        "stray-grant",
        "210987654321",
        STRAY +
          "no selector includes it (moved out of an OU, renamed, left, or granted by hand?): its tags do " +
          "not match accountTags (env is not set)",
      ],
    ]);
  });

  it("a grant deleted on a name-selected account beside an unrelated stray: no rename story", async () => {
    const org = tagged();
    handDeleted(org, "210987654321");
    handGrant(org, "333333333333");
    const { report } = await drift(org, BY_NAME);
    assert.deepStrictEqual(items(report), [
      ["missing-grant", "210987654321", MISSING + 'selected by accountNames "Workloads Dev"'],
      [
        "stray-grant",
        "333333333333",
        STRAY +
          "no selector includes it (moved out of an OU, renamed, left, or granted by hand?): its name " +
          '"Audit" is not in accountNames; accountNames "Workloads Dev" names 210987654321, which holds no grant',
      ],
    ]);
    assert.ok(!JSON.stringify(report?.drift).match(/ now|moved to|renamed\?\)"/));
  });

  it("a tag-selected account whose grant was deleted: selected by its tags, no retag claimed", async () => {
    const org = tagged();
    handDeleted(org, "210987654321");
    const { report } = await drift(org, BY_TAG);
    assert.deepStrictEqual(items(report), [
      ["missing-grant", "210987654321", MISSING + "selected by accountTags (env=dev)"],
    ]);
  });

  it("reads no tag without accountTags", async () => {
    const { code, calls } = await drift(tagged(), BY_NAME);
    assert.strictEqual(code, 0);
    assert.ok(!calls.includes(ORG_TAGS));
  });
});
