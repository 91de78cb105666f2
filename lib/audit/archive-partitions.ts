// Retention: each monthly partition older than AUDIT_RETENTION_MONTHS is archived, then dropped.
// The archive is the partition's events in chain order as gzip-compressed NDJSON, one line per
// event carrying its canonical content (the hashed JSON array: every column), prevHash and hash,
// so the chain can be re-verified from the archive alone. Beside it, a manifest with the first
// and last seq, the hash the partition starts from and ends with, the archive's sha256 and a
// signed checkpoint of its last event. The partition is dropped only after the stored archive
// reads back with that sha256. Runs as the database owner (the app role can drop nothing).
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import type pg from "pg";
import { systemActor } from "@/lib/authz/actor";
import { storageFor } from "@/lib/storage/storage-access";
import { CANONICAL_SQL } from "./chain";
import { signCheckpoint, type CheckpointStatement } from "./checkpoint-statement";

export const ARCHIVE_PREFIX = "audit/archive/";
export const manifestKey = (partition: string) => `${ARCHIVE_PREFIX}${partition}.json`;

export interface ArchiveManifest {
  type: "tollgate.audit-archive.v1";
  partition: string;
  from: string;
  to: string;
  count: number;
  firstSeq: string;
  lastSeq: string;
  firstPrevHash: string;
  lastHash: string;
  object: string;
  sha256: string;
  checkpoint: CheckpointStatement;
}

export interface ArchiveLine {
  seq: string;
  id: string;
  prevHash: string;
  hash: string;
  canonical: string;
}

const storage = () => storageFor({ actor: systemActor("audit-archive") });
const MAX_ARCHIVE_BYTES = 8 * 1024 ** 3;

interface Partition {
  name: string;
  from: Date;
  to: Date;
}

// Monthly partitions whose whole range ends before the retention cut (the default never goes).
async function expiringPartitions(owner: pg.ClientBase, cut: Date): Promise<Partition[]> {
  const { rows } = await owner.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'public."AuditEvent"'::regclass AND c.relname ~ '^AuditEvent_\\d{4}_\\d{2}$'
      ORDER BY c.relname`,
  );
  return rows
    .map((r) => {
      const [from, to] = [...r.bound.matchAll(/'([^']+)'/g)].map((m) => new Date(`${m[1]}Z`));
      return { name: r.name, from: from ?? new Date(NaN), to: to ?? new Date(NaN) };
    })
    .filter((p) => p.to.getTime() <= cut.getTime());
}

const PAGE = 10_000;

// The partition's events in chain order, a page at a time (a month can hold billions).
async function* lines(
  owner: pg.ClientBase,
  p: Partition,
  seen: { count: number; first?: ArchiveLine; last?: ArchiveLine & { at: Date } },
) {
  let after = "-1";
  for (;;) {
    const { rows } = await owner.query<ArchiveLine & { at: Date }>(
      `SELECT e."seq"::text AS seq, e."id", e."prevHash", e."hash", e."at", ${CANONICAL_SQL} AS canonical
         FROM audit_partitions."${p.name}" e WHERE e."seq" > $1 ORDER BY e."seq" LIMIT ${PAGE}`,
      [after],
    );
    for (const r of rows) {
      seen.first ??= r;
      seen.last = r;
      seen.count += 1;
      yield `${JSON.stringify({ seq: r.seq, id: r.id, prevHash: r.prevHash, hash: r.hash, canonical: r.canonical })}\n`;
    }
    if (rows.length < PAGE) return;
    after = rows.at(-1)?.seq ?? after;
  }
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function archiveOne(owner: pg.ClientBase, p: Partition): Promise<ArchiveManifest | null> {
  const seen: Parameters<typeof lines>[2] = { count: 0 };
  const hash = createHash("sha256");
  const gzip = Readable.from(lines(owner, p, seen)).pipe(createGzip());
  gzip.on("data", (chunk: Buffer) => hash.update(chunk));
  const object = `${ARCHIVE_PREFIX}${p.name}.ndjson.gz`;
  await storage().put(object, gzip, { maxBytes: MAX_ARCHIVE_BYTES });
  const { first, last } = seen;
  if (!first || !last) {
    await storage().delete(object);
    return null;
  }
  const sha256 = hash.digest("hex");
  const read = await storage().get(object);
  const stored = await sha256Of(read.stream);
  await read.done;
  if (stored !== sha256) {
    throw new Error(
      `The stored archive of ${p.name} does not read back as written; kept the partition.`,
    );
  }
  const manifest: ArchiveManifest = {
    type: "tollgate.audit-archive.v1",
    partition: p.name,
    from: p.from.toISOString(),
    to: p.to.toISOString(),
    count: seen.count,
    firstSeq: first.seq,
    lastSeq: last.seq,
    firstPrevHash: first.prevHash,
    lastHash: last.hash,
    object,
    sha256,
    checkpoint: signCheckpoint({
      seq: last.seq,
      hash: last.hash,
      chainedAt: last.at.toISOString(),
    }),
  };
  await storage().put(manifestKey(p.name), Readable.from([JSON.stringify(manifest, null, 2)]), {
    maxBytes: 64 * 1024,
  });
  return manifest;
}

export async function archiveExpiredPartitions(
  owner: pg.ClientBase,
  { retentionMonths, now = new Date() }: { retentionMonths: number; now?: Date },
): Promise<ArchiveManifest[]> {
  const cut = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - retentionMonths, 1));
  const done: ArchiveManifest[] = [];
  for (const p of await expiringPartitions(owner, cut)) {
    const manifest = await archiveOne(owner, p);
    await owner.query(`ALTER TABLE "AuditEvent" DETACH PARTITION audit_partitions."${p.name}"`);
    await owner.query(`DROP TABLE audit_partitions."${p.name}"`);
    if (manifest) done.push(manifest);
  }
  return done;
}
