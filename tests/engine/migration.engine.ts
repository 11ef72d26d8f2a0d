// #27's migration on the real Pulumi engine: a stack the previous release deployed (one resource per policy
// attachment) moves to the exclusive attachment resources, and the checker (world.ts) runs after every
// provider call, each attach and detach on its own. The previous and next releases are inline programs
// registering what those releases register for CONFIG, child by child; this release is the project's own
// entry. Run by engine.test.ts in its own process, as scenarios.engine.ts is.
import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { administratorPolicyArn } from "../../components/arns";
import { fanoutTimeouts } from "../../components/families/fanout";
import { attachmentsRetained } from "../../components/migration";
import { COMPONENT_NAME, COMPONENT_TYPE, TYPES } from "../../components/plan";
import { BOB, cliOrSkip, Engine, EngineRun, findCli, INSTANCE, seedOrganization, tally } from "./harness";
import { expectation, READ_ONLY, StackConfig } from "./scenarios";

const cli = findCli();
const ADMIN = administratorPolicyArn("aws");
const ACCOUNTS = ["012345678901", "210987654321"];
/** A set with AdministratorAccess and a customer-managed guardrail, assigned in two accounts. */
const CONFIG: StackConfig = {
  "aws:region": "eu-west-1",
  "admin-access:permissionSet": {
    name: "PlatformAdmin",
    customerManagedPolicies: [{ name: "BaselineProtection" }],
  },
  "admin-access:group": { displayName: "Platform Admins" },
  "admin-access:accounts": ACCOUNTS,
  "admin-access:admins": [{ userName: BOB.userName, existing: true }],
};
const child = (type: string, name: string) => `${type} ${COMPONENT_NAME}-${name}`;
const LEGACY = [
  child(TYPES.policyAttachment, "policy-AdministratorAccess"),
  child(TYPES.customerPolicy, "customer-policy-/BaselineProtection"),
];
const OWNING = [
  child(TYPES.managedPolicies, "managed-policies"),
  child(TYPES.customerPolicies, "customer-policies"),
];

/**
 * What a release registers for CONFIG, with the names, inputs and order of components/resources, so that the
 * URNs are the program's: the previous release (14960ab) one resource per attachment; the next one this
 * release without the per-policy resources (the exclusive ones with this release's inputs and options);
 * "kept", the next release on a stack that did not record this one: this release's shape (the per-policy
 * resources retained, the lists after them), recording it as this release does.
 */
function release(kind: "previous" | "next" | "kept"): PulumiFn {
  return async () => {
    const component = new pulumi.ComponentResource(COMPONENT_TYPE, COMPONENT_NAME);
    const parent = { parent: component };
    const name = (n: string) => `${COMPONENT_NAME}-${n}`;
    const { arn: instanceArn, identityStoreId } = INSTANCE;
    const { create, update, delete: del } = fanoutTimeouts(ACCOUNTS.length);
    const timing = kind === "next" ? { customTimeouts: { create, update, delete: del } } : {};
    const set = new aws.ssoadmin.PermissionSet(
      name("permission-set"),
      { instanceArn, name: "PlatformAdmin", sessionDuration: "PT1H", tags: {} },
      { ...parent, ...timing },
    );
    const on = { instanceArn, permissionSetArn: set.arn };
    const reference = { name: "BaselineProtection", path: "/" };
    const retained = kind === "kept" ? { retainOnDelete: true } : {};
    const perPolicy =
      kind === "next"
        ? []
        : [
            new aws.ssoadmin.ManagedPolicyAttachment(
              name("policy-AdministratorAccess"),
              { ...on, managedPolicyArn: ADMIN },
              { ...parent, ...retained },
            ),
            new aws.ssoadmin.CustomerManagedPolicyAttachment(
              name("customer-policy-/BaselineProtection"),
              { ...on, customerManagedPolicyReference: reference },
              { ...parent, ...retained },
            ),
          ];
    const attachments: pulumi.Resource[] =
      kind === "previous"
        ? perPolicy
        : [
            ...perPolicy,
            new aws.ssoadmin.ManagedPolicyAttachmentsExclusive(
              name("managed-policies"),
              { ...on, managedPolicyArns: [ADMIN], timeouts: { create, update } },
              { ...parent, ...timing, dependsOn: perPolicy },
            ),
            new aws.ssoadmin.CustomerManagedPolicyAttachmentsExclusive(
              name("customer-policies"),
              { ...on, customerManagedPolicyReferences: [reference], timeouts: { create, update } },
              { ...parent, ...timing, dependsOn: perPolicy },
            ),
          ];
    const group = new aws.identitystore.Group(
      name("group"),
      { identityStoreId, displayName: "Platform Admins" },
      parent,
    );
    new aws.identitystore.GroupMembership(
      name(`membership-${BOB.userName}`),
      { identityStoreId, groupId: group.groupId, memberId: BOB.id },
      parent,
    );
    for (const targetId of ACCOUNTS)
      new aws.ssoadmin.AccountAssignment(
        name(`assignment-${targetId}`),
        {
          ...on,
          principalId: group.groupId,
          principalType: "GROUP",
          targetId,
          targetType: "AWS_ACCOUNT",
        },
        { ...parent, dependsOn: attachments },
      );
    return kind === "kept"
      ? {
          migrations: pulumi
            .all(perPolicy.map((r) => r.id))
            .apply(() => [attachmentsRetained(COMPONENT_NAME)]),
        }
      : {};
  };
}

