// One audit event for the viewer's event page, with its place in the chain: whether its content
// still matches its hash, whether it links to the event before it, and the newest signed
// checkpoint that covers it.
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { CANONICAL_SQL, linkHash } from "./chain";

export interface ChainStatus {
  contentMatches: boolean;
  linksToPrevious: boolean;
  checkpoint: { seq: bigint; keyId: string; createdAt: Date } | null;
}

export async function getAuditEvent({ actor, eventId }: { actor: Actor; eventId: string }) {
  authorize(actor, "audit:read");
  if (!/^aud_[0-9a-f]{32}$/.test(eventId)) return null;
  const event = await db().auditEvent.findFirst({ where: { id: eventId } });
  if (!event?.seq) return null;
  const [canonical] = await db().$queryRawUnsafe<{ canonical: string }[]>(
    `SELECT ${CANONICAL_SQL} AS canonical FROM "AuditEvent" e WHERE e."id" = $1`,
    eventId,
  );
  const previous =
    event.seq > 1n
      ? await db().auditEvent.findFirst({ where: { seq: event.seq - 1n }, select: { hash: true } })
      : { hash: "0".repeat(64) };
  const checkpoint = await db().auditCheckpoint.findFirst({
    where: { seq: { gte: event.seq } },
    orderBy: { seq: "asc" },
    select: { seq: true, keyId: true, createdAt: true },
  });
  const chain: ChainStatus = {
    contentMatches:
      !!canonical && event.hash === linkHash(event.prevHash ?? "", canonical.canonical),
    linksToPrevious: !!previous && previous.hash === event.prevHash,
    checkpoint,
  };
  return { event, chain };
}

export async function latestCheckpoint() {
  return db().auditCheckpoint.findFirst({ orderBy: { seq: "desc" } });
}
