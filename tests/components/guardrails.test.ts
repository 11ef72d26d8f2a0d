import * as assert from "assert";
import {
  AdminAccessComponent,
  AdminAccessPermissionSetArgs,
  samePartition,
} from "../../components/adminAccess";
import { configProblems } from "../../components/config";
import { TYPES } from "../../components/plan";
import { serializePolicy } from "../../components/policy";
import { validArgs } from "../fixtures";
import { INSTANCE_ARN, mocks, Registration, settled, valueOf } from "../mocks";

/** The security-baseline deny docs/configuration.md recommends, trimmed. */
const DENY = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "ProtectAuditTrail",
      Effect: "Deny",
      Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
      Resource: "*",
    },
    {
      Sid: "StayInTheOrganization",
      Effect: "Deny",
      Action: "organizations:LeaveOrganization",
      Resource: "*",
    },
  ],
};
const GUARDED: AdminAccessPermissionSetArgs = {
  inlinePolicy: DENY,
  customerManagedPolicies: [{ name: "Ops", path: "/guardrails/" }, { name: "Baseline" }],
  permissionsBoundary: { customerManagedPolicy: { name: "Boundary" } },
};
const PS_ARN = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-AdministratorAccess";
const problemsOf = (permissionSet: unknown) => configProblems({ ...validArgs(), permissionSet });
const named = (name: string) => mocks.registrations.find((r) => r.name === name) as Registration;

