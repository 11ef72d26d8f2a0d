import * as assert from "assert";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import {
  AdminAccessComponent,
  AdminAccessComponentArgs,
  AdminAccessConfigError,
  discoveredInstance,
  invitationNotice,
  unlistedNotice,
} from "../../components/adminAccess";
import { TYPES } from "../../components/plan";
import { readStackConfig } from "../../components/program";
import { engineConfig } from "../../components/stackConfig";
import { project, validArgs } from "../fixtures";
import {
  ACTIVE_MEMBER_ACCOUNTS,
  IDENTITY_STORE_ID,
  INSTANCE_ARN,
  mocks,
  Registration,
  settled,
  valueOf,
} from "../mocks";

const COMPONENT = "admin-access:index:AdminAccessComponent";

/** A resource of a consumer's program, to see what it waits for. */
class Custom extends pulumi.CustomResource {}

/** The SDK's switch for `pulumi preview` under mocks (runtime/settings.js, documented for unit tests). */
const setDryRun = (pulumi.runtime as unknown as { _setIsDryRun(value: boolean): void })._setIsDryRun;

/** Builds the component and waits until every child has reached the mock monitor. */
async function build(args: AdminAccessComponentArgs, name = "aa"): Promise<AdminAccessComponent> {
  const component = new AdminAccessComponent(name, args);
  await valueOf(component.userIds);
  await settled();
  return component;
}

function named(name: string): Registration {
  const found = mocks.registrations.find((r) => r.name === name);
  assert.ok(
    found,
    `no resource named ${name}; registered: ${mocks.registrations.map((r) => r.name).join(", ")}`,
  );
  return found;
}

const urnName = (urn: string) => urn.split("::").pop();
const urns = () => mocks.registrations.map((r) => r.urn).sort();

