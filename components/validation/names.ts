// Names shown as they are (Unicode TR39, "Unicode Security Mechanisms"): a name, email, display name,
// description or tag must read as what it is. Refused: default-ignorable and blank code points (a filler or
// joiner makes "alice" + U+034F another user who reads as alice), strings not in NFC (the same letters as
// another name, other bytes), and in userName and email a mix of scripts (TR39's "single script" restriction
// level: one script plus Common and Inherited, so a Cyrillic а cannot pass for a Latin a), and in a group's
// display name a word that mixes them. Confusable names that each pass are warned about, by TR39 skeleton.
import { z } from "zod";
import * as CONFUSABLES from "./confusables.json";
import { show } from "../values";

/**
 * Invisible: default-ignorable code points (U+034F, the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0,
 * variation selectors, U+200B–U+200F, U+2060–U+206F, U+FEFF, the bidi controls) and the blank braille
 * pattern U+2800, which render as nothing. Spaces other than U+0020, which AWS accepts, are shown escaped
 * wherever a value is printed (components/values.ts visible()).
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const codePoint = (c: string) =>
  `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;

/** Every script an ECMAScript RegExp names (Unicode 17, Node 20's ICU), Common and Inherited aside. */
const SCRIPTS = (
  "Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Beria_Erfe " +
  "Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham " +
  "Cherokee Chorasmian Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra " +
  "Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Garay Georgian Glagolitic Gothic Grantha Greek " +
  "Gujarati Gunjala_Gondi Gurmukhi Gurung_Khema Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana " +
  "Imperial_Aramaic Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi " +
  "Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A " +
  "Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin " +
  "Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar " +
  "Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Ol_Onal " +
  "Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic " +
  "Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi " +
  "Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham Sidetic SignWriting Sinhala Sogdian Sora_Sompeng " +
  "Soyombo Sundanese Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Tai_Yo Takri Tamil " +
  "Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Todhri Tolong_Siki Toto Tulu_Tigalari Ugaritic " +
  "Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square"
)
  .split(" ")
  .map((name) => ({ name, test: new RegExp(`\\p{Script_Extensions=${name}}`, "u") }));
const ANY_SCRIPT = /[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]/u;
/** TR39 §5.1 augmented script sets: Han, Hiragana and Katakana write Japanese together, Han and Hangul Korean. */
const AUGMENTED: Record<string, string[]> = {
  Han: ["Han", "Han with Bopomofo", "Japanese", "Korean"],
  Hiragana: ["Hiragana", "Japanese"],
  Katakana: ["Katakana", "Japanese"],
  Hangul: ["Hangul", "Korean"],
  Bopomofo: ["Bopomofo", "Han with Bopomofo"],
};

/**
 * A character's augmented script set, or undefined for Common and Inherited; each character is tested
 * against the ~170 scripts once per process (10,000 names share a few dozen characters).
 */
const scriptsOfChar = new Map<string, string[] | undefined>();
function charScripts(char: string): string[] | undefined {
  if (scriptsOfChar.has(char)) return scriptsOfChar.get(char);
  let scripts: string[] | undefined;
  if (!ANY_SCRIPT.test(char)) {
    const own = SCRIPTS.filter((x) => x.test.test(char)).map((x) => x.name);
    // A script newer than this list: its own set, so that it never joins another script unseen.
    scripts = own.length ? own.flatMap((x) => AUGMENTED[x] ?? [x]) : [codePoint(char)];
  }
  scriptsOfChar.set(char, scripts);
  return scripts;
}

/** The scripts of each character of `s` that has one (Common and Inherited characters go with any). */
function scriptSets(s: string): { char: string; scripts: string[] }[] {
  return [...s].flatMap((char) => {
    const scripts = charScripts(char);
    return scripts ? [{ char, scripts }] : [];
  });
}

/** Printable ASCII: Latin letters and Common characters only, so never a mix of scripts. */
const ASCII = /^[\x20-\x7e]*$/;

/** TR39's resolved script set is empty: characters of two scripts that never write one word together. */
export function mixedScripts(s: string): string[] | undefined {
  if (ASCII.test(s)) return undefined;
  const sets = scriptSets(s);
  let common: string[] | undefined;
  for (const { scripts } of sets) common = common ? common.filter((x) => scripts.includes(x)) : scripts;
  if (!common || common.length > 0) return undefined;
  return [...new Set(sets.map((x) => x.scripts[0]))];
}

