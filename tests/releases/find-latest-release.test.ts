import fc from "fast-check";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findLatestRelease } from "@/lib/releases/find-latest-release";
import { publishRelease } from "@/lib/releases/publish-release";
import { yankRelease } from "@/lib/releases/yank-release";
import { draft, published, seedProduct, SYSTEM, upload, storeInTemporaryDir } from "./factories";

storeInTemporaryDir();

const latest = (
  productId: string,
  extra: { channel?: string; platform?: string; arch?: string; publishedBefore?: Date } = {},
) =>
  findLatestRelease(db(), {
    productId,
    channel: "stable",
    platform: "linux",
    arch: "x64",
    ...extra,
  });

describe("findLatestRelease", () => {
  it("never offers a draft", async () => {
    const product = await seedProduct();
    await published(product.slug, "1.0.0");
    const newer = await draft(product.slug, "2.0.0");
    await upload(newer.id);
    expect((await latest(product.id))?.version).toBe("1.0.0");
    await publishRelease({ actor: SYSTEM, input: { releaseId: newer.id } });
    expect((await latest(product.id))?.version).toBe("2.0.0");
  });

  it("never returns a yanked release, falling back to the newest remaining one", async () => {
    const product = await seedProduct();
    await published(product.slug, "1.0.0");
    const bad = await published(product.slug, "1.1.0");
    await yankRelease({ actor: SYSTEM, input: { releaseId: bad.id, reason: "broken" } });
    expect((await latest(product.id))?.version).toBe("1.0.0");
    await yankRelease({
      actor: SYSTEM,
      input: { releaseId: (await latest(product.id))?.id ?? "" },
    });
    expect(await latest(product.id)).toBeNull();
  });

  it("orders by semver precedence: numbers numerically, a release above its prereleases", async () => {
    const product = await seedProduct();
    for (const version of ["1.9.0", "1.10.0-beta.11", "1.10.0-rc.10", "1.10.0-rc.2", "1.2.0"])
      await published(product.slug, version);
    expect((await latest(product.id))?.version).toBe("1.10.0-rc.10");
    await published(product.slug, "1.10.0");
    expect((await latest(product.id))?.version).toBe("1.10.0");
    await published(product.slug, "1.10.1-alpha");
    expect((await latest(product.id))?.version).toBe("1.10.1-alpha");
  });

  it("requires an artifact for the platform and arch, and returns that artifact", async () => {
    const product = await seedProduct();
    await published(product.slug, "1.0.0", {
      targets: [
        ["linux", "x64"],
        ["darwin", "arm64"],
      ],
    });
    await published(product.slug, "1.1.0", { targets: [["darwin", "arm64"]] });
    const linux = await latest(product.id);
    expect(linux?.version).toBe("1.0.0");
    expect(linux?.artifact).toMatchObject({ platform: "linux", arch: "x64" });
    expect((await latest(product.id, { platform: "darwin", arch: "arm64" }))?.version).toBe(
      "1.1.0",
    );
    expect(await latest(product.id, { platform: "windows" })).toBeNull();
  });

  it("keeps to the channel and to releases published before a date", async () => {
    const product = await seedProduct();
    const old = await published(product.slug, "1.0.0");
    const recent = await published(product.slug, "1.1.0");
    await published(product.slug, "2.0.0-beta.1", { channel: "beta" });
    await db().release.update({
      where: { id: old.id },
      data: { publishedAt: new Date("2025-01-01T00:00:00Z") },
    });
    await db().release.update({
      where: { id: recent.id },
      data: { publishedAt: new Date("2025-06-01T00:00:00Z") },
    });
    expect((await latest(product.id))?.version).toBe("1.1.0");
    expect((await latest(product.id, { channel: "beta" }))?.version).toBe("2.0.0-beta.1");
    expect(
      (await latest(product.id, { publishedBefore: new Date("2025-03-01T00:00:00Z") }))?.version,
    ).toBe("1.0.0");
    expect(
      await latest(product.id, { publishedBefore: new Date("2024-12-31T00:00:00Z") }),
    ).toBeNull();
  });

  it("agrees with semver on the maximum of any set of published versions", async () => {
    const identifier = fc.oneof(
      fc.constantFrom("alpha", "beta", "rc"),
      fc.integer({ min: 0, max: 12 }).map(String),
    );
    const version = fc
      .record({
        major: fc.integer({ min: 0, max: 3 }),
        minor: fc.integer({ min: 0, max: 11 }),
        patch: fc.integer({ min: 0, max: 2 }),
        pre: fc.option(fc.array(identifier, { minLength: 1, maxLength: 2 }), { nil: null }),
      })
      .map(
        ({ major, minor, patch, pre }) =>
          `${major}.${minor}.${patch}${pre ? `-${pre.join(".")}` : ""}`,
      );
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(version, { minLength: 1, maxLength: 6 }),
        async (versions) => {
          const product = await seedProduct();
          for (const v of versions) await published(product.slug, v);
          const expected = semver.rsort([...versions])[0];
          expect((await latest(product.id))?.version).toBe(expected);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
