import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readJson } from "./read-body";
import { AppError } from "@/lib/errors/app-error";

const schema = z.strictObject({ version: z.string() });

function request(
  body: BodyInit,
  headers: Record<string, string> = { "content-type": "application/json" },
) {
  return new Request("http://localhost/api/x", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as AppError).status;
  }
}

describe("readJson", () => {
  it("parses a valid body", async () => {
    await expect(readJson(request('{"version":"1.0.0"}'), schema, 1024)).resolves.toEqual({
      version: "1.0.0",
    });
  });
  it("415 for another content type", async () => {
    expect(
      await statusOf(readJson(request("{}", { "content-type": "text/plain" }), schema, 1024)),
    ).toBe(415);
  });
  it("413 when the body is larger than the limit, even without Content-Length", async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(`{"version":"${"x".repeat(5000)}"}`));
        c.close();
      },
    });
    expect(await statusOf(readJson(request(stream), schema, 1024))).toBe(413);
  });
  it("400 for malformed JSON and for unknown fields", async () => {
    expect(await statusOf(readJson(request("{nope"), schema, 1024))).toBe(400);
    expect(await statusOf(readJson(request('{"version":"1","extra":1}'), schema, 1024))).toBe(400);
  });
});
