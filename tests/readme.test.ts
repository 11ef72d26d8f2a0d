import * as assert from "assert";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import * as ts from "typescript";
import { configProblems } from "../components";
import { docPages, fencedBlocks, ROOT } from "./docs";

/** The compiler options of Pulumi's TypeScript template (pulumi/templates aws-typescript/tsconfig.json). */
const TEMPLATE: ts.CompilerOptions = {
  strict: true,
  outDir: "bin",
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  sourceMap: true,
  experimentalDecorators: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
  noEmit: true,
};

/** The TypeScript examples of the README and docs/ that use this package. */
const examples = docPages()
  .flatMap((page) => fencedBlocks(page.text, "ts"))
  .filter((code) => /from "admin-access(\/automation)?"/.test(code));

describe("README and docs TypeScript examples", () => {
  let consumer: string;
  before(() => {
    // A consumer project with this package installed (as `npm install` of the repository leaves it, with
    // bin/ compiled by `prepare`) next to its own @pulumi and @types.
    consumer = mkdtempSync(path.join(tmpdir(), "admin-access-consumer-"));
    mkdirSync(path.join(consumer, "node_modules"));
    symlinkSync(ROOT, path.join(consumer, "node_modules", "admin-access"), "dir");
    for (const scope of ["@pulumi", "@types"]) {
      symlinkSync(path.join(ROOT, "node_modules", scope), path.join(consumer, "node_modules", scope), "dir");
    }
  });
  after(() => rmSync(consumer, { recursive: true, force: true }));

  it("include the component, the Automation API, the offline check and the role lookup", () => {
    assert.ok(examples.length >= 4, `${examples.length} examples`);
    assert.ok(examples.some((code) => code.includes('action: "preview"')));
    assert.ok(examples.some((code) => code.includes("resolveReservedRoleArn(")));
  });

  it("compile as written with Pulumi's template compiler settings", function () {
    this.timeout(60000);
    const files = examples.map((code, i) => {
      const file = path.join(consumer, `example${i}.ts`);
      writeFileSync(file, code);
      return file;
    });
    const program = ts.createProgram(files, TEMPLATE);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file ? path.basename(d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      );
    assert.deepStrictEqual(problems, []);
  });

  it("the offline check prints what docs/other-languages.md says it prints", () => {
    const example = examples.find((code) => code.includes("configProblems"));
    const printed = example && /\/\/ \['(.*)'\]$/m.exec(example)?.[1];
    assert.ok(printed);
    assert.deepStrictEqual(
      configProblems({ group: { displayName: "Admins" }, accounts: ["12345678901"], admins: [] }),
      [printed],
    );
  });
});
