// Server start: a bad environment stops the server with a clear message instead of failing on
// the first request; where rate limits are counted is said out loud.
import { env, EnvError } from "@/lib/env";
import { log } from "@/lib/log";
import { describeRateLimitBackend } from "@/lib/ratelimit/describe-backend";

export function checkEnvironment(): void {
  try {
    const backend = describeRateLimitBackend(env());
    if (backend.shared) log.info(backend.message);
    else log.warn(backend.message);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\nTollgate cannot start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