describe("guardrails on the permission set", () => {
  it("attaches the inline policy, each customer-managed policy and the boundary, keyed by what they attach", async () => {
    const component = new AdminAccessComponent("aa", validArgs({ permissionSet: GUARDED }));
    await valueOf(component.accountIds);
    await settled();
    const on = { instanceArn: INSTANCE_ARN, permissionSetArn: PS_ARN };
    assert.deepStrictEqual(named("aa-inline-policy").inputs, { ...on, inlinePolicy: serializePolicy(DENY) });
    assert.strictEqual(named("aa-inline-policy").type, TYPES.inlinePolicy);
    assert.deepStrictEqual(named("aa-customer-policy-/Baseline").inputs, {
      ...on,
      customerManagedPolicyReference: { name: "Baseline", path: "/" },
    });
    assert.deepStrictEqual(named("aa-customer-policy-/guardrails/Ops").inputs, {
      ...on,
      customerManagedPolicyReference: { name: "Ops", path: "/guardrails/" },
    });
    assert.deepStrictEqual(named("aa-permissions-boundary").inputs, {
      ...on,
      permissionsBoundary: { customerManagedPolicyReference: { name: "Boundary", path: "/" } },
    });
    // Kept on delete: a changed boundary's attachment keeps its ID, and its delete would drop the new boundary.
    assert.strictEqual(named("aa-permissions-boundary").retainOnDelete, true);
    assert.strictEqual(named("aa-inline-policy").retainOnDelete, false);
    // No account gets the set before every guardrail is on it.
    const attachments = [
      "aa-policy-AdministratorAccess",
      "aa-inline-policy",
      "aa-customer-policy-/Baseline",
      "aa-customer-policy-/guardrails/Ops",
      "aa-permissions-boundary",
    ].map((n) => named(n).urn);
    for (const assignment of mocks.ofType(TYPES.assignment)) {
      for (const urn of attachments)
        assert.ok(assignment.dependencies.includes(urn), `${assignment.name} does not wait for ${urn}`);
    }
  });

  it("customer-managed policy names do not change when the list is reordered", async () => {
    const names = async (policies: AdminAccessPermissionSetArgs["customerManagedPolicies"]) => {
      mocks.reset();
      const component = new AdminAccessComponent(
        "aa",
        validArgs({ permissionSet: { customerManagedPolicies: policies } }),
      );
      await valueOf(component.accountIds);
      await settled();
      return mocks
        .ofType(TYPES.customerPolicy)
        .map((r) => r.urn)
        .sort();
    };
    const refs = [{ name: "A" }, { name: "B", path: "/x/" }];
    assert.deepStrictEqual(await names(refs), await names([...refs].reverse()));
  });

  it("an AWS managed boundary is attached by ARN", async () => {
    const component = new AdminAccessComponent(
      "aa",
      validArgs({
        permissionSet: {
          permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
        },
      }),
    );
    await valueOf(component.accountIds);
    await settled();
    assert.deepStrictEqual(named("aa-permissions-boundary").inputs.permissionsBoundary, {
      managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
    });
  });

  it("a managed boundary of another partition is refused before it reaches AWS", () => {
    assert.strictEqual(
      samePartition("arn:aws-us-gov:iam::aws:policy/X", "aws-us-gov"),
      "arn:aws-us-gov:iam::aws:policy/X",
    );
    assert.throws(
      () => samePartition("arn:aws:iam::aws:policy/X", "aws-cn"),
      /is not in this stack's partition \(aws-cn\); write arn:aws-cn:iam::aws:policy\//,
    );
  });

  describe("validation, with paths", () => {
    const policy = (statement: unknown, version: unknown = "2012-10-17") =>
      problemsOf({ inlinePolicy: { Version: version, Statement: statement } });

    it("accepts a valid policy, one statement or a list", () => {
      assert.deepStrictEqual(problemsOf(GUARDED), []);
      assert.deepStrictEqual(
        policy({ Effect: "Deny", NotAction: "s3:Get*", NotResource: ["arn:aws:s3:::b"], Condition: {} }),
        [],
      );
      assert.deepStrictEqual(policy(DENY.Statement, "2008-10-17"), []);
    });

    it("refuses each broken rule with its message", () => {
      const at = "permissionSet.inlinePolicy";
      assert.deepStrictEqual(policy([{ Effect: "Deny", Action: "*", Resource: "*" }], "2012-10-18"), [
        `${at}.Version: "2012-10-18" is not valid: expected "2012-10-17" (or "2008-10-17")`,
      ]);
      assert.deepStrictEqual(policy([]), [
        `${at}.Statement: is required: one statement or a non-empty list of them`,
      ]);
      assert.deepStrictEqual(
        policy([
          { Effect: "Deny", Action: "*", Resource: "*" },
          { Effect: "deny", Action: "*", Resource: "*" },
        ]),
        [`${at}.Statement[1].Effect: "deny" is not valid: expected "Allow" or "Deny"`],
      );
      assert.deepStrictEqual(policy({ Effect: "Deny", Action: "*", NotAction: "s3:*", Resource: "*" }), [
        `${at}.Statement: needs exactly one of Action and NotAction, not both`,
      ]);
      assert.deepStrictEqual(policy({ Effect: "Deny", Action: "*" }), [
        `${at}.Statement: needs exactly one of Resource and NotResource`,
      ]);
      assert.deepStrictEqual(policy({ Effect: "Deny", Action: "*", Resource: "*", Principal: "*" }), [
        `${at}.Statement.Principal: an identity policy has no Principal: it applies to whoever holds the permission set`,
      ]);
      assert.deepStrictEqual(
        policy([
          { Sid: "One", Effect: "Deny", Action: "*", Resource: "*" },
          { Sid: "One", Effect: "Deny", Action: "*", Resource: "*" },
        ]),
        [`${at}.Statement[1].Sid: "One" repeats ${at}.Statement[0].Sid; each Sid may appear once`],
      );
      assert.deepStrictEqual(policy({ Effect: "Deny", Action: "*", Resource: "*", Condition: "yes" }), [
        `${at}.Statement.Condition: "yes" is not an object of condition operators`,
      ]);
      assert.deepStrictEqual(problemsOf({ inlinePolicy: "Deny everything" }), [
        `${at}: "Deny everything" is not a policy document (an object with Version and Statement)`,
      ]);
    });

    it("a policy at each of AWS's size limits passes, one character over does not", () => {
      // 32,768 characters as JSON: padded with spaces inside a condition value, which only that limit counts.
      const padded = (length: number) => {
        const base = {
          Version: "2012-10-17",
          Statement: {
            Effect: "Deny",
            Action: "*",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalTag/team": "" } },
          },
        };
        const pad = " ".repeat(length - serializePolicy(base).length);
        base.Statement.Condition.StringEquals["aws:PrincipalTag/team"] = pad;
        assert.strictEqual(serializePolicy(base).length, length);
        return base;
      };
      assert.deepStrictEqual(problemsOf({ inlinePolicy: padded(32768) }), []);
      assert.deepStrictEqual(problemsOf({ inlinePolicy: padded(32769) }), [
        "permissionSet.inlinePolicy: is 32769 bytes as the provider sends it (<, > and & count 6 each); AWS allows at most 32768",
      ]);
      // The provider writes < as the six bytes \u003c: 32,765 characters with one < are 32,770 bytes.
      const angled = padded(32765);
      angled.Statement.Condition.StringEquals["aws:PrincipalTag/team"] = `<${" ".repeat(
        angled.Statement.Condition.StringEquals["aws:PrincipalTag/team"].length - 1,
      )}`;
      assert.deepStrictEqual(problemsOf({ inlinePolicy: angled }), [
        "permissionSet.inlinePolicy: is 32770 bytes as the provider sends it (<, > and & count 6 each); AWS allows at most 32768",
      ]);
      // 10,240 characters other than whitespace.
      const dense = (length: number) => {
        const base = { Version: "2012-10-17", Statement: { Effect: "Deny", Action: "s3:*", Resource: "" } };
        const arn = "arn:aws:s3:::";
        base.Statement.Resource = arn + "s".repeat(length - serializePolicy(base).length - arn.length);
        return base;
      };
      assert.deepStrictEqual(problemsOf({ inlinePolicy: dense(10240) }), []);
      assert.deepStrictEqual(problemsOf({ inlinePolicy: dense(10241) }), [
        "permissionSet.inlinePolicy: has 10241 characters other than whitespace; AWS allows at most 10240",
      ]);
    });

    it("customer-managed policies: names, paths, no duplicates, at most 20 policies with AdministratorAccess", () => {
      assert.deepStrictEqual(
        problemsOf({ customerManagedPolicies: [{ name: "Ops" }, { name: "Ops", path: "/" }] }),
        [
          'permissionSet.customerManagedPolicies[1]: "/Ops" repeats permissionSet.customerManagedPolicies[0]; each policy may appear once',
        ],
      );
      assert.deepStrictEqual(problemsOf({ customerManagedPolicies: [{ name: "Ops", path: "guardrails" }] }), [
        'permissionSet.customerManagedPolicies[0].path: "guardrails" is not valid: AWS allows a path that starts and ends with "/", such as / or /guardrails/, of ASCII letters, digits and .,+@=_-',
      ]);
      const policies = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `P${i}` }));
      assert.deepStrictEqual(problemsOf({ customerManagedPolicies: policies(9) }), []);
      assert.deepStrictEqual(problemsOf({ customerManagedPolicies: policies(10) }), [
        `permissionSet.customerManagedPolicies: 10 policies and AdministratorAccess make 11; IAM allows 10 managed policies per role by default, and each account's role from the set would exceed it. Raise the quota in every target account (Service Quotas, AWS Identity and Access Management (IAM), "Managed policies per role"), then set permissionSet.managedPolicyQuota to it`,
      ]);
      assert.deepStrictEqual(
        problemsOf({ customerManagedPolicies: policies(19), managedPolicyQuota: 20 }),
        [],
      );
      assert.match(
        problemsOf({ customerManagedPolicies: policies(15), managedPolicyQuota: 15 })[0],
        /make 16; IAM allows 15 managed policies per role \(permissionSet\.managedPolicyQuota\)/,
      );
      assert.match(problemsOf({ managedPolicyQuota: 25 })[0], /^permissionSet\.managedPolicyQuota: /);
      assert.match(problemsOf({ managedPolicyQuota: "20" })[0], /^permissionSet\.managedPolicyQuota: /);
      assert.deepStrictEqual(problemsOf({ customerManagedPolicies: policies(20), managedPolicyQuota: 20 }), [
        "permissionSet.customerManagedPolicies: 20 policies and AdministratorAccess make 21; a permission set may have at most 20 managed and customer-managed policies",
      ]);
      assert.deepStrictEqual(problemsOf({ customerManagedPolicies: [{ name: "Ops", pth: "/" }] }), [
        'permissionSet.customerManagedPolicies[0].pth: unknown key; did you mean "path"? Allowed here: name, path',
      ]);
    });

    it("a comma in a customer-managed policy's name or path is refused: its import ID is comma-separated", () => {
      assert.deepStrictEqual(problemsOf({ customerManagedPolicies: [{ name: "a,b", path: "/x,y/" }] }), [
        `permissionSet.customerManagedPolicies[0].name: "a,b" contains a comma; the provider's import ID joins name, path, set and instance with commas, so such an attachment could never be imported`,
        `permissionSet.customerManagedPolicies[0].path: "/x,y/" contains a comma; the provider's import ID joins name, path, set and instance with commas, so such an attachment could never be imported`,
      ]);
    });

    it("characters beyond Latin-1 are refused, escaped or not: the provider sends them raw", () => {
      const tagged = (team: string) => ({
        Version: "2012-10-17",
        Statement: {
          Effect: "Deny",
          Action: "s3:*",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalTag/team": team } },
        },
      });
      assert.deepStrictEqual(problemsOf({ inlinePolicy: tagged("ops\u4e2d") }), [
        'permissionSet.inlinePolicy.Statement.Condition.StringEquals.aws:PrincipalTag/team: contains "中" (U+4E2D), beyond Latin-1: AWS accepts only Latin-1 characters in an inline policy, escaped or not; remove it',
      ]);
      assert.deepStrictEqual(problemsOf({ inlinePolicy: tagged("café") }), []);
    });

    it("unknown actions and condition keys are refused with the nearest known spelling", () => {
      const policy = {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Deny",
            Action: ["cloudtrail:StopLoging", "cloudtrail:DeleteTrail"],
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalTagg/team": "x" } },
          },
        ],
      };
      const found = problemsOf({ inlinePolicy: policy });
      assert.strictEqual(found.length, 2, found.join("\n"));
      assert.match(
        found[0],
        /^permissionSet\.inlinePolicy\.Statement\[0\]\.Action\[0\]: .*did you mean cloudtrail:StopLogging\?/,
      );
      assert.match(
        found[1],
        /^permissionSet\.inlinePolicy\.Statement\[0\]\.Condition\.StringEquals\.aws:PrincipalTagg\/team: unknown condition key/,
      );
    });

    it("the boundary is exactly one of an AWS managed policy ARN and a customer-managed policy", () => {
      assert.deepStrictEqual(problemsOf({ permissionsBoundary: {} }), [
        "permissionSet.permissionsBoundary: needs exactly one of managedPolicyArn and customerManagedPolicy",
      ]);
      assert.deepStrictEqual(
        problemsOf({ permissionsBoundary: { managedPolicyArn: "arn:aws:iam::123456789012:policy/Mine" } }),
        [
          'permissionSet.permissionsBoundary.managedPolicyArn: "arn:aws:iam::123456789012:policy/Mine" is not valid: AWS allows an AWS managed policy ARN, arn:<partition>:iam::aws:policy/<name>',
        ],
      );
    });

    it("with an existing permission set, guardrails are errors: it is not managed here", () => {
      assert.deepStrictEqual(problemsOf({ existing: true, inlinePolicy: DENY }), [
        "permissionSet.inlinePolicy: has no effect with existing: true; the existing permission set is looked up, not managed",
      ]);
    });
  });
});
