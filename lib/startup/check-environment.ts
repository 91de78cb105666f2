// Server start: a bad environment stops the server with a clear message instead of failing on
// the first request; a missing Redis is said out loud.
import { env, EnvError } from "@/lib/env";
import { log } from "@/lib/log";

export function checkEnvironment(): void {
  try {
    const e = env();
    if (!e.REDIS_URL) {
      log.warn("REDIS_URL is not set: rate limits use an in-process store (one instance only, not shared)");
    }
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\nTollgate cannot start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
