import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { AdminAccessComponent } from "../../components/adminAccess";
import { UPSTREAM } from "../../components/families/upstream";
import { validArgs } from "../fixtures";
import { mocks, settled, valueOf } from "../mocks";

/** The input names of a @pulumi/aws resource, from its generated `<Type>Args` interface. */
function inputsOf(type: string): string[] {
  const [, module, file, name] = /^aws:([^/]+)\/([^:]+):(\w+)$/.exec(type) ?? [];
  const dts = readFileSync(path.join(require.resolve("@pulumi/aws"), "..", module, `${file}.d.ts`), "utf8");
  const body = new RegExp(`export interface ${name}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1] ?? "";
  return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
}

describe("the provider's truth per resource type (components/families/upstream.ts)", () => {
  it("covers every resource type the program registers", async () => {
    const admins = validArgs().admins.map((a) => ({ ...a, expiresAt: "2099-01-01T00:00:00Z" }));
    const component = new AdminAccessComponent(
      "aa",
      validArgs({
        admins,
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
      assert.strictEqual(entry.deleteBeforeReplace, keepsId, type);
    }
    assert.ok(
      UPSTREAM["aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment"]
        .deleteBeforeReplace,
    );
  });

  it("a group's display name is updated in place (provider 5.69 and later), not replaced", () => {
    const group = UPSTREAM["aws:identitystore/group:Group"];
    assert.ok(group.updatable.includes("displayName") && !group.forceNew.includes("displayName"));
  });
});
