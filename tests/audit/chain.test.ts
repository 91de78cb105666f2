// The audit trail is tamper-evident: the database alone sets each event's time, position and
// hash; concurrent writers cannot fork the chain; and the verifier names exactly the events that
// the database owner edited, deleted or reordered, and a tail cut off after a signed checkpoint.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { runVerification, CHAIN_BROKEN_ALERT } from "@/lib/audit/run-verification";
import { verifyChain, type ChainBreak } from "@/lib/audit/verify-chain";
import { writeCheckpoint } from "@/lib/audit/write-checkpoint";
import { readExportedCheckpoints } from "@/lib/audit/checkpoint-store";
import { signCheckpoint } from "@/lib/audit/checkpoint-statement";
import { db } from "@/lib/db/client";
import { pgPoolConfig } from "@/lib/db/pg-config";
import { createCustomer } from "@/lib/licensing/create-customer";
import { withIsolatedDatabase } from "../authz/isolated-database";
import { admin, uniq } from "../licensing/factories";

withIsolatedDatabase();

let owner: pg.Client;
let app: pg.Client;

const connect = async (url: string | undefined) => {
  const client = new pg.Client(pgPoolConfig(url ?? ""));
  await client.connect();
  return client;
};

beforeAll(async () => {
  owner = await connect(process.env.MIGRATION_DATABASE_URL);
  app = await connect(process.env.DATABASE_URL);
});

afterAll(async () => {
  await owner?.end();
  await app?.end();
});

async function writeEvents(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await recordAudit(db(), {
      action: "system.seeded",
      actor: systemActor("chain-test"),
      reason: `event ${i} ${randomUUID()}`,
      metadata: { i },
    });
    ids.push(id);
  }
  return ids;
}

const seqOf = async (id: string) =>
  (await db().auditEvent.findFirstOrThrow({ where: { id }, select: { seq: true } })).seq;

const verify = async () => (await verifyChain(app)).breaks;

describe("the database sets time, order and hashes", () => {
  it("ignores the seq, time and hashes a caller sends", async () => {
    const { rows } = await app.query<{ id: string }>(
      `INSERT INTO "AuditEvent" ("action", "result", "actorType", "seq", "at", "prevHash", "hash")
       VALUES ('system.seeded', 'SUCCESS', 'SYSTEM', 900000, '2001-01-01', 'forged', 'forged')
       RETURNING "id"`,
    );
    const event = await db().auditEvent.findFirstOrThrow({ where: { id: rows[0]?.id ?? "" } });
    expect(event.seq).not.toBe(900000n);
    expect(event.at.getUTCFullYear()).toBeGreaterThan(2001);
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(event.prevHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verify()).toEqual([]);
  });

  it("keeps the chain head out of the app role's reach", async () => {
    const attempt = await app
      .query(`UPDATE audit_chain.head SET seq = 0`)
      .then(() => "ok")
      .catch((e: { code?: string }) => e.code);
    expect(attempt).toBe("42501");
  });

  it("chains concurrent writers into one gapless line, in commit order", async () => {
    const before = await db().auditEvent.count();
    // Twelve connections, each with transactions open at the same time, interleaving inserts.
    const writers = await Promise.all(
      Array.from({ length: 12 }, () => connect(process.env.DATABASE_URL)),
    );
    try {
      await Promise.all(writers.map((w) => w.query("BEGIN")));
      for (let j = 0; j < 3; j++) {
        await Promise.all(
          writers.map((w, i) =>
            w.query(
              `INSERT INTO "AuditEvent" ("action", "result", "actorType", "metadata")
               VALUES ('system.seeded', 'SUCCESS', 'SYSTEM', $1)`,
              [{ writer: i, j }],
            ),
          ),
        );
      }
      await Promise.all(writers.map((w) => w.query("COMMIT")));
    } finally {
      await Promise.all(writers.map((w) => w.end()));
    }
    const events = await db().auditEvent.findMany({
      orderBy: { seq: "asc" },
      select: { seq: true, at: true },
    });
    expect(events).toHaveLength(before + 36);
    events.forEach((e, i) => expect(e.seq).toBe(BigInt(i + 1)));
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.at.getTime()).toBeGreaterThanOrEqual(events[i - 1]?.at.getTime() ?? 0);
    }
    expect(await verify()).toEqual([]);
  });
});

