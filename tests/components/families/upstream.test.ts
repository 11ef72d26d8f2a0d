import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { AdminAccessComponent } from "../../../components/adminAccess";
import { adopt } from "../../../analysis/adoption";
import { validateConfig } from "../../../components/config";
import { forcesNew } from "../../../components/families";
import { UPSTREAM } from "../../../components/families/upstream";
import { planAdminAccess, TYPES } from "../../../components/plan";
import { resolveTargets } from "../../../components/targets";
import { validArgs } from "../../fixtures";
import { IDENTITY_STORE_ID, INSTANCE_ARN, mocks, settled, valueOf } from "../../mocks";

/** The input names of a @pulumi/aws resource, from its generated `<Type>Args` interface. */
function inputsOf(type: string): string[] {
  const [, module, file, name] = /^aws:([^/]+)\/([^:]+):(\w+)$/.exec(type) ?? [];
  const dts = readFileSync(path.join(require.resolve("@pulumi/aws"), "..", module, `${file}.d.ts`), "utf8");
  const body = new RegExp(`export interface ${name}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1] ?? "";
  return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
}

describe("the provider's truth per resource type (components/families/upstream.ts)", () => {
  it("covers every resource type the program registers, the expiry and orgEvents families' too", async () => {
    const admins = validArgs().admins.map((a) => ({ ...a, expiresAt: "2099-01-01T00:00:00Z" }));
    const component = new AdminAccessComponent(
      "aa",
      validArgs({
        admins,
        orgEvents: {
          repository: "example-org/admin-access",
          tokenSecretArn: "arn:aws:secretsmanager:us-east-1:111111111111:secret:dispatch-token-AbCdEf",
          eventType: "org-changed",
        },
        permissionSet: {
          inlinePolicy: {
            Version: "2012-10-17",
            Statement: { Effect: "Deny", Action: "s3:*", Resource: "*" },
          },
          customerManagedPolicies: [{ name: "Ops" }],
          permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
        },
      }),
    );
    await valueOf(component.accountIds);
    await settled();
    const types = new Set(mocks.registrations.filter((r) => r.custom).map((r) => r.type));
    assert.deepStrictEqual(
      [...types].filter((t) => !(t in UPSTREAM)),
      [],
    );
    assert.strictEqual(types.size, Object.keys(UPSTREAM).length);
  });

  it("names only inputs that @pulumi/aws has", () => {
    for (const [type, entry] of Object.entries(UPSTREAM)) {
      const inputs = inputsOf(type);
      assert.ok(inputs.length > 0, type);
      const named = [
        ...entry.forceNew,
        ...entry.updatable,
        ...(entry.idFrom === "assigned" ? [] : entry.idFrom),
      ];
      assert.deepStrictEqual(
        named.filter((f) => !inputs.includes(f)),
        [],
        type,
      );
    }
  });

  it("needs delete-before-replace exactly where a force-new input is left out of an ID made of inputs", () => {
    for (const [type, entry] of Object.entries(UPSTREAM)) {
      const idFrom = entry.idFrom;
      const keepsId = idFrom !== "assigned" && entry.forceNew.some((f) => !idFrom.includes(f));
      assert.strictEqual(entry.keepsIdOnReplace, keepsId, type);
    }
    assert.ok(
      UPSTREAM["aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment"].keepsIdOnReplace,
    );
  });

  it("a group's display name is updated in place (provider 5.69 and later), not replaced", () => {
    const group = UPSTREAM["aws:identitystore/group:Group"];
    assert.ok(group.updatable.includes("displayName") && !group.forceNew.includes("displayName"));
  });
});

describe("replacements as the provider makes them", () => {
  const guarded = () =>
    new AdminAccessComponent(
      "aa",
      validArgs({
        permissionSet: {
          inlinePolicy: {
            Version: "2012-10-17",
            Statement: { Effect: "Deny", Action: "s3:*", Resource: "*" },
          },
          customerManagedPolicies: [{ name: "Ops" }],
          permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
        },
      }),
    );

  it("every type whose ID survives a force-new change is registered so the old delete cannot undo it", async () => {
    await valueOf(guarded().accountIds);
    await settled();
    const custom = mocks.registrations.filter((r) => r.custom);
    const needy = Object.keys(UPSTREAM).filter((t) => UPSTREAM[t].keepsIdOnReplace);
    assert.ok(needy.length > 0);
    for (const type of needy) {
      const registered = custom.filter((r) => r.type === type);
      assert.ok(registered.length > 0, `${type} is registered in this stack`);
      // Kept on delete (the new Put replaces it) or deleted first: either way the old delete never runs after.
      for (const r of registered) assert.ok(r.retainOnDelete || r.deleteBeforeReplace, `${type} ${r.name}`);
    }
    assert.strictEqual(
      custom.find((r) => r.type === TYPES.permissionsBoundary)?.retainOnDelete,
      true,
      "a changed boundary's attachment, deleted after its replacement, would remove the new boundary",
    );
  });

  it("forcesNew reads the provider's table, and nothing else", () => {
    for (const [type, entry] of Object.entries(UPSTREAM)) {
      for (const f of entry.forceNew) assert.ok(forcesNew(type, f), `${type} ${f}`);
      for (const f of entry.updatable) assert.ok(!forcesNew(type, f), `${type} ${f}`);
    }
    assert.ok(!forcesNew(TYPES.group, "displayName"));
    assert.ok(forcesNew(TYPES.permissionsBoundary, "permissionsBoundary"));
  });

  it("adoption shows a drifted boundary as a replacement, a renamed group as an update", () => {
    const spec = validateConfig(
      validArgs({
        group: { displayName: "Cloud Admins", description: "Administrators" },
        permissionSet: {
          sessionDuration: "PT4H",
          permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
        },
      }),
    );
    const plan = planAdminAccess("aa", spec, resolveTargets(spec.targets, { organizationalUnits: {} }));
    const { rows } = adopt(plan, {
      instanceArn: INSTANCE_ARN,
      identityStoreId: IDENTITY_STORE_ID,
      partition: "aws",
      permissionSet: {
        arn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1",
        name: "AdministratorAccess",
        sessionDuration: "PT4H",
        tags: {},
        managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        customerManagedPolicies: [],
        boundary: "arn:aws:iam::aws:policy/PowerUserAccess",
      },
      group: { groupId: "g-1", displayName: "Platform Admins", description: "Administrators" },
      users: {},
      memberships: [],
      unlistedMembers: [],
      assignedAccounts: [],
      otherHolders: [],
    });
    const effects = (type: string) => rows.find((r) => r.type === type)?.differences.map((d) => d.effect);
    assert.deepStrictEqual(effects(TYPES.permissionsBoundary), ["replace"]);
    assert.deepStrictEqual(effects(TYPES.group), ["update"]);
  });
});
