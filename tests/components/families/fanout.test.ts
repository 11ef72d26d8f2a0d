// #27: every child whose change reprovisions the set waits as long as its fan-out takes.
import * as assert from "assert";
import { AdminAccessComponent } from "../../../components/adminAccess";
import {
  fanoutLine,
  fanoutTimeoutMinutes,
  fanoutTimeouts,
  provisioningMinutes,
} from "../../../components/families/fanout";
import { TYPES } from "../../../components/plan";
import { validArgs } from "../../fixtures";
import { MANAGEMENT_ACCOUNT, mocks, settled, valueOf } from "../../mocks";

/** An organization of `n` active member accounts beside the management account. */
function organizationOf(n: number) {
  const accounts = Array.from({ length: n }, (_, i) => ({
    id: String(100000000000 + i),
    name: `Member ${i}`,
    state: "ACTIVE",
  }));
  mocks.respond("aws:organizations/getOrganization:getOrganization", () => ({
    masterAccountId: MANAGEMENT_ACCOUNT,
    accounts: [{ id: MANAGEMENT_ACCOUNT, name: "Management", state: "ACTIVE" }, ...accounts],
  }));
}

describe("timeouts sized to the fan-out (components/families/fanout.ts)", () => {
  it("gives 1, 200 and 2,000 accounts 12, 32 and 214 minutes", () => {
    assert.deepStrictEqual(
      [1, 200, 2000].map((n) => [provisioningMinutes(n), fanoutTimeoutMinutes(n)]),
      [
        [1, 12],
        [11, 32],
        [102, 214],
      ],
    );
    assert.deepStrictEqual(fanoutTimeouts(200), { create: "32m", update: "32m", delete: "32m" });
    assert.strictEqual(
      fanoutLine(200),
      "this change reprovisions the permission set in 200 accounts (about 11 minutes; the provider waits up to 32 minutes)",
    );
    assert.match(fanoutLine(1), /in 1 account \(about 1 minute;/);
  });

  // 2,000 is shown by the pure figures above; through the component it only takes longer.
  for (const [accounts, wait] of [
    [1, "12m"],
    [200, "32m"],
  ] as const) {
    it(`registers every set-level child of a set in ${accounts} account(s) with ${wait}, and nothing else`, async () => {
      organizationOf(accounts);
      const component = new AdminAccessComponent(
        "aa",
        validArgs({
          accounts: [],
          allAccounts: true,
          permissionSet: {
            inlinePolicy: {
              Version: "2012-10-17",
              Statement: [{ Effect: "Deny", Action: "cloudtrail:StopLogging", Resource: "*" }],
            },
            customerManagedPolicies: [{ name: "Ops" }],
            permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
          },
        }),
      );
      assert.strictEqual((await valueOf(component.accountIds)).length, accounts);
      await settled();
      const setLevel = [
        TYPES.permissionSet,
        TYPES.policyAttachment,
        TYPES.inlinePolicy,
        TYPES.customerPolicy,
        TYPES.permissionsBoundary,
        TYPES.managedPolicies,
        TYPES.customerPolicies,
      ] as string[];
      const timed = mocks.registrations.filter((r) => r.customTimeouts.create !== "");
      assert.deepStrictEqual(timed.map((r) => r.type).sort(), [...setLevel].sort());
      for (const r of timed) {
        assert.deepStrictEqual(r.customTimeouts, { create: wait, update: wait, delete: wait }, r.name);
      }
      for (const list of [TYPES.managedPolicies, TYPES.customerPolicies]) {
        assert.deepStrictEqual(mocks.ofType(list)[0].inputs.timeouts, { create: wait, update: wait });
      }
    });
  }
});
