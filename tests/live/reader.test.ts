import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import {
  DescribeUserCommand,
  GetGroupIdCommand,
  IdentitystoreClient,
  ListGroupMembershipsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-identitystore";
import {
  CreateAccountAssignmentCommand,
  ListPermissionSetsCommand,
  DescribePermissionSetCommand,
  ListTagsForResourceCommand,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { mockClient } from "aws-sdk-client-mock";
import { liveClients, RateLimiter, READ_OPERATION } from "../../live/clients";
import { LiveReader } from "../../live/reader";
import { AWS_ENV, withEnv } from "./env";

const LIVE = path.join(__dirname, "..", "..", "live");
const reader = () => new LiveReader(liveClients({ region: "eu-west-1" }));

describe("the live view", () => {
  // Stubbed only while these tests run: aws-sdk-client-mock replaces `send` on the classes themselves.
  const stubs = () => ({
    ssoAdmin: mockClient(SSOAdminClient),
    identityStore: mockClient(IdentitystoreClient),
    organizations: mockClient(OrganizationsClient),
  });
  let ssoAdmin: ReturnType<typeof stubs>["ssoAdmin"];
  let identityStore: ReturnType<typeof stubs>["identityStore"];
  let organizations: ReturnType<typeof stubs>["organizations"];
  before(() => ({ ssoAdmin, identityStore, organizations } = stubs()));
  beforeEach(() => {
    ssoAdmin.reset();
    identityStore.reset();
    organizations.reset();
  });
  after(() => {
    ssoAdmin.restore();
    identityStore.restore();
    organizations.restore();
  });

  it("reads every page of a list", async () => {
    ssoAdmin
      .on(ListPermissionSetsCommand, { NextToken: undefined })
      .resolves({ PermissionSets: ["arn:1", "arn:2"], NextToken: "p2" })
      .on(ListPermissionSetsCommand, { NextToken: "p2" })
      .resolves({ PermissionSets: ["arn:3"] });
    assert.deepStrictEqual(await reader().permissionSetArns("arn:instance"), ["arn:1", "arn:2", "arn:3"]);
    assert.strictEqual(ssoAdmin.commandCalls(ListPermissionSetsCommand).length, 2);
  });

  it("finds a permission set by name with its tags, and answers undefined when none has it", async () => {
    ssoAdmin
      .on(ListPermissionSetsCommand)
      .resolves({ PermissionSets: ["arn:a", "arn:b"] })
      .on(DescribePermissionSetCommand, { PermissionSetArn: "arn:a" })
      .resolves({ PermissionSet: { Name: "ReadOnly" } })
      .on(DescribePermissionSetCommand, { PermissionSetArn: "arn:b" })
      .resolves({ PermissionSet: { Name: "AdministratorAccess", SessionDuration: "PT4H" } })
      .on(ListTagsForResourceCommand)
      .resolves({ Tags: [{ Key: "owner", Value: "platform" }] });
    const found = await reader().permissionSetByName("arn:i", "AdministratorAccess");
    // Tags are a null-prototype map (a tag named constructor is a tag): compared as entries.
    assert.deepStrictEqual(found && { ...found, tags: { ...found.tags } }, {
      arn: "arn:b",
      name: "AdministratorAccess",
      sessionDuration: "PT4H",
      tags: { owner: "platform" },
    });
    assert.strictEqual(await reader().permissionSetByName("arn:i", "Missing"), undefined);
  });

  it("a group or user that does not exist is undefined, not an error", async () => {
    identityStore
      .on(GetGroupIdCommand)
      .rejects(new ResourceNotFoundException({ message: "GROUP not found", $metadata: {} }));
    assert.strictEqual(await reader().groupByName("d-1", "Admins"), undefined);
  });

  it("reads a user as config writes it, and marks SCIM-owned users", async () => {
    identityStore.on(DescribeUserCommand).resolves({
      UserId: "u-1",
      UserName: "alice",
      Name: { GivenName: "Alice", FamilyName: "L" },
      Emails: [{ Value: "old@example.com" }, { Value: "alice@example.com", Primary: true }],
      ExternalIds: [{ Issuer: "scim", Id: "x" }],
      IdentityStoreId: "d-1",
    });
    assert.deepStrictEqual(await reader().user("d-1", "u-1"), {
      userId: "u-1",
      userName: "alice",
      givenName: "Alice",
      familyName: "L",
      email: "alice@example.com",
      external: true,
    });
  });

  it("memberships keep user members and their membership IDs", async () => {
    identityStore.on(ListGroupMembershipsCommand).resolves({
      GroupMemberships: [
        { MembershipId: "m-1", MemberId: { UserId: "u-1" }, GroupId: "g", IdentityStoreId: "d-1" },
      ],
    });
    assert.deepStrictEqual(await reader().memberships("d-1", "g"), [{ userId: "u-1", membershipId: "m-1" }]);
  });
});

describe("read only, proven", () => {
  it("the live view imports only List, Describe and Get operations", () => {
    for (const file of readdirSync(LIVE)) {
      const source = readFileSync(path.join(LIVE, file), "utf8");
      const operations = [
        ...[...source.matchAll(/\b([A-Z]\w+)Command\b/g)].map((m) => m[1]),
        ...[...source.matchAll(/\bpaginate([A-Z]\w+)\b/g)].map((m) => m[1]),
      ];
      // STS AssumeRole changes nothing in AWS: it is how the stack's aws:assumeRoles become credentials, as
      // the provider makes them, and only clients.ts may call it.
      for (const op of operations.filter((o) => !(file === "clients.ts" && o === "AssumeRole")))
        assert.match(op, READ_OPERATION, `${file} uses ${op}`);
    }
  });

  it("the clients refuse a write before it is signed or sent", async () => {
    // Through the real SDK, pointed at a closed port: the guard answers before anything is signed or sent.
    await withEnv({ ...AWS_ENV, AWS_ENDPOINT_URL: "http://127.0.0.1:9" }, async () => {
      const { ssoAdmin } = liveClients({ region: "eu-west-1" });
      await assert.rejects(
        ssoAdmin.send(
          new CreateAccountAssignmentCommand({
            InstanceArn: "arn:aws:sso:::instance/ssoins-1",
            PermissionSetArn: "arn:ps",
            PrincipalId: "g",
            PrincipalType: "GROUP",
            TargetId: "012345678901",
            TargetType: "AWS_ACCOUNT",
          }),
        ),
        /refused CreateAccountAssignmentCommand: the live view only reads/,
      );
    });
  });

  it("the reader policy allows exactly the operations the live view uses", () => {
    const policy = JSON.parse(readFileSync(path.join(LIVE, "..", "policies", "reader-policy.json"), "utf8"));
    const allowed = new Set<string>(policy.Statement.flatMap((s: { Action: string[] }) => s.Action));
    const prefix: Record<string, string> = {
      "client-sso-admin": "sso",
      "client-identitystore": "identitystore",
      "client-organizations": "organizations",
      "client-scheduler": "scheduler",
      "client-iam": "iam",
      "client-eventbridge": "events",
      "client-sqs": "sqs",
    };
    const used = new Set<string>();
    const source = ["reader.ts", "stackReader.ts"]
      .map((f) => readFileSync(path.join(LIVE, f), "utf8"))
      .join("\n");
    for (const [, names, client] of source.matchAll(/import \{([^}]+)\} from "@aws-sdk\/([\w-]+)"/g)) {
      for (const name of names.split(",").map((n) => n.trim())) {
        const op = /^(?:paginate)?([A-Z]\w+?)(?:Command)?$/.exec(name)?.[1];
        if (op && READ_OPERATION.test(op) && (name.endsWith("Command") || name.startsWith("paginate"))) {
          used.add(`${prefix[client]}:${op}`);
        }
      }
    }
    assert.deepStrictEqual([...allowed].sort(), [...used].sort());
  });
});

describe("the shared rate limit", () => {
  it("spaces requests at 20 a second across clients", async () => {
    const limiter = new RateLimiter(20);
    const start = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => limiter.take()));
    // Eleven requests need ten intervals of 50 ms.
    assert.ok(Date.now() - start >= 480, `${Date.now() - start} ms`);
  });
});
