// Issue #33: look-alikes across the diff and within it, by UTS #39 skeletons from current confusables data;
// group display names held to one script per word; markdown that GitHub cannot turn into mentions or links.
import * as assert from "assert";
import fc from "fast-check";
import { configProblems, validateConfig } from "../../components/config";
import { planAdminAccess } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import * as CONFUSABLES from "../../components/validation/confusables.json";
import { confusablePairs, skeleton } from "../../components/validation/names";
import { diffPlans } from "../../analysis/diff";
import { md, mdTable } from "../../scripts/render";
import { validArgs } from "../fixtures";

const ORG = {
  managementAccountId: "999999999999",
  accounts: ["111111111111", "012345678901"].map((id) => ({ id, name: id, state: "ACTIVE" })),
  organizationalUnits: {},
};
const planOf = (args: Record<string, unknown>) => {
  const spec = validateConfig(args);
  return planAdminAccess("aa", spec, resolveTargets(spec.targets, ORG));
};
const base = validArgs() as unknown as Record<string, unknown> & { admins: Record<string, unknown>[] };
const withAdmins = (edit: (a: Record<string, unknown>[]) => Record<string, unknown>[]) => ({
  ...base,
  admins: edit(structuredClone(base.admins)),
});
const changes = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  diffPlans(planOf(before), planOf(after), "origin/main").changes;

/**
 * What GitHub would make a mention or a link of, read from markdown as CommonMark does: code spans (a run of
 * n backticks closed by the next run of exactly n) are skipped, a backslash before ASCII punctuation is
 * dropped, and what is left must hold no `@`, `://`, `www.`, `#<digit>` or `GH-<digit>`. Stricter than GitHub, whose
 * mentions need a letter or digit after the `@` and whose autolinks need a valid domain.
 */
function linkable(markdown: string): string | undefined {
  let text = "";
  for (let i = 0; i < markdown.length;) {
    if (markdown[i] === "\\" && /[!-/:-@[-`{-~]/.test(markdown[i + 1] ?? "")) {
      text += markdown[i + 1];
      i += 2;
    } else if (markdown[i] === "`") {
      const run = /^`+/.exec(markdown.slice(i))![0];
      const close = new RegExp(`(?<!\`)${run}(?!\`)`, "g");
      close.lastIndex = i + run.length;
      const end = close.exec(markdown);
      if (end) i = end.index + run.length;
      else {
        text += run;
        i += run.length;
      }
    } else text += markdown[i++];
  }
  return /@|:\/\/|www\.|(?<![&\w])#\d|\bGH-\d/i.exec(text)?.[0];
}

describe("look-alikes by UTS #39 skeleton (#33)", () => {
  it("uses current confusables data, cited, in which the palochka ӏ is an l", () => {
    assert.strictEqual(CONFUSABLES.unicodeVersion, "18.0.0");
    assert.match(CONFUSABLES.source, /confusables\.txt 18\.0\.0/);
    // confusables.txt 18.0.0: 04CF ; 006C (CYRILLIC SMALL LETTER PALOCHKA → LATIN SMALL LETTER L); 0030 ; 004F.
    assert.strictEqual((CONFUSABLES.prototypes as Record<string, string>)["4CF"], "6C");
    assert.strictEqual((CONFUSABLES.prototypes as Record<string, string>)["30"], "4F");
    assert.strictEqual(skeleton("\u0430\u04cf\u0456\u0441\u0435"), skeleton("alice"));
    assert.strictEqual(skeleton("b0b"), skeleton("bob"));
    assert.strictEqual(skeleton("Platform Adm\u0456ns"), skeleton("Platform Admins"));
    assert.notStrictEqual(skeleton("alice"), skeleton("alise"));
    assert.deepStrictEqual(confusablePairs(["alice", "\u0430\u04cf\u0456\u0441\u0435"]), [
      ["alice", "\u0430\u04cf\u0456\u0441\u0435"],
    ]);
  });

  it("skeleton(x) is stable: the skeleton of a skeleton is itself", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 12 }), (x) => {
        const once = skeleton(x);
        return skeleton(once) === once;
      }),
      { seed: 33, numRuns: 5000 },
    );
    // Every character of the data, and its upper and lower case.
    const chars = Object.keys(CONFUSABLES.prototypes).map((h) => String.fromCodePoint(parseInt(h, 16)));
    for (const c of chars.flatMap((c) => [c, c.toUpperCase(), c.toLowerCase()])) {
      assert.strictEqual(skeleton(skeleton(c)), skeleton(c), c);
    }
  });

  it("compares new names with the other side: b0b replacing bob, аӏісе beside alice", () => {
    const renamed = changes(
      base,
      withAdmins((l) => l.map((a) => (a.userName === "bob" ? { ...a, userName: "b0b" } : a))),
    );
    const bob = renamed.find((c) => c.path === "admins[b0b].userName");
    assert.strictEqual(bob?.severity, "critical");
    assert.strictEqual(bob?.old, "bob");
    assert.match(bob?.why ?? "", /reads the same as "bob" \(admins\[bob\]\.userName, before this change\)/);
    const cyrillic = "\u0430\u04cf\u0456\u0441\u0435";
    const added = changes(
      base,
      withAdmins((l) => [
        ...l,
        { userName: cyrillic, email: "x@example.com", givenName: "X", familyName: "Y" },
      ]),
    );
    assert.ok(
      added.some(
        (c) => c.path === `admins[${cyrillic}].userName` && c.severity === "critical" && c.old === "alice",
      ),
      JSON.stringify(added),
    );
    // Names that were there before, and stay, are not said again.
    const both = withAdmins((l) => [...l, { userName: cyrillic, existing: true }]);
    const later = { ...both, permissionSet: { ...(base.permissionSet as object), description: "x" } };
    assert.deepStrictEqual(
      changes(both, later).filter((c) => /reads the same/.test(c.why)),
      [],
    );
  });

  it("refuses a group display name with a word of mixed scripts, not one of two scripts' words", () => {
    const group = (displayName: string) => configProblems({ ...base, group: { displayName } });
    const [problem] = group("Platform Adm\u0456ns");
    assert.match(problem, /^group\.displayName: "Platform Adm\u0456ns": the word "Adm\u0456ns" mixes the /);
    assert.match(problem, /і U\+0456/);
    assert.deepStrictEqual(group("Админы Platform"), []);
    assert.deepStrictEqual(group("Platform Admins"), []);
  });
});

