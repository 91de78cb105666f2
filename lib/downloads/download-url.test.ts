import { describe, expect, it } from "vitest";
import { signDownloadUrl, verifyDownloadUrl } from "./download-url";

const artifactId = "art_0123456789abcdef0123456789abcdef";
const now = new Date("2030-01-01T00:00:00Z");

function params(url: string) {
  const parsed = new URL(url);
  return { id: parsed.pathname.split("/").pop() ?? "", search: parsed.searchParams };
}

describe("signed download URLs", () => {
  it("verify for the artifact and principal they were made for, until they expire", () => {
    const { url, expiresAt } = signDownloadUrl({
      artifactId,
      principal: { kind: "client", id: "cli_abc" },
      now,
      ttlSeconds: 600,
    });
    expect(expiresAt.toISOString()).toBe("2030-01-01T00:10:00.000Z");
    const { id, search } = params(url);
    expect(id).toBe(artifactId);
    expect(verifyDownloadUrl(id, search, now)).toEqual({
      ok: true,
      principal: { kind: "client", id: "cli_abc" },
      expiresAt,
    });
    expect(verifyDownloadUrl(id, search, new Date(expiresAt.getTime() - 1))).toMatchObject({
      ok: true,
    });
    expect(verifyDownloadUrl(id, search, expiresAt)).toEqual({ ok: false, reason: "url_expired" });
  });

  it("refuse any change to the artifact, the principal, its kind or the expiry", () => {
    const { url } = signDownloadUrl({
      artifactId,
      principal: { kind: "client", id: "cli_abc" },
      now,
    });
    const { search } = params(url);
    const tamper = (change: (s: URLSearchParams) => void, id = artifactId) => {
      const copy = new URLSearchParams(search);
      change(copy);
      return verifyDownloadUrl(id, copy, now);
    };
    expect(tamper(() => undefined, "art_ffffffffffffffffffffffffffffffff")).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(tamper((s) => s.set("client", "cli_abd"))).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(tamper((s) => s.set("exp", String(Number(s.get("exp")) + 3600)))).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(
      tamper((s) => {
        s.set("cust", s.get("client") ?? "");
        s.delete("client");
      }),
    ).toEqual({ ok: false, reason: "bad_signature" });
    // Change the last character to a different one (replacing it with a fixed letter would be a
    // no-op whenever the signature already ended in it).
    const flipLast = (sig: string) => `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
    expect(tamper((s) => s.set("sig", flipLast(s.get("sig") ?? "")))).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("refuse ambiguous or malformed parameters", () => {
    const { url } = signDownloadUrl({
      artifactId,
      principal: { kind: "customer", id: "cus_1" },
      now,
    });
    const { search } = params(url);
    const both = new URLSearchParams(search);
    both.set("client", "cli_x");
    expect(verifyDownloadUrl(artifactId, both, now)).toEqual({
      ok: false,
      reason: "malformed_url",
    });
    const twice = new URLSearchParams(search);
    twice.append("exp", "1");
    expect(verifyDownloadUrl(artifactId, twice, now)).toEqual({
      ok: false,
      reason: "malformed_url",
    });
    expect(
      verifyDownloadUrl(artifactId, new URLSearchParams("cust=cus_1&exp=1&sig=short"), now),
    ).toEqual({ ok: false, reason: "malformed_url" });
    expect(verifyDownloadUrl(artifactId, search, now)).toMatchObject({
      ok: true,
      principal: { kind: "customer", id: "cus_1" },
    });
  });

  it("bind a staff download to that staff user: the same signature names no customer or client", () => {
    const { url } = signDownloadUrl({
      artifactId,
      principal: { kind: "staff", id: "usr_1" },
      now,
    });
    const { search } = params(url);
    expect(search.get("staff")).toBe("usr_1");
    expect(verifyDownloadUrl(artifactId, search, now)).toMatchObject({
      ok: true,
      principal: { kind: "staff", id: "usr_1" },
    });
    for (const other of ["cust", "client"]) {
      const swapped = new URLSearchParams(search);
      swapped.set(other, "usr_1");
      swapped.delete("staff");
      expect(verifyDownloadUrl(artifactId, swapped, now)).toEqual({
        ok: false,
        reason: "bad_signature",
      });
    }
  });
});
