import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { toAppError } from "@/lib/http/error-mapper";
import { createChannel } from "@/lib/releases/create-channel";
import { createProduct } from "@/lib/releases/create-product";
import { createRelease } from "@/lib/releases/create-release";
import type { CreateReleaseInput } from "@/lib/releases/create-release.schema";
import {
  failureOf,
  pipelineActor,
  requestInfo,
  seedProduct,
  staffActor,
  supportActor,
  SYSTEM,
  uniqueSlug,
  storeInTemporaryDir,
} from "./factories";

storeInTemporaryDir();

const statusOf = async (promise: Promise<unknown>) => toAppError(await failureOf(promise)).status;

describe("createRelease", () => {
  it("creates a draft from the pipeline with semver sort columns and an audit event", async () => {
    const product = await seedProduct();
    const actor = pipelineActor();
    const request = requestInfo();
    const release = await createRelease({
      actor,
      request,
      input: {
        product: product.slug,
        version: "2.10.3-rc.4",
        channel: "beta",
        notes: "# Notes",
        critical: true,
        minimumVersion: "2.0.0",
      },
    });
    expect(release).toMatchObject({
      id: expect.stringMatching(/^rel_/),
      product: product.slug,
      version: "2.10.3-rc.4",
      channel: "beta",
      status: "DRAFT",
      critical: true,
      minimumVersion: "2.0.0",
    });
    const row = await db().release.findUniqueOrThrow({ where: { id: release.id } });
    expect(row).toMatchObject({
      major: 2,
      minor: 10,
      patch: 3,
      prerelease: "rc.4",
      createdByClientId: actor.apiClientId,
      createdById: null,
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { requestId: request.requestId },
    });
    expect(audit).toMatchObject({
      action: "releases.created",
      actorType: "SERVICE",
      actorId: actor.apiClientId,
      targetId: release.id,
      ip: "198.51.100.20",
    });
    expect(audit.after).toMatchObject({ version: "2.10.3-rc.4", status: "DRAFT" });
  });

  it("accepts only strict semantic versions of at most 64 characters", async () => {
    const product = await seedProduct();
    const attempt = (version: string) =>
      statusOf(
        createRelease({
          actor: SYSTEM,
          input: { product: product.slug, version, channel: "stable", notes: "" },
        }),
      );
    for (const version of [
      "v1.2.3",
      "1.2",
      "1.2.3+build.5",
      "01.2.3",
      " 1.2.3",
      "=1.2.3",
      "1.2.3-01",
      "latest",
      `1.0.0-${"a".repeat(59)}`,
    ]) {
      expect(await attempt(version), version).toBe(400);
    }
    const longest = `1.0.0-${"a".repeat(58)}`;
    expect(longest).toHaveLength(64);
    await expect(
      createRelease({
        actor: SYSTEM,
        input: { product: product.slug, version: longest, channel: "stable", notes: "" },
      }),
    ).resolves.toMatchObject({ version: longest });
  });

  it("refuses a second release with the same version of a product (409), but not of another product", async () => {
    const [a, b] = [await seedProduct(), await seedProduct()];
    const input = (product: string): CreateReleaseInput => ({
      product,
      version: "1.0.0",
      channel: "stable",
      notes: "",
    });
    await createRelease({ actor: SYSTEM, input: input(a.slug) });
    expect(await statusOf(createRelease({ actor: SYSTEM, input: input(a.slug) }))).toBe(409);
    await expect(createRelease({ actor: SYSTEM, input: input(b.slug) })).resolves.toMatchObject({
      product: b.slug,
    });
  });

  it("needs an existing channel of the product; custom channels can be added", async () => {
    const product = await seedProduct();
    const input = { product: product.slug, version: "1.0.0", channel: "nightly", notes: "" };
    const error = toAppError(await failureOf(createRelease({ actor: SYSTEM, input })));
    expect(error.status).toBe(422);
    expect(error.extra.errors).toEqual([expect.objectContaining({ path: "channel" })]);
    await createChannel({ actor: staffActor(), input: { product: product.slug, name: "nightly" } });
    await expect(createRelease({ actor: SYSTEM, input })).resolves.toMatchObject({
      channel: "nightly",
    });
    expect(
      await statusOf(
        createChannel({ actor: SYSTEM, input: { product: product.slug, name: "nightly" } }),
      ),
    ).toBe(409);
  });

  it("404s for an unknown product", async () => {
    expect(
      await statusOf(
        createRelease({
          actor: SYSTEM,
          input: { product: uniqueSlug("none"), version: "1.0.0", channel: "stable", notes: "" },
        }),
      ),
    ).toBe(404);
  });

  it("limits notes to 64 KB of UTF-8", async () => {
    const product = await seedProduct();
    const at = (notes: string, version: string) =>
      createRelease({
        actor: SYSTEM,
        input: { product: product.slug, version, channel: "stable", notes },
      });
    await expect(at("é".repeat(32 * 1024), "1.0.0")).resolves.toMatchObject({ version: "1.0.0" });
    expect(await statusOf(at(`${"é".repeat(32 * 1024)}x`, "1.0.1"))).toBe(400);
  });

  it("refuses a minimum version above the release's own", async () => {
    const product = await seedProduct();
    expect(
      await statusOf(
        createRelease({
          actor: SYSTEM,
          input: {
            product: product.slug,
            version: "1.0.0",
            channel: "stable",
            notes: "",
            minimumVersion: "1.0.1",
          },
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        createRelease({
          actor: SYSTEM,
          input: {
            product: product.slug,
            version: "1.0.0",
            channel: "stable",
            notes: "",
            minimumVersion: "v0.9",
          },
        }),
      ),
    ).toBe(400);
  });

  it("requires releases:write (support staff cannot), while a SYSTEM actor passes", async () => {
    const product = await seedProduct();
    const input = { product: product.slug, version: "3.0.0", channel: "stable", notes: "" };
    expect(await statusOf(createRelease({ actor: supportActor(), input }))).toBe(403);
    expect(
      await statusOf(createRelease({ actor: pipelineActor(["artifacts:write"]), input })),
    ).toBe(403);
    expect(await db().release.count({ where: { product: { slug: product.slug } } })).toBe(0);
    await expect(createRelease({ actor: SYSTEM, input })).resolves.toMatchObject({
      status: "DRAFT",
    });
  });
});

describe("createProduct", () => {
  it("creates stable and beta channels by default, audited, and refuses a duplicate slug", async () => {
    const slug = uniqueSlug();
    const request = requestInfo();
    const product = await createProduct({
      actor: staffActor(),
      request,
      input: { slug, name: "Agent" },
    });
    expect(product.channels).toEqual(["beta", "stable"]);
    expect(
      await db().auditEvent.count({
        where: { requestId: request.requestId, action: "products.created", targetId: product.id },
      }),
    ).toBe(1);
    expect(await statusOf(createProduct({ actor: SYSTEM, input: { slug, name: "Again" } }))).toBe(
      409,
    );
    expect(
      await statusOf(
        createProduct({ actor: supportActor(), input: { slug: uniqueSlug(), name: "No" } }),
      ),
    ).toBe(403);
  });
});
