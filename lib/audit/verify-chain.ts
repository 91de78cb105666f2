// Walks the audit chain in order and reports every broken link: an event whose content no longer
// matches its hash (edited, or moved to another position), an event whose prevHash is not the
// hash of the event before it, and positions that are missing (deleted events). Then it checks
// the chain against the newest signed checkpoint, so that deleting the newest events — which
// leaves an intact, shorter chain — is caught too.
import type pg from "pg";
import { CANONICAL_SQL, GENESIS_HASH, linkHash } from "./chain";
import { verifyCheckpoint, type CheckpointStatement } from "./checkpoint-statement";

export type ChainBreak =
  | { kind: "content_mismatch"; seq: string; id: string }
  | { kind: "link_mismatch"; seq: string; id: string }
  | { kind: "missing"; fromSeq: string; toSeq: string }
  | { kind: "checkpoint_invalid"; seq: string; reason: string }
  | { kind: "truncated"; checkpointSeq: string; headSeq: string }
  | { kind: "checkpoint_mismatch"; seq: string; id: string }
  | { kind: "archive_invalid"; partition: string; reason: string };

export interface ChainReport {
  ok: boolean;
  events: number;
  headSeq: string;
  headHash: string;
  breaks: ChainBreak[];
  checkpoint: { seq: string; keyId: string } | null;
}

interface Row {
  seq: string;
  id: string;
  prevHash: string | null;
  hash: string | null;
  canonical: string;
}

const BATCH = 5000;

export async function verifyChain(
  client: pg.ClientBase,
  options: {
    checkpoints?: CheckpointStatement[];
    limit?: number;
    // Where the live chain starts when older partitions were archived (verify-archives.ts).
    start?: { seq: bigint; prevHash: string };
  } = {},
): Promise<ChainReport> {
  const breaks: ChainBreak[] = [];
  const limit = options.limit ?? Infinity;
  let expectedSeq = options.start?.seq ?? 1n;
  let prevHash = options.start?.prevHash ?? GENESIS_HASH;
  let events = 0;
  const hashAt = new Map<string, { id: string; hash: string | null }>();
  const wanted = new Set((options.checkpoints ?? []).map((c) => c.seq));
  let after = expectedSeq - 1n;
  let previousBroken = false;
  for (;;) {
    const { rows } = await client.query<Row>(
      `SELECT e."seq"::text AS seq, e."id", e."prevHash", e."hash", ${CANONICAL_SQL} AS canonical
         FROM "AuditEvent" e WHERE e."seq" > $1 ORDER BY e."seq" LIMIT $2`,
      [after.toString(), BATCH],
    );
    for (const row of rows) {
      const seq = BigInt(row.seq);
      const gap = seq !== expectedSeq;
      if (gap) {
        breaks.push({
          kind: "missing",
          fromSeq: expectedSeq.toString(),
          toSeq: (seq - 1n).toString(),
        });
      }
      const contentBroken = row.hash !== linkHash(row.prevHash ?? "", row.canonical);
      if (contentBroken) breaks.push({ kind: "content_mismatch", seq: row.seq, id: row.id });
      // A broken link right after a gap or a broken event is explained by that break; on its own
      // it means the event before was rewritten together with a recomputed hash.
      else if (!gap && !previousBroken && row.prevHash !== prevHash) {
        breaks.push({ kind: "link_mismatch", seq: row.seq, id: row.id });
      }
      previousBroken = contentBroken;
      if (wanted.has(row.seq)) hashAt.set(row.seq, { id: row.id, hash: row.hash });
      prevHash = row.hash ?? "";
      expectedSeq = seq + 1n;
      events += 1;
      if (breaks.length >= limit) break;
    }
    if (rows.length < BATCH || breaks.length >= limit) break;
    after = BigInt(rows[rows.length - 1]?.seq ?? "0");
  }
  const headSeq = (expectedSeq - 1n).toString();

  let checkpoint: ChainReport["checkpoint"] = null;
  const newest = [...(options.checkpoints ?? [])].sort((a, b) =>
    BigInt(a.seq) < BigInt(b.seq) ? 1 : -1,
  );
  for (const statement of newest) {
    const problem = verifyCheckpoint(statement);
    if (problem) {
      breaks.push({ kind: "checkpoint_invalid", seq: statement.seq, reason: problem });
      continue;
    }
    checkpoint = { seq: statement.seq, keyId: statement.keyId };
    // Within the archived part: its archive's manifest is what vouches for it.
    if (options.start && BigInt(statement.seq) < options.start.seq) break;
    if (BigInt(statement.seq) > BigInt(headSeq)) {
      breaks.push({ kind: "truncated", checkpointSeq: statement.seq, headSeq });
    } else {
      const at = hashAt.get(statement.seq);
      if (!at || at.hash !== statement.hash)
        breaks.push({ kind: "checkpoint_mismatch", seq: statement.seq, id: at?.id ?? "" });
    }
    break;
  }
  return { ok: breaks.length === 0, events, headSeq, headHash: prevHash, breaks, checkpoint };
}

export function describeBreak(b: ChainBreak): string {
  switch (b.kind) {
    case "content_mismatch":
      return `event #${b.seq} (${b.id}) does not match its hash: edited, or moved from another position`;
    case "link_mismatch":
      return `event #${b.seq} (${b.id}) does not link to the event before it: that one was rewritten with a recomputed hash`;
    case "missing":
      return b.fromSeq === b.toSeq
        ? `event #${b.fromSeq} is missing (deleted)`
        : `events #${b.fromSeq}–#${b.toSeq} are missing (deleted)`;
    case "checkpoint_invalid":
      return `checkpoint at #${b.seq} is not validly signed: ${b.reason}`;
    case "truncated":
      return `the chain ends at #${b.headSeq} but a signed checkpoint covers #${b.checkpointSeq}: the newest events were removed`;
    case "checkpoint_mismatch":
      return `event #${b.seq} does not have the hash its signed checkpoint records`;
    case "archive_invalid":
      return `the archive of partition ${b.partition} fails verification: ${b.reason}`;
  }
}
