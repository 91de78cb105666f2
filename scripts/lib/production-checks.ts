// What `npm run start:prod` refuses before anything starts. The environment's own production
// rules (lib/env.ts: verified TLS to PostgreSQL, Redis for rate limits, https APP_URL, every
// variable valid) run first; these add what only matters when real users are served by
// several instances on real services.
import { EnvError, parseEnv, type Env } from "@/lib/env";

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export interface ProductionPlan {
  instances: number;
  edge: boolean;
}

export function productionProblems(source: NodeJS.ProcessEnv, plan: ProductionPlan): string[] {
  let env: Env;
  try {
    env = parseEnv({ ...source, NODE_ENV: "production" });
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  const problems: string[] = [];
  if (source.MIGRATION_DATABASE_URL || source.MIGRATION_DATABASE_URL_FILE) {
    problems.push(
      "MIGRATION_DATABASE_URL: the owner's credentials must not reach the app; run migrations as a separate job (`npm run db:migrate`)",
    );
  }
  if (env.ALLOW_IN_MEMORY_RATE_LIMIT) {
    problems.push(
      "ALLOW_IN_MEMORY_RATE_LIMIT: production counts rate limits in Redis, shared by every instance; unset it and set REDIS_URL",
    );
  }
  if (env.REDIS_URL) {
    const redis = new URL(env.REDIS_URL);
    if (!redis.password && !LOOPBACK.test(redis.hostname)) {
      problems.push("REDIS_URL: a Redis server beyond this host must require a password");
    }
    if (redis.protocol === "redis:" && !LOOPBACK.test(redis.hostname)) {
      problems.push("REDIS_URL: use rediss:// (TLS) for a Redis server beyond this host");
    }
  }
  if (!env.APP_URL.startsWith("https://")) {
    problems.push("APP_URL: production is served over https:// (the edge terminates TLS)");
  }
  if (
    env.OIDC_CLIENT_SECRET === "tollgate-dev-secret" ||
    /localhost|127\.0\.0\.1/.test(env.OIDC_ISSUER)
  ) {
    problems.push(
      "OIDC_ISSUER: production signs in through your identity provider, not the dev IdP",
    );
  }
  if ((plan.edge || plan.instances > 1) && env.TRUSTED_PROXIES.length === 0) {
    problems.push(
      "TRUSTED_PROXIES: behind the edge the app must trust it (its address) to read the client address from X-Forwarded-For",
    );
  }
  if (env.TRUSTED_PROXIES.some((p) => p === "0.0.0.0/0" || p === "::/0")) {
    problems.push("TRUSTED_PROXIES: trusting every address lets any client forge its address");
  }
  if (env.STORAGE_DRIVER === "local" && !env.STORAGE_DIR.startsWith("/")) {
    problems.push("STORAGE_DIR: give an absolute path on durable storage (or STORAGE_DRIVER=s3)");
  }
  if (plan.edge) {
    for (const name of ["EDGE_TLS_CERT", "EDGE_TLS_KEY"]) {
      if (!source[name])
        problems.push(`${name}: the edge needs the site's certificate and key (PEM files)`);
    }
  }
  return problems;
}
