// Retention: an expired monthly partition is archived to the storage as gzip NDJSON with a
// signed manifest, then dropped; the verifier then checks the live chain from where the archive
// ends, re-verifies every archived event on request, and names an archive that was altered or
// removed. A database and a storage directory of its own: it drops partitions.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { archiveExpiredPartitions, manifestKey } from "@/lib/audit/archive-partitions";
import { recordAudit } from "@/lib/audit/record-audit";
import { runVerification } from "@/lib/audit/run-verification";
import { db } from "@/lib/db/client";
import { pgPoolConfig } from "@/lib/db/pg-config";
import { resetEnvForTests } from "@/lib/env";
import { withIsolatedDatabase } from "../authz/isolated-database";

const savedStorage = process.env.STORAGE_DIR;
const storageDir = mkdtempSync(path.join(tmpdir(), "tollgate-archive-"));
process.env.STORAGE_DIR = storageDir;
withIsolatedDatabase();

let owner: pg.Client;

beforeAll(async () => {
  owner = new pg.Client(pgPoolConfig(process.env.MIGRATION_DATABASE_URL ?? ""));
  await owner.connect();
  // Three events of January 2020, chained exactly as the database chains (the same functions),
  // the head left after them: the trail as it would be after years of running.
  await owner.query(`
    CREATE TABLE audit_partitions."AuditEvent_2020_01" PARTITION OF "AuditEvent"
      FOR VALUES FROM ('2020-01-01') TO ('2020-02-01');
    ALTER TABLE "AuditEvent" DISABLE TRIGGER USER;
    DO $$
    DECLARE
      prev text := repeat('0', 64);
      e "AuditEvent"%ROWTYPE;
    BEGIN
      FOR i IN 1..3 LOOP
        INSERT INTO "AuditEvent" ("id", "seq", "at", "action", "result", "actorType", "reason")
        VALUES ('aud_old' || i, i, timestamp '2020-01-15' + i * interval '1 minute',
                'licenses.created', 'SUCCESS', 'SYSTEM', 'old event ' || i)
        RETURNING * INTO e;
        UPDATE "AuditEvent" SET "prevHash" = prev, "hash" = audit_chain.hash(prev, audit_chain.canonical(e))
         WHERE "id" = e."id" RETURNING "hash" INTO prev;
      END LOOP;
      UPDATE audit_chain.head SET seq = 3, hash = prev, at = timestamp '2020-01-15 00:03';
    END
    $$;
    ALTER TABLE "AuditEvent" ENABLE TRIGGER USER;`);
});

afterAll(async () => {
  await owner?.end();
  process.env.STORAGE_DIR = savedStorage;
  resetEnvForTests();
  rmSync(storageDir, { recursive: true, force: true });
});

const verify = (deepArchives = false) =>
  runVerification({ alert: false, url: process.env.DATABASE_URL, deepArchives });

describe("audit retention", () => {
  it("archives an expired partition with a signed manifest, drops it, and still verifies", async () => {
    await recordAudit(db(), { action: "system.seeded", actor: systemActor("archive-test") });
    expect((await verify()).breaks).toEqual([]);

    const archived = await archiveExpiredPartitions(owner, { retentionMonths: 12 });
    expect(archived.map((m) => [m.partition, m.firstSeq, m.lastSeq, m.count])).toEqual([
      ["AuditEvent_2020_01", "1", "3", 3],
    ]);
    const gone = await owner.query(
      `SELECT to_regclass('audit_partitions."AuditEvent_2020_01"') AS t`,
    );
    expect(gone.rows[0]?.t).toBeNull();
    expect(
      (await owner.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "seq" <= 3`)).rows[0]
        ?.n,
    ).toBe(0);

    const file = path.join(storageDir, archived[0]?.object ?? "");
    const lines = gunzipSync(readFileSync(file)).toString("utf8").trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { seq: string }).seq)).toEqual(["1", "2", "3"]);
    expect(lines[1]).toContain("old event 2");

    // The live chain continues from the archive's last hash; archived events re-verify too.
    await recordAudit(db(), { action: "system.seeded", actor: systemActor("archive-test") });
    expect((await verify(true)).breaks).toEqual([]);
  });

  it("names an archived event that was altered, and archived events whose manifest is gone", async () => {
    const [manifestFile] = [path.join(storageDir, manifestKey("AuditEvent_2020_01"))];
    const file = path.join(storageDir, "audit/archive/AuditEvent_2020_01.ndjson.gz");
    const original = readFileSync(file);
    writeFileSync(
      file,
      gzipSync(gunzipSync(original).toString("utf8").replace("old event 2", "old event X")),
    );
    const altered = await verify(true);
    expect(altered.breaks).toContainEqual({ kind: "content_mismatch", seq: "2", id: "aud_old2" });
    expect(altered.breaks).toContainEqual(expect.objectContaining({ kind: "archive_invalid" }));
    writeFileSync(file, original);

    rmSync(manifestFile);
    const removed = await verify();
    expect(removed.breaks).toContainEqual({ kind: "missing", fromSeq: "1", toSeq: "3" });
  });
});
