import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
    // The pure core never loads Pulumi: the offline commands (plan, adopt, audit) run without @pulumi/aws.
    files: ["components/**/*.ts"],
    ignores: ["components/adminAccess.ts", "components/program.ts", "components/resources/**"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@pulumi/*"] }] },
  },
);
