import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { asProviderSends, policyBytes } from "../../../components/iam/policySize";
import { serializePolicy } from "../../../components/policy";

const policy = (condition: Record<string, string>) =>
  serializePolicy({
    Version: "2012-10-17",
    Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { StringLike: condition } }],
  });

/** Documents whose re-encoding differs from the text the program sends. */
const SAMPLES = [
  policy({ "aws:PrincipalTag/team": "<ops> & <dev>" }),
  policy({ "aws:PrincipalTag/team": "中文 ü \u2028 \u2029 \u007f" }),
  policy({
    "aws:PrincipalTag/z": "1",
    "aws:PrincipalTag/a": "2",
    "aws:PrincipalTag/\u00e9": "3",
    "aws:PrincipalTag/😀": "4",
  }),
  '{"a":"\\ud800","b":[1.0,-0,1e21,1e-7,0.000001,123456789012345678901,1.5e300,true,null],"c":"\\b\\f\\n\\r\\t\\u0001\\"\\\\/"}',
];

describe("an inline policy as the provider sends it (policySize.ts)", () => {
  it("undoes the program's escapes and writes <, > and & as six-byte escapes", () => {
    const sent = policy({ "aws:PrincipalTag/team": "中 <a&b>" });
    assert.ok(sent.includes("\\u4e2d"), "the program escapes beyond Latin-1");
    const provider = asProviderSends(sent);
    assert.ok(provider.includes('"中 \\u003ca\\u0026b\\u003e"'), provider);
    // 中 is 3 bytes instead of a 6-byte escape; <, &, > are 6 bytes instead of 1 each.
    assert.strictEqual(policyBytes(sent), Buffer.byteLength(sent) - 3 + 3 * 5);
  });

  it("is what Go's json.Unmarshal and json.Marshal make of it, byte for byte", function () {
    this.timeout(120000);
    if (spawnSync("go", ["version"]).status !== 0) {
      if (process.env.CI === "true")
        throw new Error("Go is needed in CI to check the provider's JSON re-encoding");
      this.skip(); // Go is not installed: the re-encoding is checked against Go in CI.
    }
    const run = spawnSync("go", ["run", path.join(__dirname, "normalize_json.go")], {
      input: JSON.stringify(SAMPLES),
      encoding: "utf8",
    });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.deepStrictEqual(SAMPLES.map(asProviderSends), JSON.parse(run.stdout));
  });
});
