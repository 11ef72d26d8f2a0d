import * as assert from "assert";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse } from "yaml";
import { runPlan } from "../scripts/plan";
import { docPage, docPages, fencedBlocks, ROOT } from "./docs";

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens (github-slugger). */
const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, "")
    .replace(/ /g, "-");

/** The anchors of a markdown file, numbered as GitHub numbers repeated headings. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const prose = text.replace(/^```[\s\S]*?^```/gm, "");
  for (const [, heading] of prose.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every relative link of a page's prose (code blocks and inline code left out), with its line. */
function relativeLinks(text: string): { line: number; target: string }[] {
  const prose = text.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, " "));
  const links: { line: number; target: string }[] = [];
  for (const m of prose.replace(/`[^`\n]*`/g, (code) => " ".repeat(code.length)).matchAll(/\]\(([^)\s]+)\)/g))
    if (!/^[a-z]+:/.test(m[1]))
      links.push({ line: prose.slice(0, m.index).split("\n").length, target: m[1] });
  return links;
}

describe("the documentation", () => {
  const pages = docPages();

  it("has the README and the pages issue 35 names", () => {
    const names = pages.map((p) => p.name);
    for (const page of [
      "README.md",
      "docs/README.md",
      "docs/configuration.md",
      "docs/reviewing-changes.md",
      "docs/audit-and-drift.md",
      "docs/safety.md",
      "docs/operations.md",
      "docs/upgrading.md",
      "docs/other-languages.md",
      "docs/architecture.md",
      "docs/commands.md",
    ])
      assert.ok(names.includes(page), page);
  });

  it("every relative link (README, docs/, CHANGELOG) resolves to a file, and its anchor to a heading there", () => {
    const broken: string[] = [];
    for (const page of [...pages, { name: "CHANGELOG.md", text: docPage("CHANGELOG.md") }]) {
      for (const { line, target } of relativeLinks(page.text)) {
        const [file, anchor] = target.split("#");
        const resolved = file
          ? path.join(path.dirname(path.join(ROOT, page.name)), file)
          : path.join(ROOT, page.name);
        if (!existsSync(resolved)) broken.push(`${page.name}:${line}: ${target}: no such file`);
        else if (anchor !== undefined && !anchors(readFileSync(resolved, "utf8")).has(anchor))
          broken.push(`${page.name}:${line}: ${target}: no such heading`);
      }
    }
    assert.deepStrictEqual(broken, []);
  });

  it("the link check itself finds a missing file and a missing heading", () => {
    const links = relativeLinks("[a](docs/x.md#y) `[b](not/a/link.md)` [c](https://example.com)");
    assert.deepStrictEqual(
      links.map((l) => l.target),
      ["docs/x.md#y"],
    );
    assert.ok(
      anchors("## Drift between deploys: `npm run drift`\n").has("drift-between-deploys-npm-run-drift"),
    );
    assert.ok(anchors("## The management account's own set\n## A\n## A\n").has("a-1"));
  });

  it("every page is linked from the docs index, and the index from the README", () => {
    const index = docPage("docs/README.md");
    for (const page of readdirSync(path.join(ROOT, "docs")).filter(
      (f) => f.endsWith(".md") && f !== "README.md",
    ))
      assert.ok(index.includes(`](${page})`), `docs/README.md does not link ${page}`);
    assert.ok(docPage("README.md").includes("](docs/README.md)"));
  });

  it("ships docs/ with the README that links into it", () => {
    const { files } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      files: string[];
    };
    assert.ok(files.includes("README.md") && files.includes("docs/"), files.join(", "));
  });

  it("the messages the commands print name a section that exists on the page they name", () => {
    const named: string[] = [];
    for (const dir of ["scripts", "scripts/planReport"])
      for (const f of readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(".ts"))) {
        const code = readFileSync(path.join(ROOT, dir, f), "utf8");
        for (const [, section, page] of code.matchAll(/see "([^"]+)" in (docs\/[\w-]+\.md)/g)) {
          named.push(page);
          const headings = [...docPage(page).matchAll(/^#+ (.+)$/gm)].map((m) => m[1]);
          const bold = [...docPage(page).matchAll(/^\*\*([^*]+)\*\*/gm)].map((m) => m[1]);
          assert.ok(
            [...headings, ...bold].some((h) => h.startsWith(section)),
            `${dir}/${f}: ${page} has no section "${section}"`,
          );
        }
      }
    assert.ok(named.length >= 2, "no message names a page");
  });
});

describe("the README", () => {
  const readme = docPage("README.md");

  it("is at most 300 lines", () => {
    assert.ok(readme.split("\n").length <= 300, `${readme.split("\n").length} lines`);
  });

  it("keeps the quick start complete: install, test, plan, deploy, review", () => {
    const quickStart = /^## Quick start\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
    for (const step of [
      "npm ci && npm test",
      "npm run plan -- --stack dev",
      "pulumi login",
      "pulumi up",
      "--against origin/main",
      "admin-access-review.yml",
    ])
      assert.ok(quickStart.includes(step), `the quick start lost ${step}`);
  });

  it("its minimal stack file plans cleanly, as written", () => {
    const quickStart = /^## Quick start\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
    const [stack] = fencedBlocks(quickStart, "yaml").filter((b) => b.startsWith("# Pulumi.dev.yaml\n"));
    assert.ok(stack, "the quick start lost its stack file");
    assert.ok(parse(stack).config["admin-access:admins"].length > 0);
    const dir = mkdtempSync(path.join(tmpdir(), "admin-access-readme-stack-"));
    try {
      copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stack);
      const { code, stdout, stderr } = runPlan(["--stack", "dev"], dir);
      assert.strictEqual(code, 0, stderr);
      assert.match(stdout, /012345678901/);
      assert.match(stdout, /alice/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
