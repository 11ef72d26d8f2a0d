import { readFileSync, readdirSync } from "fs";
import * as path from "path";
import { docPages } from "../docs";

export const ROOT = path.resolve(__dirname, "..", "..");
export const WORKFLOWS = path.join(ROOT, ".github", "workflows");

export interface WorkflowText {
  /** Where it comes from, as a reviewer would look for it. */
  name: string;
  text: string;
}

/** The workflows this repository ships. */
export function shippedWorkflows(): WorkflowText[] {
  return readdirSync(WORKFLOWS)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ name: `.github/workflows/${f}`, text: readFileSync(path.join(WORKFLOWS, f), "utf8") }));
}

/** The workflows the README and docs/ show: every YAML block with a top-level `jobs:`, since readers copy them too. */
export function docWorkflows(): WorkflowText[] {
  return docPages().flatMap((page) =>
    [...page.text.matchAll(/```ya?ml\n([\s\S]*?)```/g)]
      .map((m) => m[1])
      .filter((text) => /^jobs:/m.test(text))
      .map((text, i) => ({ name: `${page.name} workflow example ${i + 1}`, text })),
  );
}
