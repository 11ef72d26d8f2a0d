// Generated hostile input (fast-check, seeded): arbitrary JSON and YAML values, keys named like
// Object.prototype members among them, through the stack file reader, configProblems and the plan. None may
// throw; every problem names where it is (a config path, a stack key or a line).
import * as assert from "assert";
import fc from "fast-check";
import { AdminAccessConfigError, CONFIG_KEYS, configProblems, visible } from "../../components/config";
import { planAdminAccess } from "../../components/plan";
import { engineConfig } from "../../components/stackConfig";
import { resolveTargets } from "../../components/targets";
import { checkStackText } from "../../scripts/stackFile";
import { project } from "../fixtures";
import { config, json, PROTOTYPE_KEYS, yaml } from "../hostile";
import type { Tree } from "../hostile";

const ROOT = `${__dirname}/../..`;
const SEED = 34;

/** Does a problem say where it is: a config path, a stack key, a line, or the file as a whole? */
function namesAPlace(problem: string, topKeys: string[]): boolean {
  const paths = ["config", ...CONFIG_KEYS, ...topKeys.map(visible)];
  if (paths.some((p) => problem.startsWith(p) && /^[.[:]/.test(problem.slice(p.length)))) return true;
  return /^(line \d+|invalid YAML: .*line \d+|admin-access:|Stack '[^']*' (is missing|with configuration key)|could not parse|the document's aliases|the stack file)/.test(
    problem,
  );
}

const stackFile = (t: { entries: [string, Tree][] }): string =>
  [
    "config:",
    "  aws:region: eu-west-1",
    ...[...new Map(t.entries)].map(([k, v]) => `  ${JSON.stringify(`admin-access:${k}`)}: ${yaml(v)}`),
    "",
  ].join("\n");

describe("hostile input, generated", () => {
  it("configProblems never throws on arbitrary JSON, and every problem names its path", () => {
    fc.assert(
      fc.property(config, (c) => {
        const raw: unknown = JSON.parse(json(c));
        const problems = configProblems(raw);
        const top = Object.keys(raw as object);
        for (const p of problems) assert.ok(namesAPlace(p, top), `no path in: ${p}`);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it("the stack reader, validation and the plan never throw on arbitrary YAML; every problem names a place", () => {
    fc.assert(
      fc.property(config, (c) => {
        const text = stackFile(c);
        const engine = engineConfig(project(), text, "dev");
        for (const p of engine.problems) assert.ok(namesAPlace(p, []), `no place in: ${p}\n${text}`);
        const checked = checkStackText(ROOT, "dev", text);
        const top = [...new Map(c.entries).keys()];
        for (const p of checked.problems) assert.ok(namesAPlace(p, top), `no place in: ${p}\n${text}`);
        if (!checked.spec) return;
        try {
          const org = { managementAccountId: "999999999999", accounts: [], organizationalUnits: {} };
          planAdminAccess("admin-access", checked.spec, resolveTargets(checked.spec.targets, org));
        } catch (err) {
          // A plan may refuse what only the organization shows (an unknown account name), never crash.
          assert.ok(err instanceof AdminAccessConfigError, String(err));
        }
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it("a prototype-named key written anywhere reaches validation as the key it is", () => {
    for (const key of PROTOTYPE_KEYS) {
      const text = [
        "config:",
        "  admin-access:group: {displayName: Admins}",
        `  admin-access:admins: [{userName: ${key}, existing: true}]`,
        `  admin-access:accounts: ['012345678901']`,
        `  admin-access:permissionSet: {tags: {${key === "__proto__" ? "owner" : key}: x}}`,
        "",
      ].join("\n");
      const checked = checkStackText(ROOT, "dev", text);
      assert.deepStrictEqual(checked.problems, [], key);
      assert.strictEqual(checked.spec?.admins[0].userName, key);
      if (key !== "__proto__")
        assert.deepStrictEqual({ ...checked.spec?.permissionSet.tags }, { [key]: "x" });
    }
  });

  it("__proto__ as a key of the program, a section or a tag is reported at its path, never ignored", () => {
    const text = [
      "config:",
      "  admin-access:group: {displayName: Admins, __proto__: x}",
      "  admin-access:admins: [{userName: alice, existing: true, __proto__: {existing: false}}]",
      "  admin-access:accounts: ['012345678901']",
      "  admin-access:__proto__: {allAccounts: true}",
      "  admin-access:permissionSet: {tags: {__proto__: x, constructor: y}}",
      "",
    ].join("\n");
    const problems = checkStackText(ROOT, "dev", text).problems;
    assert.deepStrictEqual(
      problems.map((p) => p.split(":")[0]).sort(),
      ["__proto__", "admins[0].__proto__", "group.__proto__", "permissionSet.tags.__proto__"],
      problems.join("\n"),
    );
    assert.match(
      problems.find((p) => p.startsWith("permissionSet")) ?? "",
      /the Pulumi SDK drops a key of that name, so AWS would never get the tag$/,
    );
  });
});
