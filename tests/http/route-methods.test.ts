// server.mjs answers a method an API route does not export with 405 and Allow from
// lib/http/route-methods.json (it runs before Next.js and cannot import the route modules). This
// keeps that list true to the route files: a route added or changed without it fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRouteRegistry } from "../authz/route-registry";

describe("lib/http/route-methods.json", () => {
  it("lists exactly the methods every app/api route exports", async () => {
    const listed = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../lib/http/route-methods.json"), "utf8"),
    ) as Record<string, string[]>;
    const { entries } = await loadRouteRegistry();
    const exported: Record<string, string[]> = {};
    for (const entry of entries.filter((e) => e.path.startsWith("/api/")))
      (exported[entry.path] ??= []).push(entry.method);
    const sorted = (m: Record<string, string[]>) =>
      Object.fromEntries(
        Object.entries(m)
          .map(([k, v]) => [k, [...v].sort()] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    expect(sorted(listed)).toEqual(sorted(exported));
  }, 120_000);
});
