// Lint config: typescript-eslint's recommended type-aware rules, plus the few habits we hold to.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Import direction (docs: CONTRIBUTING.md): `domain` imports nothing of the project; the core
 * (`policy`, `catalog`, `brain`, `worker`, `audit`) never reaches an adapter or an entry point;
 * only `runtime` wires adapters in, and `cli` and `app` call `runtime`. A back-arrow fails lint.
 */
const PROJECT_FOLDERS = ["policy", "catalog", "brain", "worker", "audit", "adapters", "runtime", "app", "cli", "config"];
const IO_MODULES = ["node:fs", "node:fs/promises", "node:child_process", "node:net", "node:http", "node:https", "undici", "pino", "fs", "child_process"];
const outside = (folders, why) => ({ group: folders.map((f) => `**/${f}/**`), message: why });
const noIO = { paths: IO_MODULES.map((name) => ({ name, message: "no I/O here: add a port in src/domain/ and an adapter in src/adapters/" })) };
const layer = (files, patterns, extra = {}) => ({ files, rules: { "no-restricted-imports": ["error", { patterns, ...extra }] } });
const importDirection = [
  layer(["src/domain/**"], [outside(PROJECT_FOLDERS, "src/domain imports nothing of the project")], noIO),
  layer(["src/policy/**"], [outside(["adapters", "runtime", "app", "cli"], "policy decides; it never reaches an adapter or an entry point")], noIO),
  layer(["src/catalog/**", "src/brain/**", "src/worker/**", "src/audit/**"], [outside(["adapters", "runtime", "app", "cli"], "the core never imports adapters, runtime, app or cli: take a port from src/domain/")]),
  layer(["src/adapters/**"], [outside(["runtime", "app", "cli"], "adapters implement ports; they never import an entry point")]),
  layer(["src/runtime/**"], [outside(["app", "cli"], "runtime is called by cli and app, never the reverse")]),
];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "src/policy/words/generated/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", AbortController: "readonly", TextDecoder: "readonly", TextEncoder: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "error",
      eqeqeq: ["error", "always"],
    },
  },
  ...importDirection,
  {
    // The CLI, benchmarks and scripts talk to a terminal on purpose.
    files: ["src/cli/**", "bench/**", "bin/**", "scripts/**"],
    rules: { "no-console": "off" },
  },
);
