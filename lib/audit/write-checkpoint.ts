// Signs the current head of the audit chain and keeps the statement twice: a row in
// AuditCheckpoint (shown in the portal) and an object in the artifact storage. Run it on a
// schedule (`npm run audit:checkpoint`, e.g. every few minutes): the newest events after the last
// checkpoint are the only ones whose silent removal the verifier cannot prove.
import { db } from "@/lib/db/client";
import { signCheckpoint, type CheckpointStatement } from "./checkpoint-statement";
import { exportCheckpoint } from "./checkpoint-store";

export async function writeCheckpoint(): Promise<CheckpointStatement | null> {
  const head = await db().auditEvent.findFirst({
    where: { seq: { not: null } },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true, at: true },
  });
  if (!head?.seq || !head.hash) return null;
  const existing = await db().auditCheckpoint.findUnique({ where: { seq: head.seq } });
  if (existing) return toStatement(existing);
  const statement = signCheckpoint({
    seq: head.seq.toString(),
    hash: head.hash,
    chainedAt: head.at.toISOString(),
  });
  const storageKey = await exportCheckpoint(statement);
  await db().auditCheckpoint.create({
    data: {
      seq: head.seq,
      hash: statement.hash,
      chainedAt: head.at,
      keyId: statement.keyId,
      signature: statement.signature,
      storageKey,
    },
  });
  return statement;
}

export function toStatement(row: {
  seq: bigint;
  hash: string;
  chainedAt: Date;
  keyId: string;
  signature: string;
}): CheckpointStatement {
  return {
    seq: row.seq.toString(),
    hash: row.hash,
    chainedAt: row.chainedAt.toISOString(),
    keyId: row.keyId,
    signature: row.signature,
  };
}
