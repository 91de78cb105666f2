// Work the app process does besides answering requests: the webhook delivery worker. Every
// instance runs it; they share the queue safely (lib/webhooks/claim-deliveries.ts). Nothing
// waits for it at shutdown: what a stopped process leaves claimed is claimed again by another
// instance (or the restarted one) when its lease ends.
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { startWebhookWorker } from "@/lib/webhooks/webhook-worker";

let started = false;

export function startBackgroundWork(): void {
  const e = env();
  if (started || !e.WEBHOOK_WORKER) return;
  started = true;
  startWebhookWorker({ pollMs: e.WEBHOOK_POLL_SECONDS * 1000 });
  log.info({ pollSeconds: e.WEBHOOK_POLL_SECONDS }, "webhooks.worker_started");
}
