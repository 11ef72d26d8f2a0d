// Issue #37: drift reports an existing admin the identity store does not hold yet as pending (deferred until
// the directory provisions it), apart from the drift and without its exit code; a deferral that would leave
// nobody is drift, loudly. Read through the live reader from the fake AWS (tests/live/fakeAws.ts).
import * as assert from "assert";
import { DriftReport } from "../../analysis/drift";
import { EXIT } from "../../scripts/exitCodes";
import { FakeOrganization } from "../live/fakeAws";
import { runbookOrganization } from "../live/runbook";
import { driftIn } from "./driftRun";

/** The runbook's organization before the directory has provisioned bob@example.com. */
function withoutBob(): FakeOrganization {
  const org = runbookOrganization();
  org.users = org.users.filter((u) => u.userName !== "bob@example.com");
  org.memberships = org.memberships.filter((m) => m.userId !== "u-bob");
  return org;
}

/** The same, alice's membership gone with her from admins. */
function withoutAnyone(): FakeOrganization {
  const org = withoutBob();
  org.memberships = [];
  return org;
}

const drift = (org: FakeOrganization, format: string, edit = (t: string) => t) =>
  driftIn(org, { argv: ["--format", format], edit });

/** Only bob@example.com, an existing admin, in admins. */
const bobOnly = (text: string) => text.replace(/ {4}- userName: alice\n( {6}.*\n)+/, "");

describe("drift of deferred admins (#37)", () => {
  it("an existing admin not in the store is pending, not drift: exit 0, the JSON field, text and markdown", async () => {
    const json = await drift(withoutBob(), "json");
    assert.strictEqual(json.code, EXIT.ok, json.stdout + json.stderr);
    const report = JSON.parse(json.stdout) as DriftReport;
    assert.deepStrictEqual(report.drift, []);
    assert.deepStrictEqual(report.pending, [
      {
        kind: "deferred-admin",
        subject: "bob@example.com",
        detail:
          "existing: true, not in the identity store (not provisioned yet, misspelled, or deprovisioned): " +
          "deferred until the directory provisions bob@example.com (the next pulumi up after that adds the membership)",
      },
    ]);
    const text = await drift(withoutBob(), "text");
    assert.match(
      text.stdout,
      /^No drift: .*\n.*\n1 pending \(not drift\): bob@example\.com\.\n {2}deferred-admin {2}bob@example\.com {2}existing: true, not in the identity store \(not provisioned yet, misspelled, or deprovisioned\)/m,
    );
    const markdown = await drift(withoutBob(), "markdown");
    assert.match(markdown.stdout, /\*\*1 pending \(not drift\): `bob@example\.com`\.\*\*/);
    assert.match(
      markdown.stdout,
      /\| deferred-admin \| `bob@example\.com` \| .*deferred until the directory provisions `bob@example\.com`/,
    );
  });

  it("once the store holds the user, it is neither pending nor drift", async () => {
    const report = JSON.parse((await drift(runbookOrganization(), "json")).stdout) as DriftReport;
    assert.deepStrictEqual(report.pending, []);
  });

  it("a deferral that leaves no admin is drift, loudly, with exit 2", async () => {
    const json = await drift(withoutAnyone(), "json", bobOnly);
    assert.strictEqual(json.code, EXIT.drift, json.stdout + json.stderr);
    const report = JSON.parse(json.stdout) as DriftReport;
    assert.deepStrictEqual(
      report.drift.map((d) => [d.kind, d.subject, d.fix]),
      [["deferred-lockout", "admins", "by hand"]],
    );
    assert.match(
      report.drift[0].detail,
      /^admins: every admin who has not expired is deferred, .*\(bob@example\.com\): nobody would hold administrator access in the 2 targeted account\(s\) after the apply; .*pulumi up refuses to apply until then$/,
    );
    const text = await drift(withoutAnyone(), "text", bobOnly);
    assert.match(text.stdout, /1 difference\(s\) .*: 1 deferred-lockout/);
  });
});
