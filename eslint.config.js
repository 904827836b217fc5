// ESLint: correctness rules, and the import boundaries of docs/decisions/015 (routes → services →
// domain and db; components never reach the server; domain is pure). Style is Prettier's.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// patterns as regular expressions: in the glob form a leading "#" (the #db alias) starts a comment
const serverOnly = {
  regex: "(\\.server(\\.|$)|^#db(/|$)|^~/services/|^~/auth/.*\\.server|^node:|/db/)",
  message: "Components run in the browser: pass data from the route's loader instead.",
};
const notFromDomain = {
  regex: "(^#db(/|$)|^~/(services|auth|routes|components)/|^~/lib/(?!errors$)|^@remix-run/|^drizzle-orm|^node:|\\.server(\\.|$))",
  message: "app/domain is pure TypeScript: no I/O, no framework, no database.",
};

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "public/", "test-results/", ".data/", "migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // throw a Response / redirect is Remix's way; the rule would flag every guard
      "@typescript-eslint/only-throw-error": "off",
      "no-empty": ["error", { allowEmptyCatch: true }],
      // short statements written as `a && b()`, ternaries and comma sequences are a house habit
      "@typescript-eslint/no-unused-expressions": "off",
      // stripping control characters is what those expressions are for (redirects, python repr)
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    files: ["app/components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [serverOnly] }] },
  },
  {
    files: ["app/domain/**"],
    ignores: ["app/domain/**/*.test.ts", "app/domain/**/testing/**", "app/domain/**/reference/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [notFromDomain] }] },
  },
  {
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(#db/(queries|schema|sql|batch)|drizzle-orm)",
              message: "Routes reach the database through a service (app/services).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["db/**"],
    ignores: ["db/**/*.test.ts", "db/functions/params.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(~/(?!domain/)|(\\.\\./)+app/(?!domain/))",
              message: "db/ may use app/domain's pure types and constants, nothing else of app/.",
            },
          ],
        },
      ],
    },
  },
);
