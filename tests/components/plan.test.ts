import * as assert from "assert";
import { validateConfig } from "../../components/config";
import { accessPortalUrl, administratorPolicyArn, planAdminAccess, TYPES } from "../../components/plan";
import { validArgs } from "../fixtures";

describe("planAdminAccess", () => {
  const plan = planAdminAccess("aa", validateConfig(validArgs()));

  it("names every child from a stable key", () => {
    assert.deepStrictEqual(plan.resources, [
      { type: TYPES.permissionSet, name: "aa-permission-set" },
      { type: TYPES.policyAttachment, name: "aa-policy-AdministratorAccess" },
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
    const reordered = { ...args, admins: [...args.admins].reverse(), accounts: [...args.accounts].reverse() };
    assert.deepStrictEqual(planAdminAccess("aa", validateConfig(reordered)), plan);
  });

  it("registers nothing for existing permission set and group", () => {
    const spec = validateConfig(
      validArgs({ permissionSet: { existing: true }, group: { displayName: "Admins", existing: true } }),
    );
    const existing = planAdminAccess("aa", spec);
    assert.strictEqual(existing.permissionSetResource, undefined);
    assert.strictEqual(existing.policyAttachmentResource, undefined);
    assert.strictEqual(existing.groupResource, undefined);
    assert.deepStrictEqual(
      existing.resources.map((r) => r.type).filter((t) => t !== TYPES.membership && t !== TYPES.assignment),
      [TYPES.user, TYPES.user],
    );
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
