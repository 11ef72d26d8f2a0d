// Condition operators and Resource ARNs as AWS's policy grammar allows them, held to independent lists: the
// operators @cloud-copilot/iam-simulate implements and the partitions of the AWS SDK's endpoint rules.
import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { configProblems } from "../../../components/config";
import { CONDITION_OPERATORS, isConditionOperator, PARTITIONS } from "../../../components/iam/grammar";
import { validArgs } from "../../fixtures";

const inlineProblems = (statement: Record<string, unknown>): string[] =>
  configProblems(
    validArgs({
      permissionSet: {
        inlinePolicy: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*", ...statement }],
        },
      },
    }),
  );

describe("the policy grammar", () => {
  it("knows the condition operators iam-simulate implements, and Null", () => {
    const dist = path.join(path.dirname(require.resolve("@cloud-copilot/iam-simulate")), "condition");
    const implemented = readdirSync(dist, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(path.join(dist, d.name)))
      .filter((f) => /^[A-Z]\w+\.js$/.test(f))
      .map((f) => f.slice(0, -3))
      .sort();
    assert.deepStrictEqual([...CONDITION_OPERATORS].sort(), implemented);
    assert.ok(isConditionOperator("Null"));
  });

  it("knows the partitions of the AWS SDK's endpoint rules", () => {
    const core = path.dirname(require.resolve("@aws-sdk/core/package.json"));
    const text = readFileSync(
      path.join(core, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"),
      "utf8",
    );
    const ids = [...text.matchAll(/^ {12}"id": "([^"]+)"/gm)].map((m) => m[1]);
    assert.ok(ids.length >= 8, String(ids));
    assert.deepStrictEqual([...PARTITIONS].sort(), ids.sort());
  });

  it("accepts every operator with IfExists and either set qualifier, and Null", () => {
    for (const base of CONDITION_OPERATORS) {
      for (const written of [
        base,
        `${base}IfExists`,
        `ForAllValues:${base}`,
        `ForAnyValue:${base}IfExists`,
      ]) {
        assert.deepStrictEqual(
          inlineProblems({ Condition: { [written]: { "aws:PrincipalTag/team": "x" } } }),
          [],
        );
      }
    }
    assert.deepStrictEqual(inlineProblems({ Condition: { Null: { "aws:PrincipalTag/team": "true" } } }), []);
  });

  it("refuses an unknown operator, NullIfExists and an unknown qualifier at their paths as written", () => {
    const at = "permissionSet.inlinePolicy.Statement[0].Condition";
    for (const written of [
      "NotAnOperator",
      "NullIfExists",
      "ForSomeValues:StringEquals",
      "StringEqual",
      "IfExists",
    ]) {
      const problems = inlineProblems({ Condition: { [written]: { "aws:PrincipalTag/team": "x" } } });
      assert.strictEqual(problems.length, 1, problems.join("\n"));
      assert.match(
        problems[0],
        new RegExp(
          `^${at.replace(/[.[\]]/g, "\\$&")}\\.${written}: unknown condition operator; AWS's are StringEquals, `,
        ),
      );
    }
    assert.deepStrictEqual(inlineProblems({ Condition: { StringEquals: "x" } }), [
      `${at}.StringEquals: "x" is not an object of condition keys and their values`,
    ]);
  });

  it("a Resource is * or an ARN of one of AWS's partitions", () => {
    for (const ok of [
      "*",
      "arn:aws:s3:::bucket/*",
      "arn:aws-cn:s3:::bucket",
      "arn:aws-us-gov:iam::123456789012:role/x",
      "arn:aws-iso-b:s3:::b",
      "arn:aws-eusc:s3:::b",
      "arn:*:s3:::b",
      "arn:aws:s3:::b/${aws:username}/*",
      "arn:aws:iam::*:role/a:b",
    ]) {
      assert.deepStrictEqual(inlineProblems({ Resource: ok }), [], ok);
      assert.deepStrictEqual(inlineProblems({ Resource: undefined, NotResource: [ok] }), [], ok);
    }
    const at = "permissionSet.inlinePolicy.Statement[0]";
    assert.deepStrictEqual(inlineProblems({ Resource: ["*", "bucket", "arn:aws:s3", "arn:aws-xx:s3:::b"] }), [
      `${at}.Resource[1]: "bucket" is not "*" or an ARN (arn:<partition>:<service>:<region>:<account>:<resource>), which AWS requires`,
      `${at}.Resource[2]: "arn:aws:s3" is not "*" or an ARN (arn:<partition>:<service>:<region>:<account>:<resource>), which AWS requires`,
      `${at}.Resource[3]: "arn:aws-xx:s3:::b" names the partition "aws-xx", which is none of AWS's: ${PARTITIONS.join(", ")}`,
    ]);
    assert.deepStrictEqual(inlineProblems({ Resource: undefined, NotResource: "s3" }), [
      `${at}.NotResource: "s3" is not "*" or an ARN (arn:<partition>:<service>:<region>:<account>:<resource>), which AWS requires`,
    ]);
  });
});