describe("markdown cannot make mentions or links (#33)", () => {
  it("shows @org/team, @user, emails, URLs and issue references as code", () => {
    const cases: [string, string][] = [
      ["ping @org/team now", "ping `@org/team` now"],
      ["@user", "`@user`"],
      ["see https://evil.example/x", "see `https://evil.example/x`"],
      ["www.evil.example", "`www.evil.example`"],
      ["mail a@b.example", "mail `a@b.example`"],
      ["fixes #12", "fixes `#12`"],
      ["see gh-7", "see `gh-7`"],
      ["`@x`|y", "`` `@x`\\|y ``"],
      ["&#97;lice", "\\&\\#97;lice"],
    ];
    for (const [input, output] of cases) assert.strictEqual(md(input), output, input);
    for (const [input] of cases) assert.strictEqual(linkable(md(input)), undefined, input);
    assert.strictEqual(linkable("@user"), "@");
    assert.strictEqual(linkable("\\@user"), "@");
  });

  it("no string rendered into markdown produces a mention or an autolink", () => {
    const piece = fc.constantFrom(
      "@",
      "@org/team",
      "://",
      "http://x.y",
      "www.",
      "WWW.",
      "#1",
      "GH-2",
      "`",
      "``",
      "\\",
      "|",
      " ",
      "a",
      "&",
      "mailto:",
    );
    const value = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.array(fc.oneof(piece, fc.string({ maxLength: 3 })), { maxLength: 12 }).map((p) => p.join("")),
    );
    fc.assert(
      fc.property(value, (s) => {
        assert.strictEqual(linkable(md(s)), undefined, md(s));
        for (const row of mdTable(["h"], [[s]])) assert.strictEqual(linkable(row), undefined, row);
      }),
      { seed: 33, numRuns: 5000 },
    );
  });
});
