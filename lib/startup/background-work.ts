// Work the app process does besides answering requests: the webhook delivery worker, and making
// the audit trail's partitions ahead of time (at start, then daily). Every instance does both;
// they share the queue safely (lib/webhooks/claim-deliveries.ts) and partition making is
// idempotent. Nothing waits for them at shutdown: what a stopped process leaves claimed is
// claimed again by another instance (or the restarted one) when its lease ends.
import { ensureAuditPartitions } from "@/lib/audit/ensure-partitions";
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

export function startBackgroundWork(): void {
  const e = env();
  if (started) return;
  started = true;
  makePartitions();
  setInterval(makePartitions, 24 * 3600 * 1000).unref();
  if (!e.WEBHOOK_WORKER) return;
  startWebhookWorker({ pollMs: e.WEBHOOK_POLL_SECONDS * 1000 });
  log.info({ pollSeconds: e.WEBHOOK_POLL_SECONDS }, "webhooks.worker_started");
}
