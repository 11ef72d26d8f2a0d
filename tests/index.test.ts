import { readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import { TYPES } from "../components/plan";
import { OUTPUT_NAMES, runIndex, runIndexWith } from "./fixtures";
import { mocks, valueOf } from "./mocks";

describe("index.ts with Pulumi.dev.yaml", () => {
  it("registers the example stack's resources", async () => {
    await runIndex("Pulumi.dev.yaml");
    assert.deepStrictEqual(mocks.registrations.map((r) => r.name).sort(), [
      "admin-access",
      "admin-access-assignment-012345678901",
      "admin-access-assignment-210987654321",
      "admin-access-customer-policies",
      "admin-access-group",
      "admin-access-managed-policies",
      "admin-access-membership-alice",
      "admin-access-membership-bob@example.com",
      "admin-access-permission-set",
      "admin-access-policy-AdministratorAccess",
      "admin-access-user-alice",
    ]);
    const permissionSet = mocks.ofType(TYPES.permissionSet)[0];
    assert.strictEqual(permissionSet.inputs.sessionDuration, "PT4H");
    assert.deepStrictEqual(permissionSet.inputs.tags, { owner: "platform-team", "cost-center": "4200" });
    assert.strictEqual(mocks.ofType(TYPES.group)[0].inputs.displayName, "Platform Admins");
  });

  it("exports the component's outputs", async () => {
    const outputs = await runIndex("Pulumi.dev.yaml");
    assert.deepStrictEqual(Object.keys(outputs).sort(), OUTPUT_NAMES);
    assert.deepStrictEqual(await valueOf(outputs.accountIds), ["012345678901", "210987654321"]);
    assert.deepStrictEqual(await valueOf(outputs.usersNeedingSignInSetup), ["alice"]);
    assert.deepStrictEqual(await valueOf(outputs.userIds), {
      alice: "user-alice",
      "bob@example.com": "existing-user-bob@example.com",
    });
    // What consumers reference instead of a hard-coded role ARN (#27).
    assert.deepStrictEqual(await valueOf(outputs.roleNamePrefixes), {
      "012345678901": "AWSReservedSSO_AdministratorAccess_",
      "210987654321": "AWSReservedSSO_AdministratorAccess_",
    });
    assert.strictEqual(await valueOf(outputs.rolePath), "/aws-reserved/sso.amazonaws.com/");
  });
});

describe("namespace slips at pulumi up", () => {
  it("a key under a near-miss namespace stops the program before anything is registered", async () => {
    const DEV = readFileSync(path.resolve(__dirname, "..", "Pulumi.dev.yaml"), "utf8");
    await assert.rejects(
      runIndexWith(DEV + '  admin-acess:excludeAccounts: ["012345678901"]\n'),
      /admin-acess:excludeAccounts: the namespace "admin-acess" is not "admin-access", so this key would be ignored/,
    );
    assert.deepStrictEqual(mocks.registrations, []);
  });
});

describe("secret stack config", () => {
  const DEV = readFileSync(path.resolve(__dirname, "..", "Pulumi.dev.yaml"), "utf8");
  const isSecret = (value: unknown) =>
    (value as Record<string, unknown> | undefined)?.[pulumi.runtime.specialSigKey] ===
    pulumi.runtime.specialSecretSig;

  it("reaches the provider, and so the state, only as secrets", async () => {
    // `pulumi config set --secret --path admin-access:group.description ...` marks all of `group` secret.
    const outputs = await runIndexWith(DEV, ["admin-access:group", "admin-access:permissionSet"]);
    const group = mocks.ofType(TYPES.group)[0].inputs;
    assert.ok(isSecret(group.displayName) && isSecret(group.description));
    assert.ok(!isSecret(group.identityStoreId));
    const permissionSet = mocks.ofType(TYPES.permissionSet)[0].inputs;
    for (const key of ["name", "description", "sessionDuration", "tags"])
      assert.ok(isSecret(permissionSet[key]), key);
    assert.ok(!isSecret(mocks.ofType(TYPES.user)[0].inputs.userName));
    assert.strictEqual(await pulumi.isSecret(outputs.accessPortalUrl), false);
  });

  it("a secret accessPortalUrl or identity store stays secret in the outputs", async () => {
    const yaml = DEV + "  admin-access:accessPortalUrl: https://example.awsapps.com/start\n";
    const outputs = await runIndexWith(yaml, ["admin-access:accessPortalUrl"]);
    assert.strictEqual(await pulumi.isSecret(outputs.accessPortalUrl), true);
  });

  it("a secret that names resources fails before anything is registered, saying why", async () => {
    await assert.rejects(
      runIndexWith(DEV, ["admin-access:admins"]),
      /"admins" cannot be kept secret: each admin's userName names its resources/,
    );
    await assert.rejects(
      runIndexWith(DEV, ["admin-access:accounts"]),
      /"accounts" cannot be kept secret: account IDs name the assignments/,
    );
    assert.deepStrictEqual(mocks.registrations, []);
  });
});
