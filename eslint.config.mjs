import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The layers, from the bottom: components/ (the published component), analysis/ (the commands' pure
// engines), live/ (AWS SDK → analysis views), scripts/ (the commands). Nothing imports a layer above its own;
// tests/architecture.test.ts also keeps the import graph free of cycles.
const ABOVE_COMPONENTS = {
  group: ["**/analysis", "**/analysis/**", "**/live", "**/live/**", "**/scripts", "**/scripts/**"],
  message: "components/ is the published component: it never imports analysis/, live/ or scripts/.",
};
const ABOVE_ANALYSIS = {
  group: ["**/live", "**/live/**", "**/scripts", "**/scripts/**"],
  message: "analysis/ never imports the layers above it (live/, scripts/).",
};
const PULUMI = { group: ["@pulumi/*"], message: "this module is pure: no Pulumi." };

export default tseslint.config(
  { ignores: ["node_modules/", "bin/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["components/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [ABOVE_COMPONENTS] }] },
  },
  {
    // The pure core never loads Pulumi either: the offline commands (plan, adopt, audit) run without @pulumi/aws.
    files: ["components/**/*.ts"],
    ignores: ["components/adminAccess.ts", "components/program.ts", "components/resources/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [ABOVE_COMPONENTS, PULUMI] }] },
  },
  {
    // The commands' engines are pure: a plan and live views in, a report out. No Pulumi, no AWS SDK, no files,
    // and none of the component's Pulumi builders.
    files: ["analysis/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["fs", "node:fs", "fs/promises", "node:fs/promises"],
          patterns: [
            ABOVE_ANALYSIS,
            PULUMI,
            { group: ["@aws-sdk/*"], message: "analysis/ reads AWS through live/'s views only." },
            {
              group: ["**/components/resources/**", "**/components/adminAccess", "**/components/program"],
              message: "analysis/ uses the component's pure core, not its Pulumi builders.",
            },
          ],
        },
      ],
    },
  },
);
