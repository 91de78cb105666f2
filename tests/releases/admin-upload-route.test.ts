// The staff portal's upload route, through its whole guard chain with real sessions: a release
// manager's upload lands (streamed, checksummed, signed, audited); a support user's is refused
// with 403 before anything is read or stored, and the refusal is in the audit trail. The build
// pipeline's route shares the request parsing (uploadArtifactFromRequest), so both answer alike.
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { uploadErrorMessage } from "@/app/admin/products/[slug]/releases/[id]/upload-error-message";
import { readReleaseFilters } from "@/app/admin/products/[slug]/release-filters";
import { PUT as staffUploadRoute } from "@/app/api/admin/releases/[id]/artifacts/[platform]/[arch]/route";
import { PUT as pipelineUploadRoute } from "@/app/api/releases/[id]/artifacts/[platform]/[arch]/route";
import { ReleaseNotes } from "@/components/releases/release-notes";
import type { Permission } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { verifyArtifactSignature } from "@/lib/signing/artifact-signature";
import {
  cookieHeaders,
  createSession,
  createStaffUser,
  uniqueLoopbackIp,
} from "../identity/factories";
import { draft, seedProduct, sha256, storeInTemporaryDir } from "./factories";

storeInTemporaryDir();

const RELEASE_MANAGER: Permission[] = ["releases:read", "releases:write", "artifacts:write"];
const SUPPORT: Permission[] = ["products:read", "releases:read", "customers:read"];

async function staffSession(permissions: Permission[]) {
  const user = await createStaffUser({ permissions });
  const { token } = await createSession(user.id);
  return { user, token };
}

function put(
  releaseId: string,
  token: string,
  content: string,
  headers: Record<string, string> = {},
  target = "linux/x64",
) {
  const requestId = `req-${randomUUID()}`;
  const [platform = "linux", arch = "x64"] = target.split("/");
  const origin = new URL(env().APP_URL).origin;
  const req = new Request(
    `${origin}/api/admin/releases/${releaseId}/artifacts/${platform}/${arch}`,
    {
      method: "PUT",
      body: content,
      headers: Object.fromEntries([
        ...cookieHeaders(token, {
          origin,
          "sec-fetch-site": "same-origin",
          "x-tollgate-peer": uniqueLoopbackIp(),
          "x-request-id": requestId,
          "x-checksum-sha256": sha256(content),
          "x-file-name": `build-${platform}-${arch}.tar.gz`,
          ...headers,
        }).entries(),
      ]),
    },
  );
  const response = staffUploadRoute(req, {
    params: Promise.resolve({ id: releaseId, platform, arch }),
  });
  return { requestId, response };
}

