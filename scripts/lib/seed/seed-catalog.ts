// Product acme-server with published releases and small real artifacts (a runnable shell script
// per platform), so the update API, the agent and downloads have something true to serve.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { createProduct } from "@/lib/releases/create-product";
import { createRelease } from "@/lib/releases/create-release";
import { publishRelease } from "@/lib/releases/publish-release";
import { uploadArtifact } from "@/lib/releases/upload-artifact";

export const DEMO_RELEASES = [
  { version: "1.0.0", channel: "stable", notes: "First release.", critical: false },
  {
    version: "1.1.0",
    channel: "stable",
    notes: "Faster startup.\n\n- New `--quiet` flag",
    critical: false,
  },
  {
    version: "2.0.0",
    channel: "stable",
    notes: "## Highlights\n\n- New storage engine\n- **Breaking:** config file moved",
    critical: true,
  },
  { version: "2.1.0-beta.1", channel: "beta", notes: "Preview of the 2.1 line.", critical: false },
] as const;

const TARGETS = [
  { platform: "linux", arch: "x64", ext: "sh" },
  { platform: "windows", arch: "x64", ext: "cmd" },
] as const;

export function demoArtifact(version: string, platform: string): Buffer {
  return Buffer.from(
    platform === "windows"
      ? `@echo off\r\necho acme-server ${version} (windows/x64)\r\n`
      : `#!/bin/sh\necho "acme-server ${version} (${platform}/x64)"\n`,
  );
}

export async function seedCatalog(actor: Actor): Promise<{ productId: string }> {
  const existing = await db().product.findUnique({ where: { slug: "acme-server" } });
  const productId =
    existing?.id ??
    (
      await createProduct({
        actor,
        input: {
          slug: "acme-server",
          name: "Acme Server",
          description: "The Acme application server.",
          channels: ["stable", "beta"],
        },
      })
    ).id;
  for (const r of DEMO_RELEASES) {
    const found = await db().release.findUnique({
      where: { productId_version: { productId, version: r.version } },
    });
    if (found?.status === "PUBLISHED") continue;
    const release =
      found ??
      (await createRelease({
        actor,
        input: {
          product: "acme-server",
          version: r.version,
          channel: r.channel,
          notes: r.notes,
          critical: r.critical,
        },
      }));
    for (const t of TARGETS) {
      const bytes = demoArtifact(r.version, t.platform);
      await uploadArtifact({
        actor,
        input: {
          releaseId: release.id,
          platform: t.platform,
          arch: t.arch,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          fileName: `acme-server-${r.version}-${t.platform}-${t.arch}.${t.ext}`,
        },
        body: Readable.from([bytes]),
      });
    }
    await publishRelease({ actor, input: { releaseId: release.id } });
  }
  return { productId };
}
