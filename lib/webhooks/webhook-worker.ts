// The delivery worker inside each app process (started by instrumentation.ts). It polls every
// WEBHOOK_POLL_SECONDS and keeps going while rounds come back full; several instances run it
// side by side safely (claimDeliveries). stop() waits for the round in flight.
import { log } from "@/lib/log";
import { deliverDueWebhooks, type DeliveryOptions } from "./deliver-due-webhooks";

export interface WebhookWorker {
  stop(): Promise<void>;
}

export function startWebhookWorker(
  options: DeliveryOptions & { pollMs: number; limit?: number },
): WebhookWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const limit = options.limit ?? 10;

  async function round(): Promise<void> {
    try {
      for (;;) {
        if (stopped) return;
        const result = await deliverDueWebhooks({ ...options, limit });
        if (result.claimed) log.info({ webhooks: result }, "webhooks.round");
        if (result.claimed < limit) return;
      }
    } catch (error) {
      log.error({ err: error }, "webhooks.worker_failed");
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => schedule(options.pollMs));
    }, delay);
    timer.unref();
  }

  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
