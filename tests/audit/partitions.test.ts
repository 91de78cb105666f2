// The trail is partitioned by month: partitions are made ahead of time, the app role reaches
// them only through "AuditEvent" (and still cannot update or delete), and an event whose link
// at commit moves it into the next partition is linked exactly once. A database of its own:
// these tests change the partition layout.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAuditPartitions } from "@/lib/audit/ensure-partitions";
import { verifyChain } from "@/lib/audit/verify-chain";
import { db } from "@/lib/db/client";
import { pgPoolConfig } from "@/lib/db/pg-config";
import { withIsolatedDatabase } from "../authz/isolated-database";

withIsolatedDatabase();

let app: pg.Client;
let owner: pg.Client;

beforeAll(async () => {
  app = new pg.Client(pgPoolConfig(process.env.DATABASE_URL ?? ""));
  owner = new pg.Client(pgPoolConfig(process.env.MIGRATION_DATABASE_URL ?? ""));
  await Promise.all([app.connect(), owner.connect()]);
});

afterAll(async () => {
  await Promise.all([app?.end(), owner?.end()]);
});

const partitions = async () =>
  (
    await owner.query<{ name: string; bound: string }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '"AuditEvent"'::regclass ORDER BY 1`,
    )
  ).rows;

const insert = (client: pg.Client | pg.PoolClient, reason: string) =>
  client.query<{ id: string }>(
    `INSERT INTO "AuditEvent" ("action", "result", "actorType", "reason")
     VALUES ('system.seeded', 'SUCCESS', 'SYSTEM', $1) RETURNING "id"`,
    [reason],
  );

describe("audit partitions", () => {
  it("exist for this month and the next three, plus a default, and are made idempotently", async () => {
    const month = (offset: number) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() + offset);
      return `AuditEvent_${d.toISOString().slice(0, 7).replace("-", "_")}`;
    };
    const names = (await partitions()).map((p) => p.name);
    for (const offset of [0, 1, 2, 3]) expect(names).toContain(month(offset));
    expect(names).toContain("AuditEvent_default");
    // The app calls it (at start and daily, as its own role); a second call makes nothing new.
    expect(await ensureAuditPartitions(db(), 5)).toBe(2);
    expect(await ensureAuditPartitions(db(), 5)).toBe(0);
    expect((await partitions()).map((p) => p.name)).toContain(month(5));
  });

  it("are out of the app role's reach except through AuditEvent, which stays append-only", async () => {
    const { rows } = await insert(app, "through the parent");
    const id = rows[0]?.id ?? "";
    const [p] = await partitions();
    for (const sql of [
      `SELECT * FROM audit_partitions."${p?.name}"`,
      `UPDATE audit_partitions."${p?.name}" SET "reason" = 'x'`,
      `DELETE FROM audit_partitions."${p?.name}"`,
      `UPDATE "AuditEvent" SET "reason" = 'x' WHERE "id" = '${id}'`,
      `DELETE FROM "AuditEvent" WHERE "id" = '${id}'`,
      `TRUNCATE "AuditEvent"`,
    ]) {
      await expect(app.query(sql), sql).rejects.toMatchObject({ code: "42501" });
    }
    const still = await app.query(`SELECT "reason" FROM "AuditEvent" WHERE "id" = $1`, [id]);
    expect(still.rows).toEqual([{ reason: "through the parent" }]);
  });

  it("links an event once when linking moves it into the next partition", async () => {
    // A partition boundary two seconds from now, inside this month's range: split the month.
    const { rows: clock } = await owner.query<{ boundary: string }>(
      `SELECT to_char(date_trunc('second', clock_timestamp() AT TIME ZONE 'UTC') + interval '2 seconds',
              'YYYY-MM-DD HH24:MI:SS') AS boundary`,
    );
    const boundary = clock[0]?.boundary ?? "";
    const month = `AuditEvent_${boundary.slice(0, 7).replace("-", "_")}`;
    await owner.query(`ALTER TABLE "AuditEvent" DETACH PARTITION audit_partitions."${month}"`);
    await owner.query(
      `CREATE TABLE audit_partitions.before_split PARTITION OF "AuditEvent"
         FOR VALUES FROM ('${boundary.slice(0, 7)}-01') TO ('${boundary}')`,
    );
    await owner.query(
      `CREATE TABLE audit_partitions.after_split PARTITION OF "AuditEvent"
         FOR VALUES FROM ('${boundary}') TO (date_trunc('month', '${boundary}'::timestamp) + interval '1 month')`,
    );
    await owner.query(
      // Rows moved as they are: with the chain triggers they would be linked anew.
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER;
       INSERT INTO "AuditEvent" SELECT * FROM audit_partitions."${month}";
       ALTER TABLE "AuditEvent" ENABLE TRIGGER USER;
       DROP TABLE audit_partitions."${month}"`,
    );
    const headBefore = await owner.query<{ seq: string }>("SELECT seq::text FROM audit_chain.head");

    await app.query("BEGIN");
    const { rows } = await insert(app, "crosses the boundary");
    const id = rows[0]?.id ?? "";
    // Inserted before the boundary, committed (and so linked) after it.
    await app.query(
      `SELECT pg_sleep(greatest(0, extract(epoch from ('${boundary}'::timestamp - (clock_timestamp() AT TIME ZONE 'UTC')))) + 0.3)`,
    );
    await app.query("COMMIT");

    const where = await owner.query<{ part: string; seq: string }>(
      `SELECT tableoid::regclass::text AS part, "seq"::text AS seq FROM "AuditEvent" WHERE "id" = $1`,
      [id],
    );
    expect(where.rows).toEqual([
      {
        part: "audit_partitions.after_split",
        seq: String(BigInt(headBefore.rows[0]?.seq ?? "0") + 1n),
      },
    ]);
    const headAfter = await owner.query<{ seq: string }>("SELECT seq::text FROM audit_chain.head");
    expect(headAfter.rows[0]?.seq).toBe(where.rows[0]?.seq);
    expect((await verifyChain(app)).breaks).toEqual([]);
  });
});