describe("AdminAccessComponent", () => {
  it("registers the runbook's resources, all parented to the component", async () => {
    await build(validArgs());
    const component = named("aa");
    assert.strictEqual(component.type, COMPONENT);
    assert.deepStrictEqual(mocks.registrations.map((r) => `${r.type} ${r.name}`).sort(), [
      `${COMPONENT} aa`,
      `${TYPES.group} aa-group`,
      `${TYPES.membership} aa-membership-alice`,
      `${TYPES.membership} aa-membership-bob`,
      `${TYPES.membership} aa-membership-carol`,
      `${TYPES.user} aa-user-alice`,
      `${TYPES.user} aa-user-carol`,
      `${TYPES.assignment} aa-assignment-012345678901`,
      `${TYPES.assignment} aa-assignment-111111111111`,
      `${TYPES.customerPolicies} aa-customer-policies`,
      `${TYPES.policyAttachment} aa-policy-AdministratorAccess`,
      `${TYPES.managedPolicies} aa-managed-policies`,
      `${TYPES.permissionSet} aa-permission-set`,
    ]);
    for (const child of mocks.registrations.filter((r) => r !== component)) {
      assert.strictEqual(child.parent, component.urn, `${child.name} is not parented to the component`);
    }
  });

  it("creates the permission set with its name always set, and attaches AdministratorAccess", async () => {
    await build(validArgs());
    assert.deepStrictEqual(named("aa-permission-set").inputs, {
      instanceArn: INSTANCE_ARN,
      name: "AdministratorAccess",
      description: "Full access",
      sessionDuration: "PT4H",
      tags: { owner: "platform" },
    });
    assert.deepStrictEqual(named("aa-policy-AdministratorAccess").inputs, {
      instanceArn: INSTANCE_ARN,
      permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-AdministratorAccess",
      managedPolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    });
  });

  it("owns the set's policy lists whole, after the per-policy attachments it keeps on delete (#27)", async () => {
    await build(
      validArgs({ permissionSet: { customerManagedPolicies: [{ name: "Ops", path: "/guard/" }] } }),
    );
    const set = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-AdministratorAccess";
    const timeouts = { create: "12m", update: "12m" };
    assert.deepStrictEqual(named("aa-managed-policies").inputs, {
      instanceArn: INSTANCE_ARN,
      permissionSetArn: set,
      managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      timeouts,
    });
    assert.deepStrictEqual(named("aa-customer-policies").inputs, {
      instanceArn: INSTANCE_ARN,
      permissionSetArn: set,
      customerManagedPolicyReferences: [{ name: "Ops", path: "/guard/" }],
      timeouts,
    });
    // The per-policy attachments of earlier releases leave the state without a detach, and attach first.
    for (const legacy of ["aa-policy-AdministratorAccess", "aa-customer-policy-/guard/Ops"]) {
      assert.strictEqual(named(legacy).retainOnDelete, true, legacy);
    }
    assert.deepStrictEqual(named("aa-managed-policies").dependencies.map(urnName).sort(), [
      "aa-permission-set",
      "aa-policy-AdministratorAccess",
    ]);
    assert.deepStrictEqual(named("aa-customer-policies").dependencies.map(urnName).sort(), [
      "aa-customer-policy-/guard/Ops",
      "aa-permission-set",
    ]);
    for (const list of ["aa-managed-policies", "aa-customer-policies"]) {
      assert.strictEqual(named(list).retainOnDelete, false, list);
    }
    for (const assignment of mocks.ofType(TYPES.assignment)) {
      const on = assignment.dependencies.map(urnName);
      assert.ok(on.includes("aa-managed-policies") && on.includes("aa-customer-policies"), assignment.name);
    }
  });

  it("an empty customer-managed list is registered too, so a policy attached by hand is detached", async () => {
    await build(validArgs());
    assert.deepStrictEqual(named("aa-customer-policies").inputs.customerManagedPolicyReferences, []);
  });

  it("takes the policy's partition from aws.getPartition (GovCloud)", async () => {
    mocks.respond("aws:index/getPartition:getPartition", () => ({ partition: "aws-us-gov" }));
    const component = await build(validArgs());
    assert.strictEqual(
      named("aa-policy-AdministratorAccess").inputs.managedPolicyArn,
      "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
    );
    assert.strictEqual(
      await valueOf(component.accessPortalUrl),
      `https://start.us-gov-home.awsapps.com/directory/${IDENTITY_STORE_ID}`,
    );
  });

  it("creates the group", async () => {
    await build(validArgs());
    assert.deepStrictEqual(named("aa-group").inputs, {
      identityStoreId: IDENTITY_STORE_ID,
      displayName: "Platform Admins",
      description: "Administrators",
    });
  });

  it("assigns the group, never a user, to each account after the policy is attached", async () => {
    await build(validArgs());
    const assignments = mocks.ofType(TYPES.assignment);
    assert.strictEqual(assignments.length, 2);
    for (const assignment of assignments) {
      const accountId = assignment.name.replace("aa-assignment-", "");
      assert.deepStrictEqual(assignment.inputs, {
        instanceArn: INSTANCE_ARN,
        permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-AdministratorAccess",
        principalId: "group-aa-group",
        principalType: "GROUP",
        targetId: accountId,
        targetType: "AWS_ACCOUNT",
      });
      assert.ok(
        assignment.dependencies.map(urnName).includes("aa-policy-AdministratorAccess"),
        `${assignment.name} does not depend on the policy attachment`,
      );
    }
  });

  it("creates new users with their profile, and a membership for every admin", async () => {
    await build(
      validArgs({
        admins: [
          {
            userName: "alice",
            email: "alice@example.com",
            givenName: "Alice",
            familyName: "Liddell",
            displayName: "Al",
            title: "SRE",
            nickname: "ali",
            phoneNumber: "+44 20 7946 0000",
            locale: "en-GB",
            timezone: "Europe/London",
            preferredLanguage: "en",
            address: { locality: "Oxford", country: "GB" },
          },
          { userName: "bob", existing: true },
        ],
      }),
    );
    const user = named("aa-user-alice");
    assert.deepStrictEqual(user.inputs, {
      identityStoreId: IDENTITY_STORE_ID,
      userName: "alice",
      displayName: "Al",
      name: { givenName: "Alice", familyName: "Liddell" },
      emails: { value: "alice@example.com", primary: true, type: "work" },
      phoneNumbers: { value: "+44 20 7946 0000", primary: true, type: "work" },
      addresses: { locality: "Oxford", country: "GB", primary: true, type: "work" },
      title: "SRE",
      nickname: "ali",
      locale: "en-GB",
      timezone: "Europe/London",
      preferredLanguage: "en",
    });
    assert.strictEqual(user.deleteBeforeReplace, true, "a renamed user would collide on its unique email");
    assert.strictEqual(user.retainOnDelete, false);
    assert.deepStrictEqual(named("aa-membership-alice").inputs, {
      identityStoreId: IDENTITY_STORE_ID,
      groupId: "group-aa-group",
      memberId: "user-alice",
    });
    assert.deepStrictEqual(named("aa-membership-bob").inputs, {
      identityStoreId: IDENTITY_STORE_ID,
      groupId: "group-aa-group",
      memberId: "existing-user-bob",
    });
  });

  it("exports its outputs, existing users included in userIds", async () => {
    const component = await build(validArgs());
    assert.deepStrictEqual(await valueOf(component.userIds), {
      alice: "user-alice",
      bob: "existing-user-bob",
      carol: "user-carol",
    });
    assert.deepStrictEqual(await valueOf(component.accountIds), ["012345678901", "111111111111"]);
    assert.strictEqual(await valueOf(component.groupId), "group-aa-group");
    assert.strictEqual(
      await valueOf(component.permissionSetArn),
      "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-AdministratorAccess",
    );
    assert.strictEqual(
      await valueOf(component.accessPortalUrl),
      `https://${IDENTITY_STORE_ID}.awsapps.com/start`,
    );
    assert.deepStrictEqual(await valueOf(component.usersNeedingSignInSetup), ["alice", "carol"]);
  });

  it("tells the operator, once, that created users get no invitation email", async () => {
    await build(validArgs());
    assert.deepStrictEqual(mocks.logs, [{ severity: "info", message: invitationNotice(2) }]);
    assert.match(invitationNotice(2), /^2 user\(s\) created through the API get no invitation email/);
    mocks.reset();
    await build(validArgs({ admins: [{ userName: "bob", existing: true }] }));
    assert.deepStrictEqual(mocks.logs, []);
  });

  describe("members nobody listed", () => {
    const MEMBERSHIPS = "aws:identitystore/getGroupMemberships:getGroupMemberships";
    const members =
      (...userIds: string[]) =>
      () => ({
        groupMemberships: userIds.map((userId, i) => ({ membershipId: `m-${i}`, memberId: { userId } })),
      });

    it("an existing group's other members are exposed and named in a warning", async () => {
      mocks.respond(MEMBERSHIPS, members("existing-user-bob", "u-eve", "u-mallory"));
      const component = await build(validArgs({ group: { displayName: "Platform Admins", existing: true } }));
      assert.deepStrictEqual(await valueOf(component.unlistedMembers), [
        "name-of-u-eve",
        "name-of-u-mallory",
      ]);
      assert.deepStrictEqual(
        mocks.logs.filter((l) => l.severity === "warn").map((l) => l.message),
        [unlistedNotice("Platform Admins", ["name-of-u-eve", "name-of-u-mallory"])],
      );
      assert.match(
        unlistedNotice("Platform Admins", ["eve"]),
        /^1 member\(s\) of the group "Platform Admins" are not in admins and also get administrator access/,
      );
    });

    it("members added to a managed group in the console are found too; listed admins are not", async () => {
      mocks.respond(MEMBERSHIPS, members("user-alice", "existing-user-bob", "user-carol", "u-console"));
      const component = await build(validArgs());
      assert.deepStrictEqual(await valueOf(component.unlistedMembers), ["name-of-u-console"]);
      const read = mocks.invokes.find((i) => i.token === MEMBERSHIPS);
      assert.deepStrictEqual(read?.inputs, { identityStoreId: IDENTITY_STORE_ID, groupId: "group-aa-group" });
    });

    it("a group with only its admins warns about nothing", async () => {
      const component = await build(validArgs());
      assert.deepStrictEqual(await valueOf(component.unlistedMembers), []);
      assert.deepStrictEqual(
        mocks.logs.filter((l) => l.severity === "warn"),
        [],
      );
    });

    it("a member's name from AWS cannot forge the warning", () => {
      assert.ok(!unlistedNotice("Admins", ["eve\u001b[2K\nok"]).includes("\u001b"));
      assert.match(unlistedNotice("Admins", ["eve\u001b[2K\nok"]), /eve\\u001b\[2K\\u000aok/);
    });
  });

  it("the accessPortalUrl override wins", async () => {
    const component = await build(validArgs({ accessPortalUrl: "https://corp.awsapps.com/start" }));
    assert.strictEqual(await valueOf(component.accessPortalUrl), "https://corp.awsapps.com/start");
  });

  it("retainUsersOnDelete keeps users, not memberships", async () => {
    await build(validArgs({ retainUsersOnDelete: true }));
    assert.ok(mocks.ofType(TYPES.user).every((u) => u.retainOnDelete));
    assert.ok(mocks.ofType(TYPES.membership).every((m) => !m.retainOnDelete));
  });

  describe("the Identity Center instance", () => {
    it("is discovered once with getInstances when not given", async () => {
      await build(validArgs({ instanceArn: undefined, identityStoreId: undefined }));
      const discoveries = mocks.invokes.filter((i) => i.token === "aws:ssoadmin/getInstances:getInstances");
      assert.strictEqual(discoveries.length, 1);
      assert.strictEqual(named("aa-group").inputs.identityStoreId, IDENTITY_STORE_ID);
      assert.strictEqual(named("aa-permission-set").inputs.instanceArn, INSTANCE_ARN);
    });

    it("is not looked up when both identifiers are given", async () => {
      await build(validArgs());
      assert.ok(!mocks.invokes.some((i) => i.token === "aws:ssoadmin/getInstances:getInstances"));
    });

    // Tested as data: a failed input leaves its resource unregistered, which would stall the shared runtime.
    it("missing means Identity Center is off in the region or the account is wrong", () => {
      assert.deepStrictEqual(
        discoveredInstance({ arns: [INSTANCE_ARN], identityStoreIds: [IDENTITY_STORE_ID] }),
        {
          arn: INSTANCE_ARN,
          identityStoreId: IDENTITY_STORE_ID,
        },
      );
      assert.throws(
        () => discoveredInstance({ arns: [], identityStoreIds: [] }),
        /no IAM Identity Center instance found: Identity Center is not enabled in this region, or the credentials are not for the organization's management account or a delegated-admin account/,
      );
    });
  });

  describe("existing resources are looked up, not created", () => {
    it("permissionSet.existing looks the set up by name and registers no set or attachment", async () => {
      const component = await build(validArgs({ permissionSet: { name: "OrgAdmin", existing: true } }));
      assert.strictEqual(mocks.ofType(TYPES.permissionSet).length, 0);
      assert.strictEqual(mocks.ofType(TYPES.policyAttachment).length, 0);
      const lookup = mocks.invokes.find((i) => i.token === "aws:ssoadmin/getPermissionSet:getPermissionSet");
      assert.deepStrictEqual(lookup?.inputs, { instanceArn: INSTANCE_ARN, name: "OrgAdmin" });
      const arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-existing-OrgAdmin";
      assert.strictEqual(await valueOf(component.permissionSetArn), arn);
      assert.ok(mocks.ofType(TYPES.assignment).every((a) => a.inputs.permissionSetArn === arn));
    });

    it("group.existing looks the group up by DisplayName and registers no group", async () => {
      await build(validArgs({ group: { displayName: "Okta Admins", existing: true } }));
      assert.strictEqual(mocks.ofType(TYPES.group).length, 0);
      const lookup = mocks.invokes.find((i) => i.token === "aws:identitystore/getGroup:getGroup");
      assert.deepStrictEqual(lookup?.inputs, {
        identityStoreId: IDENTITY_STORE_ID,
        alternateIdentifier: {
          uniqueAttribute: { attributePath: "DisplayName", attributeValue: "Okta Admins" },
        },
      });
      assert.ok(
        mocks.ofType(TYPES.assignment).every((a) => a.inputs.principalId === "existing-group-Okta Admins"),
      );
      assert.strictEqual(named("aa-membership-alice").inputs.groupId, "existing-group-Okta Admins");
    });

    it("an existing admin is looked up by UserName and only gets a membership", async () => {
      await build(validArgs());
      assert.ok(!mocks.registrations.some((r) => r.name === "aa-user-bob"));
      const lookups = mocks.invokes.filter((i) => i.token === "aws:identitystore/getUser:getUser");
      assert.deepStrictEqual(
        lookups.map((l) => l.inputs),
        [
          {
            identityStoreId: IDENTITY_STORE_ID,
            alternateIdentifier: { uniqueAttribute: { attributePath: "UserName", attributeValue: "bob" } },
          },
        ],
      );
    });
  });

  describe("stable keys", () => {
    it("reordering admins and accounts changes no URN", async () => {
      await build(validArgs());
      const before = urns();
      mocks.reset();
      const args = validArgs();
      await build({
        ...args,
        admins: [...args.admins].reverse(),
        accounts: [...(args.accounts ?? [])].reverse(),
      });
      assert.deepStrictEqual(urns(), before);
    });

    it("removing an admin removes exactly its user and membership", async () => {
      await build(validArgs());
      const before = urns();
      mocks.reset();
      const args = validArgs();
      await build({ ...args, admins: args.admins.filter((a) => a.userName !== "alice") });
      const removed = before.filter((urn) => !urns().includes(urn)).map(urnName);
      assert.deepStrictEqual(removed, ["aa-membership-alice", "aa-user-alice"]);
      assert.deepStrictEqual(
        urns().filter((urn) => !before.includes(urn)),
        [],
      );
    });

    it("removing an account removes exactly its assignment", async () => {
      await build(validArgs());
      const before = urns();
      mocks.reset();
      await build(validArgs({ accounts: ["111111111111"] }));
      assert.deepStrictEqual(before.filter((urn) => !urns().includes(urn)).map(urnName), [
        "aa-assignment-012345678901",
      ]);
    });
  });

  describe("bad config", () => {
    it("throws every problem synchronously and registers nothing", async () => {
      const args = validArgs({ accounts: ["12345", "12345"], admins: [{ userName: "x", email: "bob@" }] });
      assert.throws(
        () => new AdminAccessComponent("aa", args),
        (err: unknown) =>
          err instanceof AdminAccessConfigError &&
          err.problems.includes('admins[0].email: "bob@" is not a valid email address') &&
          err.problems.length === 6,
      );
      await settled();
      assert.deepStrictEqual(mocks.registrations, []);
      assert.deepStrictEqual(mocks.invokes, []);
    });

    it("validates instance identifiers given as plain strings", () => {
      assert.throws(
        () => new AdminAccessComponent("aa", validArgs({ identityStoreId: "not-a-store" })),
        /identityStoreId: "not-a-store" is not valid/,
      );
    });
  });
});

describe("AdminAccessComponent across an organization", () => {
  const GET_ORGANIZATION = "aws:organizations/getOrganization:getOrganization";
  const GET_OU =
    "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts";
  const assignedAccounts = () =>
    mocks
      .ofType(TYPES.assignment)
      .map((a) => a.inputs.targetId)
      .sort();

  it("resolves OUs, names and exclusions once, before registering any child", async () => {
    const answer = mocks.responses[GET_ORGANIZATION];
    mocks.respond(GET_ORGANIZATION, async (inputs) => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // a slow organization API
      return answer(inputs);
    });
    const component = await build(
      validArgs({
        accounts: ["111111111111"],
        organizationalUnits: ["ou-wkld-22222222"],
        accountNames: ["Audit"],
        excludeAccounts: ["210987654321"],
      }),
    );
    assert.deepStrictEqual(assignedAccounts(), ["012345678901", "111111111111", "333333333333"]);
    assert.deepStrictEqual(await valueOf(component.accountIds), [
      "012345678901",
      "111111111111",
      "333333333333",
    ]);
    const lookups = mocks.invokes.filter((i) => i.token === GET_ORGANIZATION || i.token === GET_OU);
    assert.deepStrictEqual(lookups.map((l) => JSON.stringify(l.inputs)).sort(), [
      '{"parentId":"ou-wkld-22222222"}',
      "{}",
    ]);
    const resolved = Math.max(...lookups.map((l) => l.sequence));
    for (const child of mocks.registrations.filter((r) => r.custom)) {
      assert.ok(child.sequence > resolved, `${child.name} was registered before the targets were resolved`);
    }
  });

  it("asks only DescribeOrganization when no name or allAccounts needs the account list", async () => {
    await build(validArgs({ organizationalUnits: ["ou-prod-11111111"] }));
    const org = mocks.invokes.filter((i) => i.token === GET_ORGANIZATION);
    assert.deepStrictEqual(
      org.map((i) => i.inputs),
      [{ returnOrganizationOnly: true }],
    );
  });

  it("allAccounts targets every ACTIVE account but the management account", async () => {
    await build(validArgs({ accounts: undefined, allAccounts: true }));
    assert.deepStrictEqual(assignedAccounts(), ACTIVE_MEMBER_ACCOUNTS);
  });

  it("moving an account from one selector to another changes no URN", async () => {
    await build(validArgs({ accounts: ["012345678901", "333333333333"] }));
    const before = urns();
    mocks.reset();
    await build(validArgs({ accounts: undefined, organizationalUnits: ["ou-prod-11111111"] }));
    assert.deepStrictEqual(urns(), before);
  });

  it("by default no assignment waits for another account's: a failure or --target of one leaves the rest", async () => {
    await build(validArgs({ accounts: undefined, allAccounts: true }));
    const assignments = mocks.ofType(TYPES.assignment);
    assert.strictEqual(assignments.length, ACTIVE_MEMBER_ACCOUNTS.length);
    const assignmentUrns = new Set(assignments.map((a) => a.urn));
    for (const assignment of assignments) {
      assert.deepStrictEqual(
        assignment.dependencies.filter((d) => assignmentUrns.has(d)),
        [],
        `${assignment.name} waits for another account's assignment`,
      );
      assert.ok(assignment.dependencies.map(urnName).includes("aa-policy-AdministratorAccess"));
    }
  });

  it("assignmentConcurrency chains the assignments in that many lanes, each waiting for one", async () => {
    const accounts = Array.from({ length: 40 }, (_, i) => String(100000000000 + i * 7919));
    mocks.respond(GET_ORGANIZATION, () => ({
      masterAccountId: "999999999999",
      accounts: accounts.map((id) => ({ id, name: id, state: "ACTIVE" })),
    }));
    for (const concurrency of [1, 3]) {
      mocks.reset();
      mocks.respond(GET_ORGANIZATION, () => ({
        masterAccountId: "999999999999",
        accounts: accounts.map((id) => ({ id, name: id, state: "ACTIVE" })),
      }));
      await build(validArgs({ accounts: undefined, allAccounts: true, assignmentConcurrency: concurrency }));
      const assignments = mocks.ofType(TYPES.assignment);
      const byUrn = new Map(assignments.map((a) => [a.urn, a]));
      const waitsFor = assignments.map((a) => a.dependencies.filter((d) => byUrn.has(d)));
      // Forty accounts, and exactly `concurrency` assignments start at once: every other one waits
      // for exactly one, and none is waited for twice.
      assert.strictEqual(waitsFor.filter((w) => w.length === 0).length, concurrency);
      assert.ok(waitsFor.every((w) => w.length <= 1));
      assert.strictEqual(new Set(waitsFor.flat()).size, assignments.length - concurrency);
    }
  });

  describe("dependents and outputs wait for the grants", () => {
    /** A slow organization API, so that the assignments come long after the constructor returns. */
    const slowOrganization = () => {
      const answer = mocks.responses[GET_ORGANIZATION];
      mocks.respond(GET_ORGANIZATION, async (inputs) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return answer(inputs);
      });
    };

    it("a resource with dependsOn: [component] depends on every account assignment", async () => {
      slowOrganization();
      const component = new AdminAccessComponent("aa", validArgs({ accounts: undefined, allAccounts: true }));
      new Custom("test:index:Consumer", "consumer", {}, { dependsOn: [component] });
      await valueOf(component.accountIds);
      await settled();
      const consumer = named("consumer");
      const assignments = mocks.ofType(TYPES.assignment);
      assert.strictEqual(assignments.length, ACTIVE_MEMBER_ACCOUNTS.length);
      for (const assignment of assignments) {
        assert.ok(
          consumer.dependencies.includes(assignment.urn),
          `consumer does not wait for ${assignment.name}`,
        );
        assert.ok(consumer.sequence > assignment.sequence);
      }
    });

    it("accountIds resolves only after every assignment is registered, and carries them", async () => {
      slowOrganization();
      const component = new AdminAccessComponent("aa", validArgs());
      let resolvedAt = -1;
      component.accountIds.apply(() => (resolvedAt = mocks.sequence++));
      new Custom("test:index:Reader", "reader", { ids: component.accountIds });
      await valueOf(component.accountIds);
      await settled();
      const assignments = mocks.ofType(TYPES.assignment);
      assert.strictEqual(assignments.length, 2);
      for (const assignment of assignments)
        assert.ok(resolvedAt > assignment.sequence, `${assignment.name} came later`);
      const reader = named("reader");
      for (const assignment of assignments) assert.ok(reader.dependencies.includes(assignment.urn));
    });

    it("pulumi preview still registers every assignment", async () => {
      setDryRun(true);
      try {
        const component = new AdminAccessComponent(
          "aa",
          validArgs({ accounts: undefined, allAccounts: true }),
        );
        await valueOf(component.accountIds);
        await settled();
      } finally {
        setDryRun(false);
      }
      assert.deepStrictEqual(assignedAccounts(), ACTIVE_MEMBER_ACCOUNTS);
    });
  });
});

