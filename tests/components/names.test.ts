// Issue #22: names shown as they are. Every look-alike of an admin's name is refused by validation or warned
// about in the plan; markdown and CSV show what the config holds.
import * as assert from "assert";
import { configProblems, validateConfig } from "../../components/config";
import { planAdminAccess } from "../../components/plan";
import { resolveTargets } from "../../components/targets";
import { confusablePairs, mixedScripts, nameProblem, skeleton } from "../../components/validation/names";
import { lookalikes } from "../../scripts/planReport/report";
import { csv, md, mdTable, term } from "../../scripts/render";
import { validArgs } from "../fixtures";

const newAdmin = (userName: string, extra: Record<string, unknown> = {}) => ({
  userName,
  email: "x@example.com",
  givenName: "X",
  familyName: "Y",
  ...extra,
});

/** Look-alikes of "alice" (and of another admin), each refused by validation or warned about in the plan. */
const LOOKALIKES: [string, string][] = [
  ["Cyrillic а", "\u0430lice"],
  ["Cyrillic е", "alic\u0435"],
  ["Cyrillic і", "al\u0456ce"],
  ["Cyrillic с", "ali\u0441e"],
  ["Greek ο in bob", "b\u03bfb"],
  ["Greek α", "\u03b1lice"],
  ["combining grapheme joiner U+034F", "alice\u034f"],
  ["Hangul filler U+3164", "al\u3164ice"],
  ["Hangul choseong filler U+115F", "\u115falice"],
  ["Hangul jungseong filler U+1160", "alice\u1160"],
  ["halfwidth Hangul filler U+FFA0", "ali\uffa0ce"],
  ["braille blank U+2800", "ali\u2800ce"],
  ["variation selector U+FE00", "alice\ufe00"],
  ["variation selector U+FE0F", "a\ufe0flice"],
  ["zero-width space U+200B", "al\u200bice"],
  ["zero-width non-joiner U+200C", "al\u200cice"],
  ["zero-width joiner U+200D", "al\u200dice"],
  ["left-to-right mark U+200E", "alice\u200e"],
  ["right-to-left mark U+200F", "alice\u200f"],
  ["word joiner U+2060", "ali\u2060ce"],
  ["invisible times U+2062", "ali\u2062ce"],
  ["invisible plus U+2064", "ali\u2064ce"],
  ["byte order mark U+FEFF", "\ufeffalice"],
  ["right-to-left override U+202E", "ecila\u202e"],
  ["first strong isolate U+2068", "\u2068alice"],
  ["Mongolian free variation selector U+180B", "alice\u180b"],
  ["NFD é (e + U+0301) against NFC é", "jos\u0065\u0301"],
  ["NFD Å (A + U+030A)", "\u0041\u030Asa"],
  ["Latin with a Cyrillic homoglyph in the email", "alice"],
  ["upper-case twin", "Alice"],
  ["digit one for l", "a1ice"],
  ["rn for m", "rnallory"],
  ["fullwidth ａ", "\uff41lice"],
  ["mathematical bold a", "\ud835\udc1alice"],
];

/** Refused by validation (as userName, or as the email), or warned about next to the admins alice and mallory. */
function caught(name: string, label: string): string | undefined {
  const email = label.includes("email") ? "\u0430lice@example.com" : "x@example.com";
  const args = validArgs({
    admins: [newAdmin("alice"), newAdmin("mallory", { email: "m@example.com" }), newAdmin(name, { email })],
  });
  const problems = configProblems(args);
  if (problems.length > 0) return problems.join("; ");
  const spec = validateConfig(args);
  const warnings = lookalikes(
    planAdminAccess("aa", spec, resolveTargets(spec.targets, { organizationalUnits: {} })),
  );
  return warnings.length > 0 ? warnings.join("; ") : undefined;
}

