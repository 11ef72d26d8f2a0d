import * as assert from "assert";
import { AdminAccessSpec, validateConfig } from "../../components/config";
import {
  accessPortalUrl,
  administratorPolicyArn,
  partitionOf,
  planAdminAccess,
  planAssignments,
  stableHash,
  TYPES,
} from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { validArgs } from "../fixtures";

/** The plan of a spec whose targets are explicit account IDs, which need no organization data. */
const planOf = (spec: AdminAccessSpec) =>
  planAdminAccess("aa", spec, resolveTargets(spec.targets, { organizationalUnits: {} }));
const accountIds = (n: number, from = 100000000000) =>
  Array.from({ length: n }, (_, i) => String(from + i * 7919));
const targets = (ids: string[]) => ids.map((accountId) => ({ accountId, selectedBy: ["accounts"] }));

describe("planAdminAccess", () => {
  const plan = planOf(validateConfig(validArgs()));

  it("names every child from a stable key", () => {
    assert.deepStrictEqual(plan.resources, [
      { type: TYPES.permissionSet, name: "aa-permission-set" },
      { type: TYPES.policyAttachment, name: "aa-policy-AdministratorAccess" },
      { type: TYPES.managedPolicies, name: "aa-managed-policies" },
      { type: TYPES.customerPolicies, name: "aa-customer-policies" },
      { type: TYPES.group, name: "aa-group" },
      { type: TYPES.user, name: "aa-user-alice" },
      { type: TYPES.membership, name: "aa-membership-alice" },
      { type: TYPES.membership, name: "aa-membership-bob" },
      { type: TYPES.user, name: "aa-user-carol" },
      { type: TYPES.membership, name: "aa-membership-carol" },
      { type: TYPES.assignment, name: "aa-assignment-012345678901" },
      { type: TYPES.assignment, name: "aa-assignment-111111111111" },
    ]);
  });

  it("is the same whatever the order of admins and accounts", () => {
    const args = validArgs();
    const reordered = {
      ...args,
      admins: [...args.admins].reverse(),
      accounts: [...(args.accounts ?? [])].reverse(),
    };
    // The spec keeps lists as written (so errors cite positions as written); what is registered does not move.
    const again = planOf(validateConfig(reordered));
    assert.deepStrictEqual(again.resources, plan.resources);
    assert.deepStrictEqual(again.assignments, plan.assignments);
    assert.deepStrictEqual(again.admins, plan.admins);
  });

  it("registers nothing for existing permission set and group", () => {
    const spec = validateConfig(
      validArgs({ permissionSet: { existing: true }, group: { displayName: "Admins", existing: true } }),
    );
    const existing = planOf(spec);
    assert.strictEqual(existing.permissionSetResource, undefined);
    assert.strictEqual(existing.policyAttachmentResource, undefined);
    assert.strictEqual(existing.groupResource, undefined);
    assert.deepStrictEqual(
      existing.resources.map((r) => r.type).filter((t) => t !== TYPES.membership && t !== TYPES.assignment),
      [TYPES.user, TYPES.user],
    );
  });
});

describe("assignment lanes", () => {
  it("stableHash is FNV-1a, the same in every run", () => {
    assert.strictEqual(stableHash(""), 0x811c9dc5);
    assert.strictEqual(stableHash("a"), 0xe40c292c);
  });

  it("each lane is one chain in account order, so exactly `lanes` assignments start at once", () => {
    for (const lanes of [1, 3, 10]) {
      const planned = planAssignments("aa", targets(accountIds(500)), lanes);
      // Walking each chain from its head must visit every assignment of that lane, in account-ID order,
      // and nothing else: a chain that skips, forks or crosses lanes fails here.
      const next = new Map(planned.filter((a) => a.after).map((a) => [a.after as string, a]));
      const heads = planned.filter((a) => a.after === undefined);
      assert.strictEqual(heads.length, lanes);
      for (const head of heads) {
        const chain = [head];
        for (let n = next.get(head.accountId); n; n = next.get(n.accountId)) chain.push(n);
        const lane = planned.filter((a) => a.lane === head.lane).map((a) => a.accountId);
        assert.deepStrictEqual(
          chain.map((a) => a.accountId),
          [...lane].sort(),
        );
        assert.ok(chain.every((a) => a.lane === stableHash(a.accountId) % lanes));
      }
    }
  });

  it("without lanes, no assignment waits for another", () => {
    const planned = planAssignments("aa", targets(accountIds(50)));
    assert.ok(planned.every((a) => a.after === undefined && a.lane === undefined));
    assert.strictEqual(planned.length, 50);
  });

  it("spreads accounts over every lane", () => {
    const lanes = new Set(planAssignments("aa", targets(accountIds(500)), 10).map((a) => a.lane));
    assert.strictEqual(lanes.size, 10);
  });

  it("adding or removing an account keeps every lane and re-links at most its successor", () => {
    const ids = accountIds(200);
    const before = planAssignments("aa", targets(ids), 10);
    const added = planAssignments("aa", targets([...ids, "000000000042"]), 10);
    const removed = planAssignments("aa", targets(ids.filter((id) => id !== ids[100])), 10);
    for (const after of [added, removed]) {
      const old = new Map(before.map((a) => [a.accountId, a]));
      const kept = after.filter((a) => old.has(a.accountId));
      assert.ok(
        kept.every(
          (a) => a.lane === old.get(a.accountId)?.lane && a.resource === old.get(a.accountId)?.resource,
        ),
      );
      const relinked = kept.filter((a) => a.after !== old.get(a.accountId)?.after);
      assert.ok(relinked.length <= 1, `${relinked.length} assignments re-linked`);
    }
  });
});

describe("partition-aware values", () => {
  it("the AdministratorAccess policy ARN", () => {
    assert.strictEqual(administratorPolicyArn("aws"), "arn:aws:iam::aws:policy/AdministratorAccess");
    assert.strictEqual(
      administratorPolicyArn("aws-us-gov"),
      "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
    );
    assert.strictEqual(administratorPolicyArn("aws-cn"), "arn:aws-cn:iam::aws:policy/AdministratorAccess");
  });

  it("the partition of a region", () => {
    assert.strictEqual(partitionOf("us-gov-west-1"), "aws-us-gov");
    assert.strictEqual(partitionOf("cn-north-1"), "aws-cn");
    assert.strictEqual(partitionOf("eu-west-1"), "aws");
    assert.strictEqual(partitionOf(undefined), "aws");
  });

  it("the access portal URL", () => {
    assert.strictEqual(accessPortalUrl("aws", "d-1234567890"), "https://d-1234567890.awsapps.com/start");
    assert.strictEqual(
      accessPortalUrl("aws-us-gov", "d-1234567890"),
      "https://start.us-gov-home.awsapps.com/directory/d-1234567890",
    );
    assert.strictEqual(
      accessPortalUrl("aws-cn", "d-1234567890"),
      "https://start.home.awsapps.cn/directory/d-1234567890",
    );
  });
});
