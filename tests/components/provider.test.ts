import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { parse } from "yaml";
import * as entry from "../../components";
import { AdminAccessComponent } from "../../components/adminAccess";
import { OUTPUT_NAMES, validArgs } from "../fixtures";
import { mocks, settled, snapshot, valueOf } from "../mocks";

const ROOT = path.join(__dirname, "..", "..");
const TOKEN = "admin-access:index:AdminAccessComponent";

interface Property {
  type?: string;
  $ref?: string;
  items?: Property;
  additionalProperties?: Property;
  optional?: boolean;
  plain?: boolean;
  description?: string;
}
interface ObjectSpec {
  properties: Record<string, Property>;
  description?: string;
}
interface Schema {
  name: string;
  resources: Record<
    string,
    ObjectSpec & {
      isComponent: boolean;
      inputProperties: Record<string, Property>;
      requiredInputs: string[];
      required: string[];
    }
  >;
  types: Record<string, ObjectSpec>;
}

/** A property's type in one word: string, string[], map<string>, or the referenced type's name. */
const typeOf = (p: Property): string =>
  p.$ref
    ? p.$ref.replace("#/types/admin-access:index:", "")
    : p.type === "array" && p.items
      ? `${typeOf(p.items)}[]`
      : p.type === "object" && p.additionalProperties
        ? `map<${typeOf(p.additionalProperties)}>`
        : (p.type as string);

const typesOf = (properties: Record<string, Property>) =>
  Object.fromEntries(Object.entries(properties).map(([key, p]) => [key, typeOf(p)]));