// Each scenario tampers with a fresh stretch at the end of the chain, so the breaks found are
// those of the earlier scenarios (the baseline) followed by exactly the new ones.
describe("the verifier names exactly the tampered events", () => {
  const rehash = (id: string) =>
    owner.query(
      `UPDATE "AuditEvent" e SET "hash" = audit_chain.hash(e."prevHash", audit_chain.canonical(e)) WHERE "id" = $1`,
      [id],
    );

  it("an edited event", async () => {
    const baseline = await verify();
    const [, edited = ""] = await writeEvents(3);
    await owner.query(`UPDATE "AuditEvent" SET "reason" = 'nothing happened' WHERE "id" = $1`, [
      edited,
    ]);
    expect(await verify()).toEqual<ChainBreak[]>([
      ...baseline,
      { kind: "content_mismatch", seq: String(await seqOf(edited)), id: edited },
    ]);
  });

  it("an edited event whose hash was recomputed to match: the link after it breaks", async () => {
    const baseline = await verify();
    const [, edited = "", next = ""] = await writeEvents(3);
    await owner.query(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "id" = $1`, [
      edited,
    ]);
    await rehash(edited);
    expect(await verify()).toEqual<ChainBreak[]>([
      ...baseline,
      { kind: "link_mismatch", seq: String(await seqOf(next)), id: next },
    ]);
  });

  it("a deleted event", async () => {
    const baseline = await verify();
    const [, deleted = ""] = await writeEvents(3);
    const seq = String(await seqOf(deleted));
    await owner.query(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [deleted]);
    expect(await verify()).toEqual<ChainBreak[]>([
      ...baseline,
      { kind: "missing", fromSeq: seq, toSeq: seq },
    ]);
  });

  it("two events swapped in order", async () => {
    const baseline = await verify();
    const [, a = "", , b = ""] = await writeEvents(5);
    const [seqA, seqB] = [await seqOf(a), await seqOf(b)];
    await owner.query(`UPDATE "AuditEvent" SET "seq" = -1 WHERE "id" = $1`, [a]);
    await owner.query(`UPDATE "AuditEvent" SET "seq" = $2 WHERE "id" = $1`, [b, seqA]);
    await owner.query(`UPDATE "AuditEvent" SET "seq" = $2 WHERE "id" = $1`, [a, seqB]);
    expect(await verify()).toEqual<ChainBreak[]>([
      ...baseline,
      { kind: "content_mismatch", seq: String(seqA), id: b },
      { kind: "content_mismatch", seq: String(seqB), id: a },
    ]);
  });

  it("a tampered trail raises a critical alert when verified", async () => {
    const report = await runVerification({ url: process.env.DATABASE_URL });
    expect(report.ok).toBe(false);
    const alert = await db().alert.findFirstOrThrow({ where: { kind: CHAIN_BROKEN_ALERT } });
    expect(alert).toMatchObject({ severity: "CRITICAL", status: "OPEN" });
  });
});

describe("signed checkpoints", () => {
  it("catch the newest events being deleted, also when the checkpoint rows go too", async () => {
    await writeEvents(2);
    const statement = await writeCheckpoint();
    expect(statement?.keyId).toBeTruthy();
    const exported = await readExportedCheckpoints();
    expect(exported.map((c) => c.seq)).toContain(statement?.seq);
    const clean = await runVerification({ alert: false });
    expect(clean.breaks.some((b) => b.kind === "truncated")).toBe(false);

    // A careful owner deletes the newest events, the checkpoint rows, and winds the chain head
    // back, leaving a shorter chain that is intact in itself. The exported copy still tells.
    const cut = BigInt(statement?.seq ?? "0") - 3n;
    await owner.query(`DELETE FROM "AuditEvent" WHERE "seq" > $1`, [cut]);
    await owner.query(`DELETE FROM "AuditCheckpoint"`);
    await owner.query(
      `UPDATE audit_chain.head SET seq = e."seq", hash = e."hash", at = e."at"
         FROM "AuditEvent" e WHERE e."seq" = $1`,
      [cut],
    );
    const report = await verifyChain(app, { checkpoints: exported });
    expect(report.breaks).toEqual<ChainBreak[]>([
      ...clean.breaks,
      { kind: "truncated", checkpointSeq: statement?.seq ?? "", headSeq: String(cut) },
    ]);
  });

  it("refuses a checkpoint that was not signed by a known key", async () => {
    const forged = { ...signCheckpoint({ seq: "1", hash: "0".repeat(64), chainedAt: "x" }) };
    forged.hash = "f".repeat(64);
    const report = await verifyChain(app, { checkpoints: [forged] });
    expect(report.breaks.at(-1)).toEqual({
      kind: "checkpoint_invalid",
      seq: "1",
      reason: "bad signature",
    });
  });

  it("are append-only for the app role", async () => {
    const attempt = await app
      .query(`DELETE FROM "AuditCheckpoint"`)
      .then(() => "ok")
      .catch((e: { code?: string }) => e.code);
    expect(attempt).toBe("42501");
  });
});

describe("audit is part of the change", () => {
  it("a failing audit write rolls the change back", async () => {
    // The owner makes the audit insert fail for this one action, as a full disk or a broken
    // constraint would.
    await owner.query(`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
    await owner.query(`CREATE TRIGGER fail_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW
      WHEN (NEW."action" = 'customers.created') EXECUTE FUNCTION fail_audit()`);
    const slug = uniq("rollback");
    try {
      await expect(
        createCustomer({ actor: admin(), input: { slug, name: "Rolled Back" } }),
      ).rejects.toThrow();
    } finally {
      await owner.query(`DROP TRIGGER fail_audit ON "AuditEvent"`);
    }
    expect(await db().customer.findUnique({ where: { slug } })).toBeNull();
    // The same call commits both once the audit store works again.
    await createCustomer({ actor: admin(), input: { slug, name: "Rolled Back" } });
    expect(await db().customer.findUnique({ where: { slug } })).not.toBeNull();
  });
});
