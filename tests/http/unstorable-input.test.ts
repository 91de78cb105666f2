// Text PostgreSQL cannot store (a NUL, a lone UTF-16 surrogate) is refused with a 400 wherever
// input enters: form bodies, JSON bodies and their keys, path segments, server action inputs.
// Each refusal is in the audit trail, with what was sent sanitised and marked so.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET as downloadRoute } from "@/app/api/downloads/[id]/route";
import { recordAudit } from "@/lib/audit/record-audit";
import { ANONYMOUS } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { toAppError } from "@/lib/http/error-mapper";
import { listCustomers } from "@/lib/licensing/list-customers";
import { listLicenses } from "@/lib/licensing/list-licenses";
import { basic, callToken, makeAgent as makeOauthAgent, staff, uniqueIp } from "../oauth/factories";
import { createSession, createStaffUser, uniqueLoopbackIp } from "../identity/factories";
import { callUpdate, checkBody, makeWorld, release } from "../updates/factories";
import { seedProduct } from "../releases/factories";

// Server actions read their request headers from next/headers, which exists only inside a
// Next.js request; the test stands in for that one function and runs the real action.
const actionHeaders = vi.hoisted(() => ({ current: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => actionHeaders.current }));

const auditOf = (requestId: string) => db().auditEvent.findMany({ where: { requestId } });

describe("token endpoint form parameters", () => {
  it.each([
    ["grant_type", (id: string) => `grant_type=client_credentials%00&client_id=${id}`],
    ["client_id", (id: string) => `grant_type=client_credentials&client_id=${id}%00`],
    [
      "scope",
      (id: string) => `grant_type=client_credentials&client_id=${id}&scope=update:check%00`,
    ],
    ["a parameter name", (id: string) => `grant_type=client_credentials&client_id=${id}&x%00=1`],
  ])("refuses %s carrying a NUL with 400 and audits it", async (_what, form) => {
    const { client, secret } = await makeOauthAgent();
    const { res, body, requestId } = await callToken({
      form: `${form(client.clientId)}&client_secret=${secret}`,
      ip: uniqueIp(),
    });
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_request" });
    const events = await auditOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "oauth.token_refused", result: "FAILURE" });
  });

  it("refuses HTTP Basic credentials carrying a NUL and audits the client id it claimed, sanitised", async () => {
    const { res, requestId } = await callToken({
      authorization: basic("demo\u0000agent", "secret"),
      form: { grant_type: "client_credentials" },
    });
    expect(res.status).toBe(400);
    const [event] = await auditOf(requestId);
    expect(event?.metadata).toMatchObject({ clientId: "demo\uFFFDagent" });
  });
});

describe("JSON bodies", () => {
  it('refuses an update body with the key "\\u0000" with a 400 problem, and audits it', async () => {
    const w = await makeWorld();
    await release(w.product.slug, "1.0.0");
    const body = { ...checkBody(w.product.slug, "1.0.0"), "\u0000": "x" };
    const { res, json, requestId } = await callUpdate(body, { token: w.agent.token });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(json.errors).toEqual([expect.objectContaining({ path: "\uFFFD" })]);
    const [event] = await auditOf(requestId);
    expect(event).toMatchObject({ action: "request.rejected", actorId: w.agent.client.id });
  });

  it("refuses a lone surrogate in a JSON string value", async () => {
    const w = await makeWorld();
    await release(w.product.slug, "1.0.0");
    const text = JSON.stringify(checkBody(w.product.slug, "1.0.0")).replace(
      `"${w.product.slug}"`,
      `"${w.product.slug}\\ud800"`,
    );
    const { res, json, requestId } = await callUpdate(text, { token: w.agent.token });
    expect(res.status).toBe(400);
    expect(json.errors).toEqual([expect.objectContaining({ path: "products.0.product" })]);
    expect(await auditOf(requestId)).toHaveLength(1);
  });
});

describe("path parameters", () => {
  it("refuses GET /api/downloads/%00 with a 400 problem and audits it", async () => {
    const requestId = `req-${randomUUID()}`;
    const res = await downloadRoute(
      new Request("http://localhost/api/downloads/%00?exp=1&sub=x&sig=y", {
        headers: { "x-tollgate-peer": uniqueIp(), "x-request-id": requestId },
      }),
      { params: Promise.resolve({ id: "\u0000" }) },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const [event] = await auditOf(requestId);
    expect(event).toMatchObject({ action: "request.rejected", targetId: "downloads.get" });
  });
});

describe("server action inputs", () => {
  beforeEach(() => {
    actionHeaders.current = new Headers();
  });

  it("refuses release notes containing \\u0000 with a validation error, and audits it", async () => {
    const { createReleaseAction } = await import("@/app/admin/products/[slug]/actions");
    const user = await createStaffUser({ permissions: ["releases:write", "releases:read"] });
    const { token } = await createSession(user.id);
    const requestId = `req-${randomUUID()}`;
    actionHeaders.current = new Headers({
      cookie: `tollgate.session=${token}`,
      "x-tollgate-peer": uniqueLoopbackIp(),
      "x-request-id": requestId,
      origin: new URL(env().APP_URL).origin,
      "sec-fetch-site": "same-origin",
    });
    const product = await seedProduct();
    const result = await createReleaseAction({
      product: product.slug,
      version: "1.0.0",
      channel: "stable",
      notes: "fixes\u0000",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request" } });
    if (!result.ok) expect(result.error.fieldErrors).toHaveProperty("notes");
    expect(await db().release.count({ where: { productId: product.id } })).toBe(0);
    const [event] = await auditOf(requestId);
    expect(event).toMatchObject({
      action: "request.rejected",
      targetId: "action:releases.create",
      actorId: user.id,
    });
  });
});

describe("page search parameters", () => {
  it.each([
    ["customers", () => listCustomers({ actor: staff(), input: { search: "acme\u0000" } })],
    ["licenses", () => listLicenses({ actor: staff(), input: { search: "\ud800" } })],
  ])("refuse a %s search PostgreSQL cannot store as invalid input", async (_what, search) => {
    const error = toAppError(await search().catch((e: unknown) => e));
    expect(error).toMatchObject({ status: 400, extra: { errors: [{ path: "search" }] } });
  });
});

describe("recordAudit", () => {
  it("records what PostgreSQL cannot store, sanitised, and says that it did", async () => {
    const requestId = `req-${randomUUID()}`;
    await recordAudit(db(), {
      action: "request.rejected",
      actor: ANONYMOUS,
      request: { requestId, ip: "198.51.100.9", userAgent: "agent\u0000" },
      result: "FAILURE",
      reason: "bad \ud800 input",
      target: { type: "route", id: "/api/\u0000" },
      metadata: { "\u0000": "\udc00" },
    });
    const [event] = await auditOf(requestId);
    expect(event).toMatchObject({
      reason: "bad \uFFFD input",
      userAgent: "agent\uFFFD",
      targetId: "/api/\uFFFD",
      metadata: { "\uFFFD": "\uFFFD", inputSanitized: true },
    });
  });

  it("leaves clean input as it is, unmarked", async () => {
    const requestId = `req-${randomUUID()}`;
    await recordAudit(db(), {
      action: "request.rejected",
      actor: ANONYMOUS,
      request: { requestId },
      reason: "emoji \u{1F600} stay",
      metadata: { note: "fine" },
    });
    const [event] = await auditOf(requestId);
    expect(event?.reason).toBe("emoji \u{1F600} stay");
    expect(event?.metadata).toEqual({ note: "fine" });
  });
});