describe("the component package", () => {
  const provider = new ComponentProvider({
    name: "admin-access",
    dirname: ROOT,
    components: getPulumiComponents(entry),
  });
  let schema: Schema;
  before(async function () {
    this.timeout(60_000); // the analyzer type-checks the whole project
    schema = JSON.parse(await provider.getSchema());
  });

  it("the entry module exports exactly the one component", () => {
    assert.deepStrictEqual(getPulumiComponents(entry), [AdminAccessComponent]);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    assert.strictEqual(manifest.name, "admin-access");
    assert.strictEqual(manifest.main, "components/index.ts");
    assert.match(readFileSync(path.join(ROOT, "PulumiPlugin.yaml"), "utf8"), /^runtime: nodejs$/m);
  });

  describe("schema", () => {
    it("declares admin-access:index:AdminAccessComponent as a component", () => {
      assert.strictEqual(schema.name, "admin-access");
      assert.deepStrictEqual(Object.keys(schema.resources), [TOKEN]);
      assert.strictEqual(schema.resources[TOKEN].isComponent, true);
      assert.match(
        schema.resources[TOKEN].description ?? "",
        /^Administrator access to AWS accounts through IAM Identity Center/,
      );
    });

    it("has every input with its type, required only group and admins", () => {
      const resource = schema.resources[TOKEN];
      assert.deepStrictEqual(typesOf(resource.inputProperties), {
        instanceArn: "string",
        identityStoreId: "string",
        permissionSet: "AdminAccessPermissionSetArgs",
        group: "AdminAccessGroupArgs",
        accounts: "string[]",
        organizationalUnits: "string[]",
        accountNames: "string[]",
        accountTags: "map<string[]>",
        excludeAccounts: "string[]",
        allAccounts: "boolean",
        includeManagementAccount: "boolean",
        assignmentConcurrency: "number",
        admins: "AdminAccessAdminArgs[]",
        accessPortalUrl: "string",
        retainUsersOnDelete: "boolean",
        secretSettings: "string[]",
        allowNoAdmins: "boolean",
        protect: "boolean",
        breakGlass: "AdminAccessBreakGlassArgs",
        managementPermissionSet: "AdminAccessManagementPermissionSetArgs",
        orgEvents: "AdminAccessOrgEventsArgs",
      });
      assert.deepStrictEqual([...resource.requiredInputs].sort(), ["admins", "group"]);
      // Only the instance identifiers take outputs; the rest is validated as plain values.
      const notPlain = Object.entries(resource.inputProperties)
        .filter(([, p]) => !p.plain)
        .map(([key]) => key);
      assert.deepStrictEqual(notPlain, ["instanceArn", "identityStoreId"]);
    });

    it("has every output with its type", () => {
      const resource = schema.resources[TOKEN];
      assert.deepStrictEqual(typesOf(resource.properties), {
        permissionSetArn: "string",
        groupId: "string",
        userIds: "map<string>",
        accountIds: "string[]",
        accessPortalUrl: "string",
        usersNeedingSignInSetup: "string[]",
        unlistedMembers: "string[]",
        deferredAdmins: "string[]",
        roleNamePrefixes: "map<string>",
        rolePath: "string",
        migrations: "string[]",
      });
      assert.deepStrictEqual([...resource.required].sort(), Object.keys(resource.properties).sort());
    });

    it("has every nested type as a named object type", () => {
      assert.deepStrictEqual(
        Object.fromEntries(Object.entries(schema.types).map(([token, t]) => [token, typesOf(t.properties)])),
        {
          "admin-access:index:AdminAccessPermissionSetArgs": {
            name: "string",
            description: "string",
            sessionDuration: "string",
            relayState: "string",
            tags: "map<string>",
            existing: "boolean",
            inlinePolicy: "pulumi.json#/Any",
            managedPolicyQuota: "number",
            customerManagedPolicies: "AdminAccessCustomerManagedPolicyArgs[]",
            permissionsBoundary: "AdminAccessPermissionsBoundaryArgs",
          },
          "admin-access:index:AdminAccessCustomerManagedPolicyArgs": { name: "string", path: "string" },
          "admin-access:index:AdminAccessPermissionsBoundaryArgs": {
            managedPolicyArn: "string",
            customerManagedPolicy: "AdminAccessCustomerManagedPolicyArgs",
          },
          "admin-access:index:AdminAccessGroupArgs": {
            displayName: "string",
            description: "string",
            existing: "boolean",
          },
          "admin-access:index:AdminAccessAdminArgs": {
            userName: "string",
            existing: "boolean",
            email: "string",
            givenName: "string",
            familyName: "string",
            displayName: "string",
            title: "string",
            nickname: "string",
            phoneNumber: "string",
            locale: "string",
            timezone: "string",
            preferredLanguage: "string",
            address: "AdminAccessAddressArgs",
            expiresAt: "string",
          },
          "admin-access:index:AdminAccessAddressArgs": {
            streetAddress: "string",
            locality: "string",
            region: "string",
            postalCode: "string",
            country: "string",
          },
          "admin-access:index:AdminAccessBreakGlassArgs": { users: "string[]" },
          "admin-access:index:AdminAccessManagementPermissionSetArgs": {
            name: "string",
            description: "string",
            sessionDuration: "string",
            tags: "map<string>",
          },
          "admin-access:index:AdminAccessOrgEventsArgs": {
            repository: "string",
            eventType: "string",
            tokenSecretArn: "string",
          },
        },
      );
    });

    it("describes every input, output and nested property from its JSDoc", () => {
      const resource = schema.resources[TOKEN];
      const all = [
        ...Object.entries(resource.inputProperties).map(([k, p]) => [`input ${k}`, p] as const),
        ...Object.entries(resource.properties).map(([k, p]) => [`output ${k}`, p] as const),
        ...Object.entries(schema.types).flatMap(([token, t]) =>
          Object.entries(t.properties).map(([k, p]) => [`${token}.${k}`, p] as const),
        ),
      ];
      const undocumented = all.filter(([, p]) => !p.description?.trim()).map(([where]) => where);
      assert.deepStrictEqual(undocumented, []);
      assert.strictEqual(
        resource.inputProperties.retainUsersOnDelete.description,
        "Keep created users in the identity store when they are removed from config or destroyed. Default: false.",
      );
      assert.strictEqual(
        schema.types["admin-access:index:AdminAccessPermissionSetArgs"].properties.sessionDuration
          .description,
        'ISO-8601 session length from PT1H to PT12H, e.g. PT4H or PT2H30M. Default: "PT1H".',
      );
      assert.strictEqual(
        resource.properties.usersNeedingSignInSetup.description,
        "Users this component created, who get no invitation email and need their first sign-in set up.",
      );
    });

    it("matches the Pulumi YAML and Python examples of docs/other-languages.md", () => {
      const page = readFileSync(path.join(ROOT, "docs", "other-languages.md"), "utf8");
      const start = page.indexOf("## Using the component from any Pulumi language");
      assert.ok(start >= 0, "docs/other-languages.md lost its section");
      const section = page.slice(start);
      const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
      const pythonBlock = /```python\n([\s\S]*?)```/.exec(section)?.[1];
      assert.ok(yamlBlock && pythonBlock, "docs/other-languages.md lost its examples");
      const resource = schema.resources[TOKEN];

      const program = parse(yamlBlock) as {
        resources: Record<string, { type: string; properties: Record<string, unknown> }>;
        outputs: Record<string, string>;
      };
      const [adminAccess] = Object.values(program.resources);
      assert.strictEqual(adminAccess.type.replace(/^admin-access:(index:)?/, "admin-access:index:"), TOKEN);
      const unknown: string[] = [];
      const check = (value: unknown, properties: Record<string, Property>, at: string): void => {
        for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
          const property = properties[key];
          if (!property) unknown.push(`${at}${key}`);
          const ref = property?.$ref ?? property?.items?.$ref;
          if (!ref) continue;
          const nested = schema.types[ref.replace("#/types/", "")].properties;
          for (const item of Array.isArray(child) ? child : [child]) check(item, nested, `${at}${key}.`);
        }
      };
      check(adminAccess.properties, resource.inputProperties, "");
      for (const expression of Object.values(program.outputs)) {
        const output = /\.(\w+)\}$/.exec(expression)?.[1] as string;
        if (!resource.properties[output]) unknown.push(`output ${output}`);
      }

      // Python takes snake_case names of the same properties.
      const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      const known = new Set(
        [
          ...Object.keys(resource.inputProperties),
          ...Object.keys(resource.properties),
          ...Object.values(schema.types).flatMap((t) => Object.keys(t.properties)),
        ].map(snake),
      );
      const keywords = [...pythonBlock.matchAll(/(\w+)=|"(\w+)":|\baccess\.(\w+)/g)].map(
        (m) => m[1] ?? m[2] ?? m[3],
      );
      unknown.push(...keywords.filter((k) => !known.has(k)).map((k) => `python ${k}`));
      assert.deepStrictEqual(unknown, []);
    });
  });

  describe("construct", () => {
    it("registers the same children through the provider as directly", async () => {
      const direct = new AdminAccessComponent("aa", validArgs());
      await valueOf(direct.userIds);
      await settled();
      const expected = snapshot();
      mocks.reset();

      // The engine hands the provider plain, deserialized inputs.
      const inputs = JSON.parse(JSON.stringify(validArgs()));
      const result = await provider.construct("aa", TOKEN, inputs, {});
      await settled();
      assert.deepStrictEqual(snapshot(), expected);
      assert.deepStrictEqual(Object.keys(result.state).sort(), OUTPUT_NAMES);
    });

    it("rejects a type token of another package", async () => {
      await assert.rejects(
        provider.construct("aa", "other:index:AdminAccessComponent", {}, {}),
        /Invalid package name other/,
      );
    });
  });
});
