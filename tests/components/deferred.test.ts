// Issue #37, deferred admins under mocks: an existing admin the identity store does not hold yet gets no
// membership, schedule or session cut, is warned about and listed in deferredAdmins; the next run after the
// directory provisions the user adds the membership; a failed lookup stays fatal with AWS's text escaped; a
// deferral that leaves nobody is refused as a lockout. The engine proves the same in scenarios.engine.ts.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import * as fc from "fast-check";
import { AdminAccessComponent, AdminAccessComponentArgs } from "../../components/adminAccess";
import { TYPES } from "../../components/plan";
import { lookupFailure, userNotFound } from "../../components/resources/lookups";
import { validArgs } from "../fixtures";
import { IDENTITY_STORE_ID, mocks, settled, storeWithout, userNotFoundText, valueOf } from "../mocks";

const ROOT = path.join(__dirname, "..", "..");

/** The component's refusal or failure, from a process of its own (refusedComponent.ts). */
function failed(
  args: Partial<Record<keyof AdminAccessComponentArgs, unknown>>,
  store: { absent?: string[]; failing?: Record<string, string>; noInstance?: boolean },
): { problems?: string[]; message?: string; registered: string[]; accountIds?: string[] } {
  const child = spawnSync(
    process.execPath,
    [
      "-r",
      "ts-node/register/transpile-only",
      path.join(__dirname, "refusedComponent.ts"),
      JSON.stringify(args),
      JSON.stringify(store),
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  return JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}");
}

async function build(args: AdminAccessComponentArgs): Promise<AdminAccessComponent> {
  const component = new AdminAccessComponent("aa", args);
  await valueOf(component.accountIds);
  await settled();
  return component;
}
const names = (type: string) => mocks.ofType(type).map((r) => r.name);
const later = new Date(Date.now() + 30 * 86400_000).toISOString().replace(/\.\d+Z$/, "Z");

// aws-sdk-go-v2's text for GetUserId's other errors, as the provider's diagnostic carries them.
const failure = (code: string, status = 400) =>
  `invoking aws:identitystore/getUser:getUser: 1 error occurred:\n\t* reading IdentityStore User ` +
  `(${IDENTITY_STORE_ID}): operation error identitystore: GetUserId, https response error StatusCode: ` +
  `${status}, RequestID: 0d8e, ${code}: denied`;

describe("deferred admins (#37)", () => {
  describe("telling not there from a failed lookup", () => {
    it("ResourceNotFoundException from GetUserId is not there; every other answer is a failure", () => {
      assert.ok(userNotFound(userNotFoundText(IDENTITY_STORE_ID)));
      for (const code of [
        "AccessDeniedException",
        "ThrottlingException",
        "ValidationException",
        "InternalServerException",
      ])
        assert.ok(!userNotFound(failure(code)), code);
      // Retries exhausted, a network error, the instance not found, another call's not-found.
      assert.ok(
        !userNotFound(
          "reading IdentityStore User (d-1): operation error identitystore: GetUserId, exceeded maximum " +
            "number of attempts, 3, https response error StatusCode: 400, RequestID: 1, ThrottlingException: slow",
        ),
      );
      assert.ok(
        !userNotFound(
          "reading IdentityStore User (d-1): operation error identitystore: GetUserId, https response error " +
            "StatusCode: 0, RequestID: , request send failed, dial tcp: lookup identitystore: no such host",
        ),
      );
      assert.ok(!userNotFound("no IAM Identity Center instance found: ResourceNotFoundException"));
      assert.ok(
        !userNotFound(
          "reading IdentityStore User (abc): operation error identitystore: DescribeUser, https response error " +
            "StatusCode: 400, RequestID: 1, ResourceNotFoundException: gone",
        ),
      );
    });

    it("a failure's text is shown with its hidden characters escaped, whatever it holds", () => {
      fc.assert(
        fc.property(fc.string({ unit: "binary" }), fc.nat(99), (text, index) => {
          const shown = lookupFailure(index, "bob", text);
          return (
            !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(shown) && shown.startsWith(`admins[${index}].userName: `)
          );
        }),
        { seed: 37, numRuns: 2000 },
      );
    });
  });

  describe("the component", () => {
    it("defers an existing admin the store does not hold: no membership, a warning, deferredAdmins", async () => {
      storeWithout(["bob"]);
      const component = await build(validArgs());
      assert.deepStrictEqual(names(TYPES.membership).sort(), ["aa-membership-alice", "aa-membership-carol"]);
      assert.deepStrictEqual(await valueOf(component.deferredAdmins), ["bob"]);
      assert.deepStrictEqual(Object.keys(await valueOf(component.userIds)).sort(), ["alice", "carol"]);
      const warned = mocks.logs.filter(
        (l) => l.severity === "warn" && /"bob" is not in the identity store/.test(l.message),
      );
      assert.strictEqual(warned.length, 1, JSON.stringify(mocks.logs));
      // Everything else is registered as without the deferral: the group is still assigned everywhere.
      assert.deepStrictEqual(await valueOf(component.accountIds), ["012345678901", "111111111111"]);
    });

    it("the next run after the directory provisions the user adds its membership, under the same name", async () => {
      storeWithout(["bob"]);
      const first = await build(validArgs());
      assert.deepStrictEqual(await valueOf(first.deferredAdmins), ["bob"]);
      const without = mocks.registrations.map((r) => r.urn);
      mocks.reset();
      const second = await build(validArgs());
      assert.deepStrictEqual(await valueOf(second.deferredAdmins), []);
      const bob = mocks.registrations.find((r) => r.name === "aa-membership-bob");
      assert.strictEqual(bob?.inputs.memberId, "existing-user-bob");
      // The membership is the only child the second run adds.
      assert.deepStrictEqual(
        mocks.registrations.map((r) => r.urn).filter((u) => !without.includes(u)),
        [bob.urn],
      );
    });

    it("a deferred admin with an expiry gets no schedule, and no session cut names it", async () => {
      storeWithout(["bob"]);
      const admins = validArgs().admins.map((a) => (a.userName === "bob" ? { ...a, expiresAt: later } : a));
      await build(validArgs({ admins }));
      assert.deepStrictEqual(names(TYPES.expirySchedule), []);
      assert.deepStrictEqual(names(TYPES.expiryRole), []);
      // The cut was the inline policy's only reason: without bob there is none to send.
      assert.deepStrictEqual(names(TYPES.inlinePolicy), []);
    });

    it("an existing admin's expiry beside a created one's: only the found user's schedule and cut", async () => {
      storeWithout(["bob"]);
      const admins = validArgs().admins.map((a) =>
        a.userName === "bob" || a.userName === "alice" ? { ...a, expiresAt: later } : a,
      );
      await build(validArgs({ admins }));
      assert.deepStrictEqual(names(TYPES.expirySchedule), ["aa-expiry-alice"]);
      const policy = JSON.parse(mocks.ofType(TYPES.inlinePolicy)[0].inputs.inlinePolicy as string);
      assert.deepStrictEqual(
        policy.Statement.map((s: { Condition: { StringEquals: Record<string, string[]> } }) =>
          Object.values(s.Condition.StringEquals),
        ),
        [[["user-alice"]]],
      );
    });

    it("under allowNoAdmins, deferring the only admin registers the group without members", async () => {
      storeWithout(["bob"]);
      const component = await build(
        validArgs({ admins: [{ userName: "bob", existing: true }], allowNoAdmins: true }),
      );
      assert.deepStrictEqual(names(TYPES.membership), []);
      assert.deepStrictEqual(await valueOf(component.deferredAdmins), ["bob"]);
    });
  });

  describe("in a process of its own", () => {
    it("refuses a deferral that leaves no admin, naming the deferred users, and registers nothing", () => {
      const admins = [
        { userName: "bob", existing: true },
        { userName: "dan", existing: true },
        { userName: "old", existing: true, expiresAt: "2020-01-01T00:00:00Z" },
      ];
      const { problems, registered } = failed({ admins }, { absent: ["bob", "dan"] });
      assert.deepStrictEqual(registered, []);
      assert.strictEqual(problems?.length, 1, JSON.stringify(problems));
      assert.match(
        problems[0],
        /^admins: every admin who has not expired is deferred, an existing user the identity store does not hold yet \(bob, dan\): nobody would hold administrator access in the 2 targeted account\(s\) after the apply; .*; set allowNoAdmins: true if you mean it$/,
      );
    });

    it("no instance to look the admins up in is reported as it is, not as an admin's failed lookup", () => {
      const { message, registered } = failed(
        { instanceArn: null, identityStoreId: null },
        { noInstance: true },
      );
      assert.deepStrictEqual(registered, []);
      assert.match(message ?? "", /no IAM Identity Center instance found/);
      assert.doesNotMatch(message ?? "", /userName: the lookup/);
    });

    it("a failed lookup stays fatal, with AWS's text escaped, and registers nothing", () => {
      const text = `${failure("AccessDeniedException")} \u001b[2Jwiped`;
      const { message, registered } = failed({}, { failing: { bob: text } });
      assert.deepStrictEqual(registered, []);
      assert.match(
        message ?? "",
        /admins\[1\]\.userName: the lookup of the existing user "bob" in the identity store failed/,
      );
      assert.match(message ?? "", /AccessDeniedException: denied \\u001b\[2Jwiped$/);
      assert.ok(!(message ?? "").includes("\u001b"));
      assert.match(message ?? "", /1 error occurred: \* reading IdentityStore User/);
    });
  });
});
