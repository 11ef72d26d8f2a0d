// Stack files that would read one way to the plan and another to the Pulumi CLI (found by attacking the
// CLI-true reader): each is refused, never planned.
import * as assert from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { checkStackText } from "../../scripts/stackFile";

const ROOT = path.join(__dirname, "..", "..");
const STACK = (between: string) =>
  [
    "config:",
    '  admin-access:accounts: ["111111111111"]',
    `  # reviewed by security${between}  admin-access:allAccounts: true`,
    "  admin-access:group:",
    "    displayName: Admins",
    "  admin-access:admins:",
    "    - userName: alice",
    "      existing: true",
    "",
  ].join("\n");

describe("stack files the CLI reads otherwise are refused", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "admin-access-forgery-"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, ch] of [
    ["NEL", "\u0085"],
    ["LINE SEPARATOR", "\u2028"],
    ["PARAGRAPH SEPARATOR", "\u2029"],
  ]) {
    it(`a ${name} in a comment, which the CLI's YAML reader takes as a line break`, () => {
      const checked = checkStackText(dir, "x", STACK(ch));
      assert.strictEqual(checked.spec, undefined);
      assert.match(checked.problems.join("\n"), /line 3: U\+(0085|2028|2029)/);
    });
  }

  it("a plain newline in its place is read as the CLI reads it: allAccounts is set", () => {
    const checked = checkStackText(dir, "x", STACK("\n"));
    assert.strictEqual(checked.spec?.targets.allAccounts, true);
  });

  it("a project whose stackConfigDir sends the CLI to another file", () => {
    const project = readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
    writeFileSync(path.join(dir, "Pulumi.yaml"), `${project}\nstackConfigDir: cfg\n`);
    const checked = checkStackText(dir, "prod", STACK("\n"));
    assert.strictEqual(checked.spec, undefined);
    assert.match(
      checked.problems.join("\n"),
      /stackConfigDir is "cfg", so the Pulumi CLI reads .*cfg\/Pulumi\.prod\.yaml/,
    );
  });
});
