import { readFileSync, readdirSync } from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..");

export interface DocPage {
  /** The file, relative to the repository root, as a reader would look for it. */
  name: string;
  text: string;
}

/** README.md and every docs/*.md page: what a reader of the documentation reads. */
export function docPages(): DocPage[] {
  const docs = readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs].map((name) => ({ name, text: readFileSync(path.join(ROOT, name), "utf8") }));
}

/** One page's text, by its path from the repository root. */
export function docPage(name: string): string {
  return readFileSync(path.join(ROOT, name), "utf8");
}

/** The fenced blocks of one language (```lang) in a page, in order. */
export function fencedBlocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```", "gm"))].map((m) => m[1]);
}