describe("a stack whose names are Object.prototype members deploys (issue 34)", () => {
  it("users, tags and the user IDs output keep constructor, toString, valueOf and hasOwnProperty", async () => {
    const names = ["constructor", "toString", "valueOf", "hasOwnProperty"];
    const text = [
      "config:",
      "  admin-access:group: {displayName: Admins}",
      "  admin-access:accounts: ['012345678901']",
      `  admin-access:admins: [${names.map((n) => `{userName: ${n}, email: ${n}@example.com, givenName: G, familyName: F}`).join(", ")}]`,
      `  admin-access:permissionSet: {tags: {${names.map((n) => `${n}: v-${n}`).join(", ")}}}`,
      "",
    ].join("\n");
    const saved = pulumi.runtime.allConfig();
    pulumi.runtime.setAllConfig(engineConfig(project(), text, "dev").config);
    try {
      const config = readStackConfig(mkdtempSync(path.join(tmpdir(), "admin-access-proto-")));
      const component = await build({
        ...config,
        instanceArn: INSTANCE_ARN,
        identityStoreId: IDENTITY_STORE_ID,
      });
      assert.deepStrictEqual(
        named("aa-permission-set").inputs.tags,
        Object.fromEntries(names.map((n) => [n, `v-${n}`])),
      );
      for (const n of names) assert.ok(named(`aa-user-${n}`), n);
      assert.deepStrictEqual(Object.keys(await valueOf(component.userIds)).sort(), [...names].sort());
    } finally {
      pulumi.runtime.setAllConfig(saved);
    }
  });
});