describe("staff upload route", () => {
  it("is for staff holding artifacts:write, and shares the pipeline route's URL parameters", () => {
    expect(staffUploadRoute.spec.access).toEqual({ kind: "staff", permission: "artifacts:write" });
    expect(staffUploadRoute.spec.params).toBe(pipelineUploadRoute.spec.params);
  });

  it("stores, signs and audits a release manager's upload", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    const { user, token } = await staffSession(RELEASE_MANAGER);
    const content = `portal build ${randomUUID()}`;

    const { requestId, response } = put(release.id, token, content);
    const res = await response;

    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      sha256: string;
      size: number;
      signature: string;
      keyId: string;
      fileName: string;
    };
    expect(body).toMatchObject({
      sha256: sha256(content),
      size: Buffer.byteLength(content),
      fileName: "build-linux-x64.tar.gz",
    });
    const artifact = await db().artifact.findFirstOrThrow({ where: { releaseId: release.id } });
    expect(artifact.sha256).toBe(sha256(content));
    expect(
      verifyArtifactSignature(
        {
          product: product.slug,
          version: "1.0.0",
          platform: "linux",
          arch: "x64",
          size: body.size,
          sha256: body.sha256,
        },
        { signature: body.signature, keyId: body.keyId },
      ),
    ).toBe(true);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { requestId, action: "artifacts.uploaded" },
    });
    expect(event).toMatchObject({
      actorId: user.id,
      actorLabel: user.email,
      result: "SUCCESS",
      targetId: artifact.id,
    });
    expect(event.actorPermissions).toEqual(expect.arrayContaining(["artifacts:write"]));
  });

  it("refuses a support user with 403, stores nothing, and audits the refusal", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    const { user, token } = await staffSession(SUPPORT);

    const { requestId, response } = put(release.id, token, "not allowed");
    const res = await response;

    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      code: "forbidden",
      detail: "This requires the permission artifacts:write.",
    });
    expect(await db().artifact.count({ where: { releaseId: release.id } })).toBe(0);
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId } });
    expect(event).toMatchObject({
      action: "access.denied",
      result: "DENIED",
      actorId: user.id,
      targetId: "admin.releases.upload_artifact",
    });
    expect(event.actorPermissions.sort()).toEqual([...SUPPORT].sort());
  });

  it("refuses a request without a staff session", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    const { response } = put(release.id, "not-a-session", "anonymous");
    expect((await response).status).toBe(401);
    expect(await db().artifact.count({ where: { releaseId: release.id } })).toBe(0);
  });

  it("answers a checksum mismatch with 422 naming sha256, keeps nothing, and the form explains it", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    const { token } = await staffSession(RELEASE_MANAGER);

    const { response } = put(release.id, token, "what was sent", {
      "x-checksum-sha256": sha256("what was hashed"),
    });
    const res = await response;

    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(["sha256"]);
    expect(await db().artifact.count({ where: { releaseId: release.id } })).toBe(0);
    expect(uploadErrorMessage(res.status, problem)).toMatch(
      /^Checksum mismatch: .*nothing was stored/,
    );
  });

  it("refuses an upload to a published release with the domain's reason", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    await db().release.update({ where: { id: release.id }, data: { status: "PUBLISHED" } });
    const { token } = await staffSession(RELEASE_MANAGER);
    const res = await put(release.id, token, "late build").response;
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { detail: string };
    expect(uploadErrorMessage(409, problem)).toBe(
      "Artifacts can be uploaded only to a draft release.",
    );
  });
});

describe("upload error messages", () => {
  it("say what happened for each kind of refusal", () => {
    expect(uploadErrorMessage(0, null)).toMatch(/did not reach the server/);
    expect(uploadErrorMessage(401, { detail: "Sign in to the staff portal." })).toMatch(
      /session has ended/,
    );
    expect(
      uploadErrorMessage(400, {
        detail: "The file name (X-File-Name) cannot be used.",
        errors: [{ path: "x-file-name", message: "no path" }],
      }),
    ).toBe("The file name (X-File-Name) cannot be used.");
    expect(uploadErrorMessage(502, null)).toBe("The upload failed on the server (status 502).");
    expect(
      uploadErrorMessage(500, { detail: "An unexpected error occurred.", requestId: "req-1" }),
    ).toMatch(/request id req-1/);
  });
});

describe("release list filters", () => {
  it("keep known channels and statuses, and explain what they drop", () => {
    expect(
      readReleaseFilters({ channel: "beta", status: "Published" }, ["stable", "beta"]),
    ).toEqual({
      channel: "beta",
      status: "PUBLISHED",
      problems: [],
    });
    const bad = readReleaseFilters({ channel: "nightly", status: "constructor" }, ["stable"]);
    expect(bad.channel).toBeUndefined();
    expect(bad.status).toBeUndefined();
    expect(bad.problems).toHaveLength(2);
  });
});

describe("release notes rendering", () => {
  it("renders Markdown but never raw HTML or script links", () => {
    const html = renderToStaticMarkup(
      createElement(ReleaseNotes, {
        markdown:
          '## Fixes\n\n- **bold** item\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3))',
      }),
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<li>");
    // The HTML is shown as text, never as elements; the unsafe link loses its URL.
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/href="javascript:/i);
  });
});
