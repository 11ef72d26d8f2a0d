import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  RESERVED_ROLE_PATH,
  reservedRoleNamePrefix,
  reservedRoleNameRegex,
  resolveReservedRoleArn,
} from "../../components";
import { quoteMeta } from "../../components/families/reservedRole";
import { mocks, valueOf } from "../mocks";

const GET_ROLES = "aws:iam/getRoles:getRoles";
const SUFFIX = "0123456789abcdef";
/** A role ARN as IAM Identity Center writes it, in the instance's region (eu-west-1) unless told. */
const roleArn = (account: string, name: string, path = `${RESERVED_ROLE_PATH}eu-west-1/`) =>
  `arn:aws:iam::${account}:role${path}${name}`;
/** What must not match the set's regex: a longer set name, another set, a wrong suffix, a lookalike. */
const neighbours = (account: string) => [
  roleArn(account, `AWSReservedSSO_AdministratorAccess_Extra_${SUFFIX}`),
  roleArn(account, `AWSReservedSSO_ReadOnly_${SUFFIX}`),
  roleArn(account, "AWSReservedSSO_AdministratorAccess_0123456789abcde"),
  roleArn(account, `xAWSReservedSSO_AdministratorAccess_${SUFFIX}`),
  roleArn(account, `AWSReservedSSO_AdministratorAccess_${SUFFIX.replace("0", "f")}`, "/custom/"),
];

describe("the reserved role (pure)", () => {
  it("names the path and the prefix as IAM Identity Center does", () => {
    assert.strictEqual(RESERVED_ROLE_PATH, "/aws-reserved/sso.amazonaws.com/");
    assert.strictEqual(reservedRoleNamePrefix("AdministratorAccess"), "AWSReservedSSO_AdministratorAccess_");
    assert.strictEqual(
      reservedRoleNameRegex("AdministratorAccess"),
      "^AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}$",
    );
  });

  it("matches the set's role and none of its neighbours", () => {
    const regex = new RegExp(reservedRoleNameRegex("AdministratorAccess"));
    assert.ok(regex.test(`AWSReservedSSO_AdministratorAccess_${SUFFIX}`));
    for (const name of [
      `AWSReservedSSO_AdministratorAccess_Extra_${SUFFIX}`,
      `AWSReservedSSO_Administrator_${SUFFIX}`,
      `AWSReservedSSO_AdministratorAccess_${SUFFIX}0`,
      `AWSReservedSSO_AdministratorAccess_${SUFFIX.slice(1)}`,
      `xAWSReservedSSO_AdministratorAccess_${SUFFIX}`,
    ]) {
      assert.ok(!regex.test(name), name);
    }
  });

  // The provider compiles nameRegex with Go's regexp (RE2). The regex holds only `^`, `$`, a class, a
  // count and backslash-escaped ASCII punctuation, which mean the same in RE2 and in JavaScript's RegExp, so
  // RegExp stands in for RE2 here; the second assertion pins the regex to that subset.
  it("escapes + and . in a set name (= needs none), so they match only themselves", () => {
    const name = "Ops+Admin.v2=x";
    const source = reservedRoleNameRegex(name);
    assert.strictEqual(source, "^AWSReservedSSO_Ops\\+Admin\\.v2=x_[0-9a-f]{16}$");
    assert.deepStrictEqual(source.match(/\\./g), ["\\+", "\\."]);
    const regex = new RegExp(source);
    assert.ok(regex.test(`AWSReservedSSO_Ops+Admin.v2=x_${SUFFIX}`));
    // What the name read as a pattern would also match: `s+` one or more s, `.` any character.
    const unescaped = new RegExp(`^AWSReservedSSO_${name}_[0-9a-f]{16}$`);
    for (const lookalike of [
      `AWSReservedSSO_OpssAdmin.v2=x_${SUFFIX}`,
      `AWSReservedSSO_OpsAdminXv2=x_${SUFFIX}`,
    ]) {
      assert.ok(unescaped.test(lookalike), lookalike);
      assert.ok(!regex.test(lookalike), lookalike);
    }
  });

  it("quotes every RE2 metacharacter, and fits a 32-character name in IAM's 64", () => {
    const meta = "\\.+*?()|[]{}^$";
    assert.ok(new RegExp(`^${quoteMeta(meta)}$`).test(meta));
    const longest = "A".repeat(32);
    assert.strictEqual(`${reservedRoleNamePrefix(longest)}${SUFFIX}`.length, 64);
    assert.ok(new RegExp(reservedRoleNameRegex(longest)).test(`${reservedRoleNamePrefix(longest)}${SUFFIX}`));
  });

  it("refuses a name AWS would refuse for a permission set, which has no role anywhere", () => {
    for (const bad of ["", "A".repeat(33), "Admin Access", "Admin/Access", "Admin\u200b"]) {
      assert.throws(() => reservedRoleNameRegex(bad), /is not a permission set name/, bad);
    }
  });
});

