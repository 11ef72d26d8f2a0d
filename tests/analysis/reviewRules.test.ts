// Issue #33: every key and nested field the validator accepts has a review rule, with a severity and a why
// for widening, narrowing and neutral changes. The paths come from the config's zod shape itself, so a key
// added to the validator without a rule fails here.
import * as assert from "assert";
import { z } from "zod";
import { configShape } from "../../components/validation/shape";
import { POLICY_KEYS, STATEMENT_KEYS } from "../../components/policy";
import { CONFIG_KEYS } from "../../components/validation/keys";
import { RULES } from "../../analysis/review/rules";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
};
const def = (t: z.ZodType) => (t as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional, default and pipe (refinements keep their type). */
function bare(t: z.ZodType): { type: z.ZodType; optional: boolean } {
  let optional = false;
  for (;;) {
    const d = def(t);
    if (d.type === "optional" || d.type === "default" || d.type === "nullable") {
      optional ||= d.type !== "nullable";
      t = d.innerType as z.ZodType;
    } else if (d.type === "pipe") t = d.in as z.ZodType;
    else return { type: t, optional };
  }
}

/**
 * Every path the validator accepts: each leaf, and each optional section with a required field (its presence
 * is a setting of its own, e.g. orgEvents). The inline policy is `unknown` to zod: its grammar is policy.ts's.
 */
function paths(shape: Record<string, z.ZodType>, at = ""): string[] {
  return Object.entries(shape).flatMap(([key, schema]) => {
    const path = at ? `${at}.${key}` : key;
    const { type, optional } = bare(schema);
    const d = def(type);
    if (path === "permissionSet.inlinePolicy") {
      return [
        ...POLICY_KEYS.filter((k) => k !== "Statement").map((k) => `${path}.${k}`),
        ...STATEMENT_KEYS.map((k) => `${path}.Statement[].${k}`),
      ];
    }
    if (d.type === "array" && def(bare(d.element as z.ZodType).type).type === "object") {
      return paths(def(bare(d.element as z.ZodType).type).shape ?? {}, `${path}[]`);
    }
    if (d.type !== "object") return [path];
    const inner = d.shape ?? {};
    const required = Object.values(inner).some((s) => !bare(s).optional);
    return [...(optional && required ? [path] : []), ...paths(inner, path)];
  });
}

/** The rule for a path: its own, or one above it that reads the whole subtree. */
function ruleFor(path: string) {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const at = parts.slice(0, n).join(".");
    const rule = RULES[at] ?? RULES[at.replace(/\[\]$/, "")];
    if (rule && (n === parts.length || rule.subtree)) return rule;
  }
  return undefined;
}

describe("the review's rules, keyed by config path (#33)", () => {
  const walked = paths(configShape);

  it("walks every top-level config key and nested field", () => {
    assert.deepStrictEqual(
      [...new Set(walked.map((p) => p.split(/[.[]/)[0]))].sort(),
      [...CONFIG_KEYS].sort(),
    );
    for (const p of [
      "orgEvents",
      "orgEvents.tokenSecretArn",
      "admins[].address.country",
      "permissionSet.permissionsBoundary.customerManagedPolicy.path",
      "permissionSet.inlinePolicy.Statement[].Sid",
      "managementPermissionSet.tags",
      "protect",
    ])
      assert.ok(walked.includes(p), p);
  });

  it("has a rule for each, with a severity and a why for every direction", () => {
    const missing = walked.filter((p) => !ruleFor(p));
    assert.deepStrictEqual(missing, []);
    for (const [path, rule] of Object.entries(RULES)) {
      for (const d of ["widen", "narrow", "neutral"] as const) {
        assert.ok(["critical", "high", "info"].includes(rule.severity[d]), `${path} ${d}`);
        assert.ok(rule.why[d].length > 0, `${path} ${d}`);
      }
    }
  });

  it("a rule covers a nested field only when it says it reads the whole subtree", () => {
    assert.strictEqual(ruleFor("permissionSet.tags"), RULES["permissionSet.tags"]);
    assert.strictEqual(
      ruleFor("permissionSet.inlinePolicy.Statement[].Condition"),
      RULES["permissionSet.inlinePolicy.Statement"],
    );
    assert.strictEqual(ruleFor("orgEvents.unknownField"), undefined);
  });
});
