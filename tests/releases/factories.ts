// Unique data per test: products, actors and releases built through the real operations.
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll } from "vitest";
import type { ClientActor, StaffActor } from "@/lib/authz/actor";
import { systemActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { resetEnvForTests } from "@/lib/env";
import { createProduct } from "@/lib/releases/create-product";
import { createRelease } from "@/lib/releases/create-release";
import { publishRelease } from "@/lib/releases/publish-release";
import { uploadArtifact } from "@/lib/releases/upload-artifact";
import type { Arch, Platform } from "@/lib/releases/upload-artifact.schema";

// Storage on a temporary directory of this test file, removed when the file's tests end.
export function storeInTemporaryDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-releases-"));
  process.env.STORAGE_DIR = dir;
  resetEnvForTests();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const hex = () => randomUUID().replace(/-/g, "");
export const uniqueSlug = (prefix = "prod") => `${prefix}-${hex().slice(0, 12)}`;
export const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
export const SYSTEM = systemActor("test-seed");

const RELEASE_PERMISSIONS: Permission[] = [
  "products:read",
  "products:write",
  "releases:read",
  "releases:write",
  "releases:publish",
  "releases:yank",
  "artifacts:read",
  "artifacts:write",
];

export function staffActor(
  permissions: Permission[] = RELEASE_PERMISSIONS,
  roles = ["release-manager"],
): StaffActor {
  return {
    type: "USER",
    kind: "STAFF",
    userId: `usr_${hex()}`,
    email: `staff-${hex().slice(0, 8)}@vendor.test`,
    sessionId: null,
    roles,
    permissions: new Set(permissions),
    stepUpAt: null,
  };
}

export const supportActor = () =>
  staffActor(["products:read", "releases:read", "customers:read"], ["support"]);

export function pipelineActor(
  scopes: Permission[] = ["releases:write", "artifacts:write", "releases:publish", "releases:yank"],
): ClientActor {
  return {
    type: "SERVICE",
    apiClientId: `cli_${hex()}`,
    clientId: `pipeline-${hex().slice(0, 8)}`,
    customerId: null,
    licenseId: null,
    roles: [],
    permissions: new Set(scopes),
  };
}

export const requestInfo = () => ({
  requestId: `req-${hex()}`,
  ip: "198.51.100.20",
  userAgent: "release-tests",
});

export async function seedProduct(channels?: string[]) {
  return createProduct({
    actor: SYSTEM,
    input: { slug: uniqueSlug(), name: "Test product", channels },
  });
}

export async function draft(product: string, version: string, channel = "stable") {
  return createRelease({
    actor: SYSTEM,
    input: { product, version, channel, notes: `Release ${version}` },
  });
}

export async function upload(
  releaseId: string,
  platform: Platform = "linux",
  arch: Arch = "x64",
  content: string | Buffer = `build-${hex()}`,
) {
  const data = Buffer.from(content);
  return uploadArtifact({
    actor: SYSTEM,
    input: { releaseId, platform, arch, sha256: sha256(data) },
    body: Readable.from([data]),
  });
}

export async function published(
  product: string,
  version: string,
  options: { channel?: string; targets?: Array<[Platform, Arch]> } = {},
) {
  const release = await draft(product, version, options.channel);
  for (const [platform, arch] of options.targets ?? [["linux", "x64"]])
    await upload(release.id, platform, arch);
  return publishRelease({ actor: SYSTEM, input: { releaseId: release.id } });
}

export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the operation to fail");
    },
    (error: unknown) => error,
  );
}