describe("resolveReservedRoleArn", () => {
  const ACCOUNT_A = "111111111111";
  const ACCOUNT_B = "210987654321";
  let providerA: aws.Provider;
  let providerB: aws.Provider;
  beforeEach(() => {
    providerA = new aws.Provider("account-a", { region: "eu-west-1" });
    providerB = new aws.Provider("account-b", { region: "eu-west-1" });
  });

  it("gives the one role of the set in the provider's account, and no other account's", async () => {
    const a = roleArn(ACCOUNT_A, `AWSReservedSSO_AdministratorAccess_${SUFFIX}`);
    const b = roleArn(ACCOUNT_B, "AWSReservedSSO_AdministratorAccess_fedcba9876543210");
    mocks.iamRoles = {
      "account-a": [...neighbours(ACCOUNT_A), a],
      "account-b": [b, ...neighbours(ACCOUNT_B)],
    };
    assert.strictEqual(
      await valueOf(resolveReservedRoleArn("AdministratorAccess", { provider: providerA })),
      a,
    );
    assert.strictEqual(
      await valueOf(resolveReservedRoleArn("AdministratorAccess", { provider: providerB })),
      b,
    );
    // The provider option reached each invoke, with the path and the anchored regex.
    assert.deepStrictEqual(
      mocks.invokes
        .filter((i) => i.token === GET_ROLES)
        .map((i) => [i.provider, i.inputs.pathPrefix, i.inputs.nameRegex])
        .sort(),
      ["account-a", "account-b"].map((p) => [
        p,
        RESERVED_ROLE_PATH,
        reservedRoleNameRegex("AdministratorAccess"),
      ]),
    );
  });

  it("finds the role of an instance in us-east-1, whose path has no region", async () => {
    const arn = roleArn(ACCOUNT_A, `AWSReservedSSO_AdministratorAccess_${SUFFIX}`, RESERVED_ROLE_PATH);
    mocks.iamRoles = { "account-a": [arn] };
    assert.strictEqual(
      await valueOf(resolveReservedRoleArn("AdministratorAccess", { provider: providerA })),
      arn,
    );
  });

  it("takes the set name as an output, and a name with +, . and =", async () => {
    const arn = roleArn(ACCOUNT_A, `AWSReservedSSO_Ops+Admin.v2=x_${SUFFIX}`);
    mocks.iamRoles = {
      "account-a": [
        roleArn(ACCOUNT_A, `AWSReservedSSO_OpssAdmin.v2=x_${SUFFIX}`),
        roleArn(ACCOUNT_A, `AWSReservedSSO_OpsAdminXv2=x_${SUFFIX}`),
        arn,
      ],
    };
    const name = pulumi.output("Ops+Admin.v2=x");
    assert.strictEqual(await valueOf(resolveReservedRoleArn(name, { provider: providerA })), arn);
  });

  it("says the set is not provisioned in an account with no role of it, naming the account", async () => {
    mocks.iamRoles = { "account-a": neighbours(ACCOUNT_A) };
    await assert.rejects(
      valueOf(resolveReservedRoleArn("AdministratorAccess", { provider: providerA })),
      (e: Error) =>
        e.message ===
        'account "123456789012" has no role "AWSReservedSSO_AdministratorAccess_"… under ' +
          '/aws-reserved/sso.amazonaws.com/: the permission set "AdministratorAccess" is not provisioned there ' +
          "(no assignment of it in that account yet). Assign it there, or make the lookup wait for the " +
          "assignment (dependsOn).",
    );
    // The account is the one the provider reaches.
    assert.deepStrictEqual(
      mocks.invokes
        .filter((i) => i.token === "aws:index/getCallerIdentity:getCallerIdentity")
        .map((i) => i.provider),
      ["account-a"],
    );
  });

  it("refuses a name no permission set can have, before any lookup", async () => {
    mocks.iamRoles = { "account-a": [] };
    await assert.rejects(
      valueOf(resolveReservedRoleArn("Admin Access", { provider: providerA })),
      /"Admin Access" is not a permission set name/,
    );
    assert.deepStrictEqual(
      mocks.invokes.filter((i) => i.token === GET_ROLES),
      [],
    );
  });

  it("lists the roles when there are two", async () => {
    const first = roleArn(ACCOUNT_A, `AWSReservedSSO_AdministratorAccess_${SUFFIX}`);
    const second = roleArn(
      ACCOUNT_A,
      "AWSReservedSSO_AdministratorAccess_fedcba9876543210",
      RESERVED_ROLE_PATH,
    );
    mocks.iamRoles = { "account-a": [second, first] };
    await assert.rejects(
      valueOf(resolveReservedRoleArn("AdministratorAccess", { provider: providerA })),
      (e: Error) =>
        e.message ===
        `account "123456789012" has 2 roles "AWSReservedSSO_AdministratorAccess_"…, not one: ` +
          [first, second]
            .sort()
            .map((arn) => JSON.stringify(arn))
            .join(", "),
    );
  });
});