/**
 * The next release as it must be written: it reads what the stack recorded through a StackReference to
 * itself (the last deployment's outputs; the program cannot read the state) and drops the per-policy
 * resources only when this release's record is there; otherwise it is "kept", and drops them on its next run.
 */
function checkedNext(): PulumiFn {
  return async () => {
    const self = new pulumi.StackReference(
      `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
    );
    const recorded = (await self.getOutputDetails("migrations")).value;
    const ran = Array.isArray(recorded) && recorded.includes(attachmentsRetained(COMPONENT_NAME));
    return release(ran ? "next" : "kept")();
  };
}

/** Each child's outcome in one run, as "<type> <name>" → create, update, delete, … */
function outcomes(run: EngineRun): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { op, type, name } of run.ops)
    // The stack, the component and the StackReference's default provider (pulumi:providers:pulumi) are not AWS.
    if (!type.startsWith("admin-access:") && !type.startsWith("pulumi:")) out[`${type} ${name}`] = op;
  return out;
}

describe("engine: #27 migration to the exclusive policy attachments (real Pulumi engine, simulated AWS)", function () {
  this.timeout(15 * 60 * 1000);
  let command: PulumiCommand;

  before(async function () {
    const found = cliOrSkip(this, "engine migration");
    command = await PulumiCommand.get({
      root: path.dirname(path.dirname(found.path)),
      skipVersionCheck: false,
    });
  });

  /** A fresh organization and stack; `up` runs a release against it with the invariants checked. */
  async function fixture(stackName: string) {
    const engine = await Engine.start((cli as { path: string }).path, seedOrganization({ users: [BOB] }));
    const dir = engine.project(stackName);
    engine.writeStack(dir, stackName, CONFIG);
    const stackOf = async (program: "entry" | PulumiFn): Promise<Stack> =>
      program === "entry"
        ? engine.stack(dir, stackName)
        : LocalWorkspace.createOrSelectStack(
            { stackName, projectName: "admin-access", program },
            { workDir: dir, envVars: engine.env, pulumiCommand: command },
          );
    const run = async (
      scenario: string,
      program: "entry" | PulumiFn,
      action: "up" | "refresh" = "up",
    ): Promise<EngineRun & { calls: string[]; violations: string[] }> => {
      // The first up creates the accounts' grants; every later one keeps them.
      const first = engine.read().calls.length === 0;
      engine.expect(expectation(scenario, first ? undefined : CONFIG, CONFIG));
      const did = await engine.run(await stackOf(program), action);
      engine.expect(undefined);
      tally.count++;
      const world = engine.read();
      const mine = <T extends { scenario: string }>(xs: T[]) => xs.filter((x) => x.scenario === scenario);
      return {
        ...did,
        calls: mine(world.calls).map((c) => `${c.op} ${c.type} ${c.name}`),
        violations: mine(world.violations).map((v) => `${v.call}: ${v.problems.join("; ")}`),
      };
    };
    const policies = () => {
      const set = engine.read().org.permissionSets.find((p) => p.name === "PlatformAdmin");
      return {
        managed: set?.managedPolicies ?? [],
        customer: (set?.customerManagedPolicies ?? []).map((r) => `${r.Path ?? "/"}${r.Name}`),
      };
    };
    const state = async () =>
      (await (await stackOf("entry")).exportStack()).deployment.resources as {
        type: string;
        urn: string;
        outputs?: Record<string, unknown>;
      }[];
    return { engine, run, policies, state };
  }

  it("previous release → this release → next release: AdministratorAccess and the guardrail stay attached at every call", async () => {
    const { run, policies, state } = await fixture("migrate");
    const previous = await run("migrate: previous release", release("previous"));
    assert.deepStrictEqual(previous.violations, []);
    assert.deepStrictEqual(policies(), { managed: [ADMIN], customer: ["/BaselineProtection"] });

    const current = await run("migrate: this release", "entry");
    assert.deepStrictEqual(current.violations, []);
    // Only the exclusive resources are new; everything the previous release made is the same resource.
    assert.deepStrictEqual(outcomes(current), Object.fromEntries(OWNING.map((r) => [r, "create"])));
    // They are created after the per-policy ones (dependsOn), which hold everything: nothing to attach or detach.
    assert.deepStrictEqual(
      current.calls.filter((c) => /^(attach|detach|delete) /.test(c)),
      [],
      current.calls.join("\n"),
    );
    assert.deepStrictEqual(current.calls.filter((c) => c.startsWith("list ")).length, 2);

    const next = await run("migrate: next release", release("next"));
    assert.deepStrictEqual(next.violations, []);
    assert.deepStrictEqual(outcomes(next), Object.fromEntries(LEGACY.map((r) => [r, "delete"])));
    // The per-policy resources leave the state retained: no Detach… call reaches AWS.
    assert.deepStrictEqual(
      next.calls.filter((c) => /^(attach|detach|delete|create|update) /.test(c)),
      [],
      next.calls.join("\n"),
    );
    const types = (await state()).map((r) => r.type);
    assert.ok(!types.includes(TYPES.policyAttachment) && !types.includes(TYPES.customerPolicy), types.join());
    assert.ok(types.includes(TYPES.managedPolicies) && types.includes(TYPES.customerPolicies));
    assert.deepStrictEqual(policies(), { managed: [ADMIN], customer: ["/BaselineProtection"] });
  });

  it("a naive switch (previous release → next release) detaches AdministratorAccess from the assigned set", async () => {
    const { run, policies } = await fixture("naive");
    assert.deepStrictEqual((await run("naive: previous release", release("previous"))).violations, []);
    const naive = await run("naive: next release directly", release("next"));
    assert.deepStrictEqual(outcomes(naive), {
      ...Object.fromEntries(OWNING.map((r) => [r, "create"])),
      ...Object.fromEntries(LEGACY.map((r) => [r, "delete"])),
    });
    // The deletes run in parallel, and the assignments were made in either order.
    const assigned = `PlatformAdmin is assigned in (${ACCOUNTS.join(", ")}|${[...ACCOUNTS].reverse().join(", ")})`;
    const lacks = (what: string) =>
      naive.violations.find((v) => new RegExp(`${assigned} while it lacks ${what}`).test(v));
    assert.match(
      lacks("AdministratorAccess") ?? naive.violations.join("\n"),
      new RegExp(`^delete ${TYPES.policyAttachment} ${COMPONENT_NAME}-policy-AdministratorAccess:`),
    );
    assert.match(
      lacks("customer policy /BaselineProtection") ?? naive.violations.join("\n"),
      new RegExp(`^delete ${TYPES.customerPolicy} ${COMPONENT_NAME}-customer-policy-/BaselineProtection:`),
    );
    // The exclusive resources found both attached, and their state says so: a plain up does not repair it.
    assert.deepStrictEqual(policies(), { managed: [], customer: [] });
    const again = await run("naive: up again", release("next"));
    assert.deepStrictEqual(outcomes(again), {});
    assert.deepStrictEqual(policies(), { managed: [], customer: [] });
  });

  it("policies attached out of band: a plain up leaves them, refresh then up detaches them", async () => {
    const { engine, run, policies, state } = await fixture("drift");
    await run("drift: previous release", release("previous"));
    assert.deepStrictEqual((await run("drift: this release", "entry")).violations, []);
    engine.update((w) => {
      const set = w.org.permissionSets.find((p) => p.name === "PlatformAdmin");
      set?.managedPolicies?.push(READ_ONLY);
      set?.customerManagedPolicies?.push({ Name: "Extra", Path: "/oob/" });
    });
    const drifted = { managed: [ADMIN, READ_ONLY], customer: ["/BaselineProtection", "/oob/Extra"] };

    const plain = await run("drift: plain up", "entry");
    assert.deepStrictEqual(outcomes(plain), {});
    assert.deepStrictEqual(policies(), drifted);

    const refresh = await run("drift: refresh", "entry", "refresh");
    assert.deepStrictEqual(
      refresh.calls.filter((c) => !/^(read|invoke) /.test(c)),
      [],
      refresh.calls.join("\n"),
    );
    assert.deepStrictEqual(policies(), drifted);
    // Refresh reads each set's whole list into the exclusive resources' state, and changes nothing in AWS.
    const owned = Object.fromEntries(
      (await state())
        .filter((r) => OWNING.includes(`${r.type} ${r.urn.split("::").pop()}`))
        .map((r) => [r.type, r.outputs]),
    );
    assert.deepStrictEqual(owned[TYPES.managedPolicies]?.managedPolicyArns, drifted.managed);
    assert.deepStrictEqual(owned[TYPES.customerPolicies]?.customerManagedPolicyReferences, [
      { name: "BaselineProtection", path: "/" },
      { name: "Extra", path: "/oob/" },
    ]);
    const up = await run("drift: up after refresh", "entry");
    assert.deepStrictEqual(up.violations, []);
    assert.deepStrictEqual(outcomes(up), Object.fromEntries(OWNING.map((r) => [r, "update"])));
    assert.deepStrictEqual(
      up.calls.filter((c) => /^(attach|detach) /.test(c)).sort(),
      [
        `detach ${TYPES.managedPolicies} ${COMPONENT_NAME}-managed-policies`,
        `detach ${TYPES.customerPolicies} ${COMPONENT_NAME}-customer-policies`,
      ].sort(),
      up.calls.join("\n"),
    );
    assert.deepStrictEqual(policies(), { managed: [ADMIN], customer: ["/BaselineProtection"] });
  });

  it("#33: a stack that skipped this release: the checked next release keeps the per-policy resources retained, then drops them, with no detach", async () => {
    const { run, policies, state } = await fixture("skip");
    assert.deepStrictEqual((await run("skip: previous release", release("previous"))).violations, []);
    const retainedIn = async () =>
      (await state())
        .filter((r) => LEGACY.includes(`${r.type} ${r.urn.split("::").pop()}`))
        .map((r) => (r as { retainOnDelete?: boolean }).retainOnDelete === true);

    // No record of this release: it registers the per-policy resources retained, as this release does.
    const kept = await run("skip: next release, no record", checkedNext());
    assert.deepStrictEqual(kept.violations, []);
    assert.deepStrictEqual(outcomes(kept), Object.fromEntries(OWNING.map((r) => [r, "create"])));
    assert.deepStrictEqual(
      kept.calls.filter((c) => /^(attach|detach|delete) /.test(c)),
      [],
      kept.calls.join("\n"),
    );
    assert.deepStrictEqual(await retainedIn(), [true, true]);
    assert.deepStrictEqual(policies(), { managed: [ADMIN], customer: ["/BaselineProtection"] });

    // Its own record now in the stack: the next run drops them, and the engine calls no provider to do it.
    const dropped = await run("skip: next release again", checkedNext());
    assert.deepStrictEqual(dropped.violations, []);
    assert.deepStrictEqual(outcomes(dropped), Object.fromEntries(LEGACY.map((r) => [r, "delete"])));
    assert.deepStrictEqual(
      dropped.calls.filter((c) => /^(attach|detach|delete|create|update) /.test(c)),
      [],
      dropped.calls.join("\n"),
    );
    assert.deepStrictEqual(await retainedIn(), []);
    assert.deepStrictEqual(policies(), { managed: [ADMIN], customer: ["/BaselineProtection"] });
  });

  it("#33: previous → this release → checked next: this release's record lets the next drop them at once", async () => {
    const { run, policies, state } = await fixture("record");
    await run("record: previous release", release("previous"));
    assert.deepStrictEqual((await run("record: this release", "entry")).violations, []);
    // Recorded as a stack output, which is what a StackReference reads.
    const root = (await state()).find((r) => r.type === "pulumi:pulumi:Stack");
    assert.deepStrictEqual(root?.outputs?.migrations, [attachmentsRetained(COMPONENT_NAME)]);
    const next = await run("record: checked next release", checkedNext());
    assert.deepStrictEqual(next.violations, []);
    assert.deepStrictEqual(outcomes(next), Object.fromEntries(LEGACY.map((r) => [r, "delete"])));
    assert.deepStrictEqual(
      next.calls.filter((c) => /^(attach|detach|delete|create|update) /.test(c)),
      [],
      next.calls.join("\n"),
    );
    const types = (await state()).map((r) => r.type);
    assert.ok(!types.includes(TYPES.policyAttachment) && !types.includes(TYPES.customerPolicy), types.join());
    assert.deepStrictEqual(policies(), { managed: [ADMIN], customer: ["/BaselineProtection"] });
  });
});
