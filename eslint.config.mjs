import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

// Every storage access goes through lib/storage/storage-access.ts, which audits it.
const storagePatterns = [
  {
    group: [
      "@/lib/storage/drivers",
      "@/lib/storage/drivers/*",
      "**/storage/drivers",
      "**/storage/drivers/*",
    ],
    message: "Use storageFor() from @/lib/storage/storage-access: every storage access is audited.",
  },
  {
    group: ["@aws-sdk/client-s3", "@aws-sdk/lib-storage"],
    message: "S3 is reached only through lib/storage (audited).",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      ".test-data/**",
      ".bench-data/**",
      "bench/baseline/.next/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/**", "tests/storage/**"],
    rules: { "no-restricted-imports": ["error", { patterns: storagePatterns }] },
  },
  {
    // Domain code never reaches up into routes or UI: arrows point one way.
    files: ["lib/**/*.ts"],
    ignores: ["lib/storage/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*"],
              message: "lib/ must not import from app/ or components/",
            },
            ...storagePatterns,
          ],
        },
      ],
    },
  },
];

export default config;
