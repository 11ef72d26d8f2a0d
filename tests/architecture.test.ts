// The import graph of the shipped and operator code: no cycles, and no deploy entry (index.ts, automation/,
// components/) reaching the commands' engines, so `npm run build` ships the component only.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const SOURCE = /^(components|analysis|live|scripts|automation)\/.*\.ts$|^index\.ts$/;

function importGraph(): Map<string, string[]> {
  const files = execFileSync("git", ["ls-files", "*.ts"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((f) => SOURCE.test(f));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    const edges: string[] = [];
    // `import type` vanishes at compile time: the builders take the Args interfaces from adminAccess.ts, where
    // the schema analyzer needs them (docs/architecture), without a cycle at run time.
    for (const m of text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+"(\.[^"]*)"/gm)) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]));
      const target = [`${base}.ts`, `${base}/index.ts`].find((c) => known.has(c));
      if (target) edges.push(target);
    }
    graph.set(file, edges);
  }
  return graph;
}

/** The strongly connected components of more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Every file a deploy entry reaches. */
function reachable(graph: Map<string, string[]>, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...(graph.get(f) ?? []));
  }
  return seen;
}

describe("the import graph", () => {
  const graph = importGraph();

  it("has no cycles", () => {
    assert.deepEqual(cycles(graph), []);
  });

  it("finds the cycle a test file plants (the check can fail)", () => {
    const planted = new Map(graph);
    planted.set("components/text.ts", [...(graph.get("components/text.ts") ?? []), "components/config.ts"]);
    assert.ok(cycles(planted).some((c) => c.includes("components/text.ts")));
  });

  it("ships only the component: the deploy entries reach no file of analysis/, live/ or scripts/", () => {
    const roots = ["index.ts", "components/index.ts", "automation/index.ts"];
    const leaks = [...reachable(graph, roots)].filter((f) => /^(analysis|live|scripts)\//.test(f));
    assert.deepEqual(leaks, []);
    assert.ok(reachable(graph, roots).has("components/adminAccess.ts"));
  });
});
