// Red team (#37): the review's accountTags rule against set semantics. Whenever the new selector reaches an
// account the old one did not (on any generated organization), the rule must report a widening; whenever
// it reports only narrowing, no account may be gained.
import * as assert from "assert";
import fc from "fast-check";
import { RULES } from "../../analysis/review/rules";
import { matchesTags } from "../../components/targets";

const keys = fc.constantFrom("env", "team", "tier");
const values = fc.constantFrom("prod", "dev", "", "payments");
const selector = fc.dictionary(keys, fc.uniqueArray(values, { minLength: 1, maxLength: 3 }), { maxKeys: 3 });
const org = fc.array(fc.dictionary(keys, values, { maxKeys: 3 }), { maxLength: 12 });
const plan = (accountTags: Record<string, string[]>) => ({
  spec: { targets: { accountTags } },
  assignments: [],
});
const picks = (tags: Record<string, string>[], sel: Record<string, string[]>) =>
  tags.map((t, i) => (Object.keys(sel).length > 0 && matchesTags(t, sel) ? i : -1)).filter((i) => i >= 0);

describe("accountTags review direction against set semantics (red team, issue 37)", () => {
  it("a gained account always comes with a widen finding", () => {
    fc.assert(
      fc.property(selector, selector, org, (was, now, accounts) => {
        const found = RULES.accountTags.compare({
          before: plan(was),
          after: plan(now),
          ctx: { orgKnown: true },
        } as never);
        const before = new Set(picks(accounts, was));
        const gained = picks(accounts, now).filter((i) => !before.has(i));
        if (gained.length > 0)
          assert.ok(
            found.some((f) => f.direction === "widen"),
            JSON.stringify({ was, now, found }),
          );
      }),
      { seed: 37, numRuns: 20000 },
    );
  });
});
