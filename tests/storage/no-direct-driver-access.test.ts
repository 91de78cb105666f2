// There is no code path to the storage that skips the audited access layer: outside lib/storage
// nothing imports a driver or the S3 SDK. (Tests of the drivers themselves are the exception.)
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["app", "lib", "components", "scripts", "agent", "instrumentation.ts", "proxy.ts"];
const ALLOWED = [path.join("lib", "storage") + path.sep, path.join("lib", "generated") + path.sep];
const FORBIDDEN = [
  /storage\/drivers/,
  /["']@aws-sdk\/client-s3["']/,
  /["']@aws-sdk\/lib-storage["']/,
];

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  let info;
  try {
    info = statSync(full);
  } catch {
    return [];
  }
  if (info.isFile()) return /\.(ts|tsx|js|mjs)$/.test(entry) ? [entry] : [];
  return readdirSync(full).flatMap((name) =>
    name === "node_modules" ? [] : sourceFiles(path.join(entry, name)),
  );
}

describe("storage drivers", () => {
  it("are imported only inside lib/storage", () => {
    const offenders = SCANNED.flatMap(sourceFiles)
      .filter((file) => !ALLOWED.some((allowed) => file.startsWith(allowed)))
      .filter((file) => !file.endsWith(".test.ts"))
      .filter((file) => {
        const text = readFileSync(path.join(ROOT, file), "utf8");
        return FORBIDDEN.some((pattern) => pattern.test(text));
      });
    expect(offenders).toEqual([]);
  });

  it("inside lib/storage are reached only by the access layer", () => {
    const users = sourceFiles(path.join("lib", "storage"))
      .filter((file) => !file.includes(`${path.sep}drivers${path.sep}`))
      .filter((file) => /from ["']\.\/drivers/.test(readFileSync(path.join(ROOT, file), "utf8")));
    expect(users).toEqual([path.join("lib", "storage", "storage-access.ts")]);
  });
});