describe("names shown as they are (issue #22)", () => {
  it(`refuses or warns about all ${LOOKALIKES.length} look-alike names`, () => {
    assert.ok(LOOKALIKES.length >= 30);
    const missed = LOOKALIKES.filter(([label, name]) => caught(name, label) === undefined).map(([l]) => l);
    assert.deepStrictEqual(missed, []);
  });

  it("says why, with the code point, and accepts names written in one script", () => {
    assert.match(
      nameProblem("\u0430lice", true) ?? "",
      /mixes the (Cyrillic and Latin|Latin and Cyrillic) scripts \(а U\+0430\)/,
    );
    assert.match(
      nameProblem("alice\u034f", false) ?? "",
      /contains U\+034F, an invisible or blank character/,
    );
    assert.match(nameProblem("jose\u0301", false) ?? "", /not in Unicode normalization form NFC/);
    for (const ok of [
      "alice",
      "José",
      "田中たなか",
      "김민수",
      "Παναγιώτης",
      "Дмитрий",
      "o'brien-smith",
      "a.b_c@d-e.example",
    ])
      assert.strictEqual(nameProblem(ok.normalize("NFC"), true), undefined, ok);
    // Mixed scripts are refused only where a name identifies someone: a description may quote any script.
    assert.strictEqual(nameProblem("Admins Админы", false), undefined);
    assert.deepStrictEqual(mixedScripts("paypal"), undefined);
  });

  it("refuses look-alikes in every name the config holds, not only userName", () => {
    const problems = [
      ...configProblems(
        validArgs({
          permissionSet: { name: "Admin\u3164", description: "x\u2800", tags: { team: "b\u200b" } },
          group: { displayName: "Platform\u115fAdmins", description: "e\u0301" },
          admins: [newAdmin("alice", { displayName: "Al\u034fice", email: "al\u0456ce@example.com" })],
        }),
      ),
      // A tag key on its own: a refused tag value stops the keys' check.
      ...configProblems(validArgs({ permissionSet: { tags: { "own\u034fer": "a" } } })),
    ];
    for (const path of [
      "permissionSet.name",
      "permissionSet.description",
      "permissionSet.tags.own\\u034fer",
      "permissionSet.tags.team",
      "group.displayName",
      "group.description",
      "admins[0].displayName",
      "admins[0].email",
    ])
      assert.ok(
        problems.some((p) => p.startsWith(path)),
        `${path} in ${problems.join("\n")}`,
      );
  });

  it("finds confusable pairs by TR39 skeleton, with existing identity-store users too", () => {
    assert.strictEqual(skeleton("\u0430lice"), skeleton("alice"));
    assert.deepStrictEqual(confusablePairs(["alice", "bob", "a1ice"]), [["alice", "a1ice"]]);
    assert.deepStrictEqual(confusablePairs(["rnallory"], ["mallory"]), [["mallory", "rnallory"]]);
    assert.deepStrictEqual(confusablePairs(["alice", "bob", "carol"], ["dave"]), []);
  });
});

describe("renderers show what the config holds (issue #22)", () => {
  it("markdown escapes entities, HTML, table pipes, code and leading block syntax", () => {
    const cases: [string, string][] = [
      ["&#97;lice", "\\&\\#97;lice"],
      ["&amp;", "\\&amp;"],
      ["<img src=x>", "\\<img src=x\\>"],
      ["a|b", "a\\|b"],
      ["`rm -rf`", "\\`rm -rf\\`"],
      ["# Approved", "\\# Approved"],
      ["- [x] reviewed", "\\- \\[x\\] reviewed"],
      ["> quoted", "\\> quoted"],
      ["+ item", "\\+ item"],
      ["1. first", "1\\. first"],
      ["alice\u200b", "alice\\\\u200b"],
      ["al\u3164ice", "al\\\\u3164ice"],
    ];
    for (const [input, output] of cases) assert.strictEqual(md(input), output, input);
    assert.deepStrictEqual(mdTable(["a"], [["x|y"]]), ["| a |", "| --- |", "| x\\|y |"]);
  });

  it("CSV neutralizes formula cells (=, +, -, @), escapes TAB, CR and hidden characters as text does, and quotes separators", () => {
    assert.strictEqual(
      csv(["v"], [['=HYPERLINK("x")'], ["+1"], ["-1"], ["@SUM(A1)"], ["\tx"], ["\rx"], ["a,b"], ["ok"]]),
      'v\r\n"\'=HYPERLINK(""x"")"\r\n\'+1\r\n\'-1\r\n\'@SUM(A1)\r\n\\u0009x\r\n\\u000dx\r\n"a,b"\r\nok\r\n',
    );
    // A bidi override or a zero-width space would reorder or hide a cell; the text output escapes them too.
    for (const hidden of ["\u202e", "\u200b", "\u2066", "\u00a0", "\u001b", "\n"]) {
      assert.strictEqual(csv(["v"], [[`a${hidden}b`]]), `v\r\n${term(`a${hidden}b`)}\r\n`);
      assert.notStrictEqual(term(`a${hidden}b`), `a${hidden}b`);
    }
  });
});
