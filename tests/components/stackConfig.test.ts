import * as assert from "assert";
import { adminAccessSettings, stackFileConfig } from "../../components/stackConfig";

describe("stack config", () => {
  const yamlText = [
    "config:",
    "  aws:region: eu-west-1",
    "  admin-access:identityStoreId: d-1234567890",
    "  admin-access:accounts:",
    '    - "012345678901"',
    "    - 123456789012",
    "  admin-access:retainUsersOnDelete: true",
    "  admin-access:sessionDuraton: PT2H",
    "  group:",
    "    displayName: Admins",
  ].join("\n");

  it("reads a stack file as the engine hands config to the program", () => {
    assert.deepStrictEqual(stackFileConfig(yamlText, "admin-access"), {
      "aws:region": "eu-west-1",
      "admin-access:identityStoreId": "d-1234567890",
      "admin-access:accounts": '["012345678901",123456789012]',
      "admin-access:retainUsersOnDelete": "true",
      "admin-access:sessionDuraton": "PT2H",
      "admin-access:group": '{"displayName":"Admins"}',
    });
  });

  it("keeps the project's keys, unknown ones included, and parses structured values", () => {
    const settings = adminAccessSettings(stackFileConfig(yamlText, "admin-access"), "admin-access");
    assert.deepStrictEqual(settings, {
      identityStoreId: "d-1234567890",
      accounts: ["012345678901", 123456789012],
      retainUsersOnDelete: true,
      sessionDuraton: "PT2H",
      group: { displayName: "Admins" },
    });
  });

  it("keeps string keys as strings even when they look like JSON", () => {
    assert.deepStrictEqual(adminAccessSettings({ "admin-access:instanceArn": "123" }, "admin-access"), {
      instanceArn: "123",
    });
  });

  it("leaves a value that is not JSON as its string, for validation to name", () => {
    assert.deepStrictEqual(
      adminAccessSettings({ "admin-access:retainUsersOnDelete": "yes" }, "admin-access"),
      {
        retainUsersOnDelete: "yes",
      },
    );
  });

  it("rejects a config: that is not a map", () => {
    assert.throws(() => stackFileConfig("config: [1]", "admin-access"), /is not a map/);
  });
});
