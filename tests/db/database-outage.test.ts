// A database outage through the real route handlers: with the app's pool pointed at a stopped
// server (nothing listening), or at a frozen one (a socket that accepts and never answers, which
// is what clients see of a SIGSTOPped postmaster), requests answer 503 problem+json with
// Retry-After instead of 500 or hanging. Statement time is bounded on the real database.
import { createServer, type Server } from "node:net";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { POST as tokenRoute } from "@/app/api/oauth/token/route";
import ErrorPage from "@/app/error";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { toAppError } from "@/lib/http/error-mapper";
import { Prisma } from "@/lib/generated/prisma/client";

const globalForDb = globalThis as unknown as { tollgateDb?: ReturnType<typeof db> };
const saved = { ...process.env };

// Swaps the app's database client for one built from the given environment.
async function useDatabase(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  resetEnvForTests();
  globalForDb.tollgateDb = undefined;
}

afterEach(async () => {
  await globalForDb.tollgateDb?.$disconnect().catch(() => undefined);
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
  globalForDb.tollgateDb = undefined;
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

// A port where a database was and is no more.
async function closedPort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const tokenRequest = () =>
  tokenRoute(
    new Request("http://localhost/api/oauth/token", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-tollgate-peer": "198.51.100.77",
      },
      body: "grant_type=client_credentials&client_id=demo-agent&client_secret=demo-agent-secret",
    }),
    { params: Promise.resolve({}) },
  );

async function expectUnavailable(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: 503, code: "unavailable" });
  expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|Prisma|P1001|terminated/);
}

describe("a database outage", () => {
  it("answers 503 problem+json with Retry-After when the database is down", async () => {
    const url = new URL(process.env.DATABASE_URL ?? "");
    url.port = String(await closedPort());
    await useDatabase({ DATABASE_URL: url.toString() });
    await expectUnavailable(await tokenRequest());
  });

  it("answers 503 when the database accepts connections but never answers", async () => {
    const held: import("node:net").Socket[] = [];
    const frozen = createServer((socket) => held.push(socket));
    const url = new URL(process.env.DATABASE_URL ?? "");
    url.port = String(await listen(frozen));
    try {
      await useDatabase({ DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT: "1" });
      // It answers at all (the connect timeout bounds it); without one it would hang.
      await expectUnavailable(await tokenRequest());
    } finally {
      held.forEach((s) => s.destroy());
      await new Promise((resolve) => frozen.close(resolve));
    }
  });

  it("bounds every statement on the real database, and maps the cancellation to 503", async () => {
    await useDatabase({ DATABASE_STATEMENT_TIMEOUT: "1" });
    const [setting] = await db().$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
    expect(setting?.statement_timeout).toBe("1s");
    const error = await db().$queryRaw`SELECT pg_sleep(3)`
      .then(() => null)
      .catch((e: unknown) => e);
    expect(toAppError(error)).toMatchObject({ status: 503, code: "unavailable" });
  });
});

describe("the error mapper", () => {
  it.each([
    [
      "a refused connection",
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    ],
    ["a terminated connection", new Error("Connection terminated unexpectedly")],
    ["a connect timeout", new Error("timeout exceeded when trying to connect")],
    [
      "Prisma's server-closed-the-connection",
      new Prisma.PrismaClientKnownRequestError("closed", { code: "P1017", clientVersion: "7" }),
    ],
  ])("maps %s to 503", (_what, error) => {
    expect(toAppError(error)).toMatchObject({ status: 503 });
  });

  it("still maps other errors as before", () => {
    expect(
      toAppError(
        new Prisma.PrismaClientKnownRequestError("dup", { code: "P2002", clientVersion: "7" }),
      ).status,
    ).toBe(409);
    expect(toAppError(new Error("boom")).status).toBe(500);
  });
});

describe("the pages' error boundary", () => {
  it("shows a readable 'temporarily unavailable' page with a retry and the reference", () => {
    const html = renderToStaticMarkup(
      createElement(ErrorPage, {
        error: Object.assign(new Error("hidden in production"), { digest: "digest-123" }),
        reset: () => undefined,
      }),
    );
    expect(html).toContain("Tollgate is temporarily unavailable");
    expect(html).toContain("Try again");
    expect(html).toContain("digest-123");
    expect(html).not.toContain("hidden in production");
  });
});
