import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { TYPES } from "../components/plan";
import { stackFileConfig } from "../components/stackConfig";
import { mocks, PROJECT, settled, valueOf } from "./mocks";

type StackOutputs = Record<string, pulumi.Output<unknown>>;

/** Runs index.ts, as `pulumi up` would, with the given stack file's config. */
async function runIndex(stackFile: string): Promise<StackOutputs> {
  const yamlText = readFileSync(path.join(__dirname, "..", stackFile), "utf8");
  pulumi.runtime.setAllConfig(stackFileConfig(yamlText, PROJECT));
  const entry = require.resolve("../index");
  delete require.cache[entry];
  const outputs = (await import("../index")) as unknown as StackOutputs;
  await valueOf(outputs.userIds);
  await settled();
  return outputs;
}

describe("index.ts with Pulumi.dev.yaml", () => {
  it("registers the example stack's resources", async () => {
    await runIndex("Pulumi.dev.yaml");
    assert.deepStrictEqual(mocks.registrations.map((r) => r.name).sort(), [
      "admin-access",
      "admin-access-assignment-012345678901",
      "admin-access-assignment-210987654321",
      "admin-access-group",
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
    assert.deepStrictEqual(Object.keys(outputs).sort(), [
      "accessPortalUrl",
      "accountIds",
      "groupId",
      "permissionSetArn",
      "userIds",
      "usersNeedingSignInSetup",
    ]);
    assert.deepStrictEqual(await valueOf(outputs.accountIds), ["012345678901", "210987654321"]);
    assert.deepStrictEqual(await valueOf(outputs.usersNeedingSignInSetup), ["alice"]);
    assert.deepStrictEqual(await valueOf(outputs.userIds), {
      alice: "user-alice",
      "bob@example.com": "existing-user-bob@example.com",
    });
  });
});
