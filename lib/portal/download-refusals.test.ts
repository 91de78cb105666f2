import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KNOWN_REFUSALS, refusalText } from "./download-refusals";

describe("download refusal texts", () => {
  it("explain every refusal reason the download path and the portal click give", () => {
    // Every source of the download path (lib/downloads) and the portal's click.
    const downloads = readdirSync(path.join(import.meta.dirname, "../downloads"))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => `../downloads/${f}`);
    const sources = [...downloads, "./authorize-portal-download.ts"].map((f) =>
      readFileSync(path.join(import.meta.dirname, f), "utf8"),
    );
    const given = new Set<string>();
    for (const source of sources) {
      for (const m of source.matchAll(/(?:refuse\(|downloadError\(\s*|reason: )"([a-z_]+)"/g))
        given.add(m[1] ?? "");
    }
    // License reasons come from evaluateLicenseAccess; "not entitled" ones are answered as 404.
    for (const r of ["license_expired", "license_suspended", "license_revoked"]) given.add(r);
    const unexplained = [...given].filter(
      (r) => !KNOWN_REFUSALS.includes(r) && refusalText(r) === refusalText(null),
    );
    // Reasons that deliberately share the generic "not available" page (wrong_user: a staff
    // member's download link opened by someone else).
    expect(unexplained.sort()).toEqual(
      [
        "artifact_not_found",
        "client_not_bound_to_license",
        "range_not_satisfiable",
        "wrong_client",
        "wrong_user",
      ].filter((r) => given.has(r)),
    );
  });

  it("offers a retry only where the link, not the license, was the problem", () => {
    expect(refusalText("url_expired").retry).toBe(true);
    expect(refusalText("license_expired").retry).toBe(false);
    expect(refusalText("something_new").title).toBe("This download is not available");
  });
});
