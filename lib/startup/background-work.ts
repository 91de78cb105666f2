// Work the app process does besides answering requests: the webhook delivery worker, making the
// audit trail's partitions ahead of time (at start, then daily), and a signed checkpoint of the
// chain head every AUDIT_CHECKPOINT_MINUTES. Every instance does all three; they share the queue
// safely (lib/webhooks/claim-deliveries.ts), partition making is idempotent, and two instances
// signing the same head at once write it once (the seq is unique; the loser logs and moves on). Nothing waits for them at shutdown: what a stopped process leaves claimed is
// claimed again by another instance (or the restarted one) when its lease ends.
import { ensureAuditPartitions } from "@/lib/audit/ensure-partitions";
import { writeCheckpoint } from "@/lib/audit/write-checkpoint";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { startWebhookWorker } from "@/lib/webhooks/webhook-worker";

let started = false;

function makePartitions(): void {
  ensureAuditPartitions()
    .then((created) => {
      if (created) log.info({ created }, "audit.partitions_created");
    })
    .catch((error: unknown) => log.error({ err: error }, "audit.partitions_failed"));
}

function checkpoint(): void {
  writeCheckpoint()
    .then((statement) => {
      if (statement) log.info({ seq: statement.seq, keyId: statement.keyId }, "audit.checkpoint");
    })
    .catch((error: unknown) => log.warn({ err: error }, "audit.checkpoint_failed"));
}

export function startBackgroundWork(): void {
  const e = env();
  if (started) return;
  started = true;
  makePartitions();
  setInterval(makePartitions, 24 * 3600 * 1000).unref();
  if (e.AUDIT_CHECKPOINT_MINUTES > 0) {
    setInterval(checkpoint, e.AUDIT_CHECKPOINT_MINUTES * 60_000).unref();
  }
  if (!e.WEBHOOK_WORKER) return;
  startWebhookWorker({ pollMs: e.WEBHOOK_POLL_SECONDS * 1000 });
  log.info({ pollSeconds: e.WEBHOOK_POLL_SECONDS }, "webhooks.worker_started");
}
