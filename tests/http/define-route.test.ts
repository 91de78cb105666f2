import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, defineRoute, json } from "@/lib/http/route";

const echo = defineRoute({
  name: "test.echo",
  access: { kind: "public", reason: "test" },
  body: z.strictObject({ version: z.string().max(10) }),
  handler: async ({ body }) => json({ got: body.version }),
});

const boom = defineRoute({
  name: "test.boom",
  access: { kind: "public", reason: "test" },
  handler: async () => {
    throw new Error("SELECT secret FROM license failed at /srv/app/lib/x.ts:12");
  },
});

const staffOnly = defineRoute({
  name: "test.staff_only",
  access: { kind: "staff", permission: "audit:read" },
  handler: async () => json({ ok: true }),
});

const noParams = { params: Promise.resolve({}) };

function post(body: string, requestId: string = randomUUID()) {
  return new Request("http://localhost/api/test", {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-request-id": requestId,
      "x-tollgate-peer": "192.0.2.44",
    },
  });
}

describe("defineRoute", () => {
  it("passes a valid body to the handler and tags the response with the request id", async () => {
    const res = await echo(post('{"version":"1.2.3"}', "req-abcdefgh"), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: "1.2.3" });
    expect(res.headers.get("x-request-id")).toBe("req-abcdefgh");
  });

  it("answers bad input with problem+json naming the field, and audits the rejection", async () => {
    const requestId = randomUUID();
    const res = await echo(post('{"version":"1.2.3-way-too-long","evil":1}', requestId), noParams);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as { errors: { path: string }[]; requestId: string };
    expect(body.requestId).toBe(requestId);
    expect(body.errors.map((e) => e.path).sort()).toEqual(["(body)", "version"]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId } });
    expect(event).toMatchObject({
      action: "request.rejected",
      result: "FAILURE",
      ip: "192.0.2.44",
      targetId: "test.echo",
    });
  });

  it("never leaks an internal error: 500 with only the request id", async () => {
    const res = await boom(new Request("http://localhost/api/boom"), noParams);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/SELECT|secret|\/srv\/app|\.ts:/);
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: "internal" });
  });

  it("refuses a staff route without a session and audits the attempt", async () => {
    const requestId = randomUUID();
    const res = await staffOnly(
      new Request("http://localhost/api/x", {
        headers: { "x-request-id": requestId, "x-tollgate-peer": "127.0.0.1" },
      }),
      noParams,
    );
    expect(res.status).toBe(401);
    expect(await db().auditEvent.count({ where: { requestId, result: "DENIED" } })).toBe(1);
  });

  it("keeps AppError statuses", async () => {
    const gone = defineRoute({
      name: "test.gone",
      access: { kind: "public", reason: "test" },
      handler: async () => {
        throw new AppError("conflict", "Already published.");
      },
    });
    expect((await gone(new Request("http://localhost/x"), noParams)).status).toBe(409);
  });
});
