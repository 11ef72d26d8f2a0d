import * as assert from "assert";
import { TYPES } from "../components/plan";
import { OUTPUT_NAMES, runIndex } from "./fixtures";
import { mocks, valueOf } from "./mocks";

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
    assert.deepStrictEqual(Object.keys(outputs).sort(), OUTPUT_NAMES);
    assert.deepStrictEqual(await valueOf(outputs.accountIds), ["012345678901", "210987654321"]);
    assert.deepStrictEqual(await valueOf(outputs.usersNeedingSignInSetup), ["alice"]);
    assert.deepStrictEqual(await valueOf(outputs.userIds), {
      alice: "user-alice",
      "bob@example.com": "existing-user-bob@example.com",
    });
  });
});
