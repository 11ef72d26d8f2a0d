// Issue #37: drift's reasons for a target that moved, on generated selectors and tags: an ACTIVE account
// holding a grant is said to fail accountTags exactly when it fails a condition, and every condition it fails
// is named with the value it carries now; no reason claims a change drift cannot see.
import * as assert from "assert";
import fc from "fast-check";
import { validateConfig } from "../../components/config";
import { AdminAccessComponentArgs } from "../../components/adminAccess";
import { newTargetReason, strayReason, tagValue } from "../../analysis/driftTargets";
import { validArgs } from "../fixtures";

const KEYS = ["env", "team", "cost-center"];
const VALUES = ["prod", "staging", "dev", ""];
const ID = "210987654321";

describe("drift's reasons for tags (#37)", () => {
  it("a grant fails accountTags exactly when its tags fail a condition, each failure named as it is now", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...KEYS),
          fc.uniqueArray(fc.constantFrom(...VALUES.filter(Boolean)), { minLength: 1, maxLength: 3 }),
          { minKeys: 1, maxKeys: 3 },
        ),
        fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 }),
        (selector, tags) => {
          const spec = validateConfig(
            validArgs({
              accounts: ["012345678901"],
              accountTags: selector,
            } as Partial<AdminAccessComponentArgs>),
          );
          const account = { id: ID, name: "Workloads Dev", state: "ACTIVE", tags };
          const reason = strayReason(spec.targets, ID, [account], [], new Set());
          // The oracle: each key's value, read directly.
          const failures = Object.entries(selector).flatMap(([key, values]) =>
            !(key in tags)
              ? [`${key} is not set`]
              : values.includes(tags[key])
                ? []
                : [`${key} is ${tagValue(tags[key])}`],
          );
          const hint = "no selector includes it (moved out of an OU, renamed, left, or granted by hand?)";
          if (failures.length === 0) assert.strictEqual(reason, hint);
          else
            assert.strictEqual(reason, `${hint}: its tags do not match accountTags (${failures.join(", ")})`);
          const selected = newTargetReason(spec.targets, { accountId: ID, selectedBy: ["accountTags"] }, [
            account,
          ]);
          if (failures.length === 0)
            assert.strictEqual(
              selected,
              `selected by accountTags (${Object.keys(selector)
                .map((k) => `${k}=${tagValue(tags[k])}`)
                .join(", ")})`,
            );
        },
      ),
      { seed: 3737, numRuns: 2000 },
    );
    assert.deepStrictEqual(["prod", "", "a b"].map(tagValue), ["prod", '""', '"a b"']);
  });

  it("a name's other account is named only where it holds no grant, as a fact, never as a rename", () => {
    const spec = validateConfig(
      validArgs({ accounts: [], accountNames: ["Prod"] } as Partial<AdminAccessComponentArgs>),
    );
    const accounts = [
      { id: ID, name: "Prod (old)", state: "ACTIVE" },
      { id: "333333333333", name: "Prod", state: "ACTIVE" },
    ];
    const selected = [{ accountId: "333333333333", selectedBy: ["accountNames:Prod"] }];
    assert.strictEqual(
      strayReason(spec.targets, ID, accounts, selected, new Set([ID])),
      "no selector includes it (moved out of an OU, renamed, left, or granted by hand?): " +
        'its name "Prod (old)" is not in accountNames; accountNames "Prod" names 333333333333, which holds no grant',
    );
    // The name's account holds its grant: this stray is another story (an OU, a hand-made grant).
    assert.strictEqual(
      strayReason(spec.targets, ID, accounts, selected, new Set([ID, "333333333333"])),
      "no selector includes it (moved out of an OU, renamed, left, or granted by hand?): " +
        'its name "Prod (old)" is not in accountNames',
    );
  });
});
