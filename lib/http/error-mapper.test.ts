import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { toAppError } from "./error-mapper";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "./problem";

const prismaError = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('internal detail: relation "License" secret', {
    code,
    clientVersion: "7",
    meta,
  });

describe("toAppError", () => {
  it("maps zod errors to 400 with field paths", () => {
    const result = z.object({ product: z.string(), n: z.number() }).safeParse({ n: "x" });
    const error = toAppError(result.error);
    expect(error.status).toBe(400);
    expect(error.extra.errors?.map((e) => e.path).sort()).toEqual(["n", "product"]);
  });

  it("maps Prisma not-found to 404 and unique violations to 409 without the internal message", () => {
    expect(toAppError(prismaError("P2025")).status).toBe(404);
    const conflict = toAppError(prismaError("P2002", { target: ["version"] }));
    expect(conflict.status).toBe(409);
    expect(conflict.message).not.toContain("relation");
    expect(conflict.extra.errors).toEqual([{ path: "version", message: "already exists" }]);
  });

  it("turns anything else into a generic 500", () => {
    const error = toAppError(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"));
    expect(error.status).toBe(500);
    expect(error.message).not.toMatch(/ECONNREFUSED|hunter2/);
  });
});

describe("problemResponse", () => {
  it("renders RFC 9457 problem+json with the request id", async () => {
    const res = problemResponse(
      new AppError("conflict", "Version 1.0.0 exists."),
      "req-12345678",
      "/api/releases",
    );
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 409,
      title: "Conflict",
      detail: "Version 1.0.0 exists.",
      requestId: "req-12345678",
      instance: "/api/releases",
    });
    expect(typeof body.type).toBe("string");
  });
});
