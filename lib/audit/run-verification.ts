// `npm run audit:verify` and the scheduled check: verify the chain against the newest signed
// checkpoints from the database and from the artifact storage, and raise a critical alert when
// anything is broken (the threat model's alarm on tampering).
import pg from "pg";
import { raiseAlert } from "@/lib/alerts/raise-alert";
import { db } from "@/lib/db/client";
import { pgPoolConfig } from "@/lib/db/pg-config";
import { env } from "@/lib/env";
import type { CheckpointStatement } from "./checkpoint-statement";
import { readExportedCheckpoints } from "./checkpoint-store";
import { archivedPrefix, readArchiveManifests, verifyArchiveObject } from "./verify-archives";
import { describeBreak, verifyChain, type ChainReport } from "./verify-chain";
import { toStatement } from "./write-checkpoint";

export const CHAIN_BROKEN_ALERT = "audit.chain_broken";

async function knownCheckpoints(): Promise<CheckpointStatement[]> {
  const rows = await db().auditCheckpoint.findMany({ orderBy: { seq: "desc" }, take: 5 });
  const all = [...rows.map(toStatement), ...(await readExportedCheckpoints())];
  // One per (seq, hash, signature): the database and the storage copy normally agree.
  return [...new Map(all.map((c) => [`${c.seq}|${c.hash}|${c.signature}`, c])).values()];
}

// Archived partitions first (their manifests, and with `deepArchives` every archived event),
// then the live chain from where the newest archive ends.
export async function runVerification(
  options: { alert?: boolean; url?: string; deepArchives?: boolean } = {},
): Promise<ChainReport> {
  const manifests = await readArchiveManifests();
  const archived = archivedPrefix(manifests);
  if (options.deepArchives) {
    for (const m of manifests) archived.breaks.push(...(await verifyArchiveObject(m)));
  }
  const client = new pg.Client(pgPoolConfig(options.url ?? env().DATABASE_URL));
  await client.connect();
  let report: ChainReport;
  try {
    const live = await verifyChain(client, {
      checkpoints: await knownCheckpoints(),
      start: manifests.length ? archived.start : undefined,
    });
    const breaks = [...archived.breaks, ...live.breaks];
    report = { ...live, ok: breaks.length === 0, breaks };
  } finally {
    await client.end();
  }
  if (!report.ok && options.alert !== false) {
    const first = report.breaks[0];
    await raiseAlert(db(), {
      kind: CHAIN_BROKEN_ALERT,
      severity: "CRITICAL",
      title: "The audit trail failed verification",
      subject: "audit-chain",
      details: {
        firstBreak: first ? describeBreak(first) : null,
        breaks: report.breaks.length,
        headSeq: report.headSeq,
      },
    });
  }
  return report;
}
