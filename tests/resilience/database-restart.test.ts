// PostgreSQL restarted under load, on a cluster of this test's own (the suite's shared test
// cluster keeps running): while it is down every request answers 503 problem+json (never 500, never
// a hang), no change is half-written and none lands without its audit event, and service resumes
// by itself once the database is back, with the same database client and no restart of the app.
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "@/lib/licensing/create-customer";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { toAppError } from "@/lib/http/error-mapper";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { createTestDatabase, TEST_DATA_ROOT } from "../../scripts/lib/test-database";
import { staff } from "../oauth/factories";
import { callUpdate, checkBody, hex, makeWorld, release } from "../updates/factories";

const globalForDb = globalThis as unknown as { tollgateDb?: ReturnType<typeof db> };
const root = path.join(TEST_DATA_ROOT, `restart-${process.pid}`);
let server: EmbeddedPostgres;
let port: number;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: found } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return found;
}

beforeAll(async () => {
  port = await freePort();
  server = await startEmbeddedPostgres({ root, port });
  const database = await createTestDatabase(server.superuserUrl(), "tollgate_restart");
  process.env.DATABASE_URL = database.appUrl;
  process.env.MIGRATION_DATABASE_URL = database.ownerUrl;
  // A short connect timeout: while the server is down, requests fail fast instead of queueing.
  process.env.DATABASE_CONNECT_TIMEOUT = "2";
  resetEnvForTests();
  globalForDb.tollgateDb = undefined;
}, 120_000);

afterAll(async () => {
  await globalForDb.tollgateDb?.$disconnect().catch(() => undefined);
  await server?.stop();
});

type Phase = "up" | "down" | "back";
interface Outcome {
  kind: "check" | "write";
  status: number;
  // The database's state when the call started.
  began: Phase;
  requestId?: string;
  slug?: string;
}

describe("PostgreSQL restarted under load", () => {
  it(
    "answers 503 while it is down, loses and half-writes nothing, and resumes by itself",
    {
      timeout: 180_000,
    },
    async () => {
      const { product, agent } = await makeWorld();
      await release(product.slug, "1.0.0");
      await release(product.slug, "2.0.0");
      const actor = staff(["customers:write"]);
      const prefix = `rs-${hex(3)}`;
      const outcomes: Outcome[] = [];
      let phase: Phase = "up";
      let running = true;

      const check = async (began: Phase): Promise<Outcome> => {
        const answer = await callUpdate(checkBody(product.slug, "1.0.0", {}, `m-${hex(3)}`), {
          token: agent.token,
        });
        if (answer.res.status === 503)
          expect(answer.res.headers.get("content-type")).toBe("application/problem+json");
        return { kind: "check", status: answer.res.status, began, requestId: answer.requestId };
      };
      const write = async (began: Phase): Promise<Outcome> => {
        const slug = `${prefix}-${hex(4)}`;
        try {
          await createCustomer({ actor, input: { slug, name: `Restart ${slug}` } });
          return { kind: "write", status: 200, began, slug };
        } catch (error) {
          return { kind: "write", status: toAppError(error).status, began, slug };
        }
      };
      // Four clients in a loop, half update checks and half staff writes.
      const clients = [check, write, check, write].map(async (call) => {
        while (running) {
          const outcome = await call(phase);
          outcomes.push(outcome);
          if (outcome.began === "up" && phase === "up") expect(outcome.status).toBe(200);
          else expect([200, 503]).toContain(outcome.status);
          if (outcome.status !== 200) await new Promise((r) => setTimeout(r, 50));
        }
      });

      await new Promise((r) => setTimeout(r, 1500));
      phase = "down";
      await server.stop();
      await new Promise((r) => setTimeout(r, 3000));
      const whileDown = outcomes.filter((o) => o.began === "down");
      expect(whileDown.length).toBeGreaterThan(0);
      expect(whileDown.every((o) => o.status === 503)).toBe(true);

      server = await startEmbeddedPostgres({ root, port });
      phase = "back";
      // Resumes with no help: the same client, the same pool.
      const deadline = Date.now() + 30_000;
      while (!outcomes.some((o) => o.began === "back" && o.status === 200 && o.kind === "check")) {
        if (Date.now() > deadline) throw new Error("service did not resume within 30 s");
        await new Promise((r) => setTimeout(r, 100));
      }
      const resumedAt = outcomes.length;
      await new Promise((r) => setTimeout(r, 1500));
      running = false;
      await Promise.all(clients);
      // Once a check succeeded again, everything after it succeeds too.
      const afterResume = outcomes.slice(resumedAt + 4);
      expect(afterResume.length).toBeGreaterThan(0);
      expect(afterResume.filter((o) => o.status !== 200)).toEqual([]);
      expect(outcomes.filter((o) => o.status === 503).length).toBeGreaterThan(0);

      // Every answered check has its audit event; every customer row has exactly one, and every
      // write reported done is there. A refused write may have committed just before the
      // connection dropped (its answer lost), but then with its audit event, never without.
      const answered = outcomes.filter((o) => o.kind === "check" && o.status === 200);
      const audited = await db().auditEvent.findMany({
        where: {
          action: "updates.checked",
          requestId: { in: answered.map((o) => o.requestId ?? "") },
        },
        select: { requestId: true },
      });
      expect(new Set(audited.map((a) => a.requestId)).size).toBe(answered.length);

      const rows = await db().customer.findMany({
        where: { slug: { startsWith: `${prefix}-` } },
        select: { id: true, slug: true },
      });
      const events = await db().auditEvent.findMany({
        where: { action: "customers.created", targetId: { in: rows.map((r) => r.id) } },
        select: { targetId: true },
      });
      expect(events.map((e) => e.targetId).sort()).toEqual(rows.map((r) => r.id).sort());
      const stored = new Set(rows.map((r) => r.slug));
      const done = outcomes.filter((o) => o.kind === "write" && o.status === 200);
      expect(done.filter((o) => !stored.has(o.slug ?? ""))).toEqual([]);
      expect(done.length).toBeGreaterThan(0);
    },
  );
});