/** What makes a string read as something it is not, if anything. */
export function nameProblem(s: string, identifier: ScriptRule): string | undefined {
  const hidden = INVISIBLE.test(s) ? [...s].find((c) => INVISIBLE.test(c)) : undefined;
  if (hidden) {
    return (
      `${show(s)} contains ${codePoint(hidden)}, an invisible or blank character, so it reads as another ` +
      "name; remove it"
    );
  }
  if (s.normalize("NFC") !== s) {
    return (
      `${show(s)} is not in Unicode normalization form NFC (composed), so it reads the same as ` +
      `${show(s.normalize("NFC"))} yet is another name; write it composed`
    );
  }
  // A display name may hold words of two scripts; each word is held to one, so `Admіns` (Cyrillic і) is not.
  const words = identifier === "words" ? s.split(/[^\p{L}\p{M}\p{N}]+/u) : identifier ? [s] : [];
  for (const word of words) {
    const mixed = mixedScripts(word);
    if (!mixed) continue;
    // The characters outside the script most of the word is written in: the ones that pass for others.
    const sets = scriptSets(word);
    const count = (script: string) => sets.filter((x) => x.scripts[0] === script).length;
    const main = mixed.reduce((a, b) => (count(b) > count(a) ? b : a));
    const chars = sets.filter((x) => x.scripts[0] !== main).map((x) => `${x.char} ${codePoint(x.char)}`);
    const where = word === s ? show(s) : `${show(s)}: the word ${show(word)}`;
    return (
      `${where} mixes the ${mixed.join(" and ")} scripts (${[...new Set(chars)].join(", ")}), so it can pass ` +
      "for another name; write it in one script"
    );
  }
  return undefined;
}

/** How a value is held to one script: not at all, as a whole (an identifier), or word by word (a display name). */
export type ScriptRule = boolean | "words";

/** A name, email, display name, description or tag, refused when it reads as something it is not. */
export const shownAsIs = <T extends z.ZodType<string>>(base: T, identifier: ScriptRule = false) =>
  base.refine((s) => nameProblem(s, identifier) === undefined, {
    error: (iss) => nameProblem(String(iss.input), identifier),
    // One reason at a time: a value the AWS model refuses already says why.
    when: (payload) => payload.issues.length === 0,
  });

/** confusables.txt as code points: each source character to its prototype (confusables.json says which version). */
const PROTOTYPES = new Map(
  Object.entries(CONFUSABLES.prototypes as Record<string, string>).map(([from, to]) => [
    String.fromCodePoint(parseInt(from, 16)),
    String.fromCodePoint(...to.split(" ").map((c) => parseInt(c, 16))),
  ]),
);
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "gu");

/**
 * One pass of UTS #39's skeleton (section 4, "Confusable Detection"): NFD, default-ignorable (and the other
 * invisible) code points removed, each character replaced by its confusables.txt prototype, NFD again; then
 * case-folded, since a hurried reader does not tell Alice from alice. Folding comes after the mapping, as the
 * data is case-sensitive: the Cyrillic palochka ӏ is the prototype l's look-alike, and folding it first would
 * make another letter of it. ECMAScript has no toCaseFold: upper then lower case folds ß to ss and ς to σ.
 */
const pass = (s: string): string =>
  [...s.normalize("NFD").replace(INVISIBLE_ALL, "")]
    .map((c) => PROTOTYPES.get(c) ?? c)
    .join("")
    .normalize("NFD")
    .toUpperCase()
    .toLowerCase()
    .normalize("NFD");

/**
 * The TR39 skeleton, case-folded: two strings are confusable when their skeletons are equal. Passes repeat
 * until nothing changes (a folded letter may have a prototype of its own), so skeleton(skeleton(x)) equals
 * skeleton(x); a property test holds it to that.
 */
export function skeleton(s: string): string {
  let prev = s;
  for (let i = 0; i < 8; i++) {
    const next = pass(prev);
    if (next === prev) return next;
    prev = next;
  }
  return prev;
}

/** Pairs of different names that read the same (their skeletons are equal), each pair once. */
export function confusablePairs(names: string[], others: string[] = []): [string, string][] {
  const seen = new Map<string, string>();
  const pairs: [string, string][] = [];
  for (const other of others) seen.set(skeleton(other), other);
  for (const name of names) {
    const key = skeleton(name);
    const before = seen.get(key);
    if (before !== undefined && before !== name) pairs.push([before, name]);
    else seen.set(key, name);
  }
  return pairs;
}
