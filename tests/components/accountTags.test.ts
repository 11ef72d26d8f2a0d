// accountTags in the component, under mocks: each ACTIVE account's tags read with
// organizations.getResourceTags (tests/mocks.ts ORG_ACCOUNT_TAGS), paced, then resolved as any selector.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AdminAccessComponent, AdminAccessComponentArgs } from "../../components/adminAccess";
import { validateConfig } from "../../components/config";
import { TYPES } from "../../components/plan";
import { resolveOrganization } from "../../components/resources/context";
import { validArgs } from "../fixtures";
import { MANAGEMENT_ACCOUNT, mocks, ORG_ACCOUNT_TAGS, ORG_ACCOUNTS, settled, valueOf } from "../mocks";
import { VirtualClock } from "../virtualClock";

const GET_TAGS = "aws:organizations/getResourceTags:getResourceTags";
const ACTIVE = ORG_ACCOUNTS.filter((a) => a.state === "ACTIVE").map((a) => a.id);

async function build(args: Partial<AdminAccessComponentArgs>): Promise<AdminAccessComponent> {
  const component = new AdminAccessComponent("aa", validArgs({ accounts: undefined, ...args }));
  await valueOf(component.userIds);
  await settled();
  return component;
}
const assigned = () =>
  mocks
    .ofType(TYPES.assignment)
    .map((a) => a.inputs.targetId)
    .sort();
const lookedUp = () =>
  mocks.invokes
    .filter((i) => i.token === GET_TAGS)
    .map((i) => i.inputs.resourceId)
    .sort();

describe("accountTags in the component (getResourceTags under mocks)", () => {
  it("assigns the ACTIVE accounts carrying every listed tag, a list meaning any of its values", async () => {
    const component = await build({ accountTags: { env: ["prod"], team: ["payments", "search"] } });
    assert.deepStrictEqual(assigned(), ["012345678901", "111111111111"]);
    assert.deepStrictEqual(await valueOf(component.accountIds), ["012345678901", "111111111111"]);
    // One lookup per ACTIVE account, the management account's included; the suspended one is not read.
    assert.deepStrictEqual(lookedUp(), [...ACTIVE].sort());
    assert.ok(!lookedUp().includes("222222222222"));
    const info = mocks.logs.filter((l) => /getResourceTags/.test(l.message));
    assert.deepStrictEqual(
      info.map((l) => [l.severity, l.message.replace(/\(\d+\.\d s\)$/, "(n s)")]),
      [
        [
          "info",
          `admin-access: accountTags made ${ACTIVE.length} organizations.getResourceTags lookups, one per ACTIVE ` +
            "account, at most 5 a second (n s)",
        ],
      ],
    );
  });

  it("keeps the management account out though its tags match, unless includeManagementAccount", async () => {
    assert.deepStrictEqual(ORG_ACCOUNT_TAGS[MANAGEMENT_ACCOUNT], { env: "prod" });
    await build({ accountTags: { env: "prod" } as unknown as Record<string, string[]> });
    assert.deepStrictEqual(assigned(), ["012345678901", "111111111111"]);
    mocks.reset();
    // Called from the management account itself: a delegated administrator would keep it out regardless.
    mocks.respond("aws:index/getCallerIdentity:getCallerIdentity", () => ({
      accountId: MANAGEMENT_ACCOUNT,
      arn: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:role/deployer`,
      userId: "A",
      id: MANAGEMENT_ACCOUNT,
    }));
    await build({ accountTags: { env: ["prod"] }, includeManagementAccount: true });
    assert.deepStrictEqual(assigned(), ["012345678901", "111111111111", MANAGEMENT_ACCOUNT]);
  });

  it("excludeAccounts leaves out a tag-selected account; other selectors unite with it", async () => {
    await build({
      accountTags: { team: ["payments"] },
      accounts: ["666666666666"],
      excludeAccounts: ["012345678901"],
    });
    assert.deepStrictEqual(assigned(), ["210987654321", "333333333333", "555555555555", "666666666666"]);
  });

  it("matches values case-sensitively: Prod is not prod", async () => {
    await build({ accountTags: { env: ["Prod"] } });
    assert.deepStrictEqual(assigned(), ["333333333333"]);
  });

  it("makes no lookup and says nothing without accountTags", async () => {
    await build({ allAccounts: true });
    assert.deepStrictEqual(lookedUp(), []);
    assert.ok(!mocks.logs.some((l) => /getResourceTags/.test(l.message)));
  });
});

describe("resolveOrganization's tag lookups, on a virtual clock", () => {
  const targets = (accountTags: Record<string, string[]>) =>
    validateConfig(validArgs({ accounts: undefined, accountTags })).targets;

  it("starts them 200 ms apart at most 5 at a time, and resolves as the component does", async () => {
    const clock = new VirtualClock();
    const starts: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const answer = mocks.responses[GET_TAGS];
    mocks.respond(GET_TAGS, async (inputs) => {
      starts.push(clock.now());
      peak = Math.max(peak, ++inFlight);
      await clock.sleep(1100);
      inFlight--;
      return answer(inputs);
    });
    const parent = new pulumi.ComponentResource("test:index:Parent", "tags-parent");
    const r = await clock.run(resolveOrganization(parent, targets({ env: ["prod"] }), clock));
    assert.deepStrictEqual(
      r.targets.map((t) => [t.accountId, t.selectedBy]),
      [
        ["012345678901", ["accountTags"]],
        ["111111111111", ["accountTags"]],
      ],
    );
    // 1.1 s answers: the sixth waits for the first to answer, so never more than 5 at once.
    assert.deepStrictEqual(starts, [0, 200, 400, 600, 800, 1100, 1300]);
    assert.strictEqual(peak, 5);
  });

  it("a failed lookup fails the resolution, naming the account and the permission it needs", async () => {
    mocks.respond(GET_TAGS, (inputs) => {
      if (inputs.resourceId === "111111111111") throw new Error("AccessDeniedException: not authorized");
      return { tags: {} };
    });
    const parent = new pulumi.ComponentResource("test:index:Parent", "tags-parent-failing");
    const clock = new VirtualClock();
    await assert.rejects(
      clock.run(resolveOrganization(parent, targets({ env: ["prod"] }), clock)),
      (err: Error) => {
        assert.match(
          err.message,
          /^accountTags: reading the tags of account 111111111111 with organizations\.getResourceTags failed \(the deployer needs organizations:ListTagsForResource\)/,
        );
        return true;
      },
    );
  });
});
