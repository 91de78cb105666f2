// The one schema for the environment, parsed once. Empty strings count as unset; any variable
// X may instead be given as X_FILE (the Docker/Kubernetes secrets convention); optional feature
// groups are null when not configured; the error names every bad variable at once.
import { readFileSync } from "node:fs";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const list = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);
const seconds = z.coerce.number().int().positive();

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  // Short-lived IAM auth tokens instead of a password (AWS RDS); region of the signer.
  DATABASE_IAM_AUTH: bool.default(false),
  DATABASE_IAM_REGION: z.string().optional(),
  // Bounds on every request's database work (lib/db/client.ts): opening a connection, and one
  // statement (server-side statement_timeout; the client gives up 5 s later if the server is
  // frozen). Past either the request answers 503 with Retry-After.
  DATABASE_CONNECT_TIMEOUT: seconds.default(5),
  DATABASE_STATEMENT_TIMEOUT: seconds.default(15),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
  // Production refuses the in-process rate limit store unless this is set.
  ALLOW_IN_MEMORY_RATE_LIMIT: bool.default(false),

  AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  OIDC_ISSUER: z.url(),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_CLIENT_SECRET: z.string().min(1),
  // Customer staff may sign in through a separate issuer; defaults to the staff one.
  CUSTOMER_OIDC_ISSUER: z.url().optional(),
  CUSTOMER_OIDC_CLIENT_ID: z.string().optional(),
  CUSTOMER_OIDC_CLIENT_SECRET: z.string().optional(),
  STAFF_EMAIL_DOMAINS: list.default(["vendor.test"]),
  STAFF_GROUPS: list.default([]),
  TRUST_IDP_MFA: bool.default(false),
  IDP_MFA_AMR: list.default(["hwk", "swk", "fido", "mfa"]),
  SESSION_MAX_AGE: seconds.default(12 * 3600),
  SESSION_IDLE_TIMEOUT: seconds.default(30 * 60),
  STEP_UP_MAX_AGE: seconds.default(5 * 60),
  STAFF_IP_ALLOWLIST: list.default(["127.0.0.0/8", "::1/128"]),
  TRUSTED_PROXIES: list.default([]),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGNIN_FAILURE_WINDOW: seconds.default(15 * 60),
  // Per source address, higher than per account: a whole office shares one VPN egress address.
  SIGNIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  FOUR_EYES_PERMISSIONS: list.default([]),
  // Alert rules (lib/alerts/alert-rules.ts): how many events within the window raise an alert.
  ALERT_WINDOW: seconds.default(5 * 60),
  ALERT_API_FAILURES: z.coerce.number().int().positive().default(10),
  ALERT_BLOCKED_REQUESTS: z.coerce.number().int().positive().default(20),
  ALERT_MFA_FAILURES: z.coerce.number().int().positive().default(3),
  ALERT_RATE_LIMIT_STORM: z.coerce.number().int().positive().default(100),
  // An open alert folds repeats; its log line (security.alert) repeats at most this often.
  ALERT_LOG_INTERVAL: seconds.default(5 * 60),
  // Minutes between signed checkpoints of the audit chain written by the app; 0 leaves it to a
  // scheduled `npm run audit:checkpoint`.
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(0).default(10),
  // Webhook delivery (docs/audit.md, "Webhooks"). The worker runs in every app instance.
  WEBHOOK_WORKER: bool.default(true),
  WEBHOOK_POLL_SECONDS: seconds.default(5),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(5000),
  // Retries: about WEBHOOK_RETRY_BASE_SECONDS * 2^(attempt-1), jittered, up to a day apart.
  WEBHOOK_RETRY_BASE_SECONDS: seconds.default(30),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().positive().max(30).default(10),
  // Consecutive failed attempts (over all deliveries) that turn an endpoint off, with an alert.
  WEBHOOK_DISABLE_AFTER: z.coerce.number().int().positive().default(20),
  // Private, loopback and link-local targets are refused in production unless this is set (an
  // endpoint URL must not become a way into the internal network).
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.default(false),

  // Keyring for field encryption: "kid:base64key,kid2:base64key"; the active key encrypts.
  DATA_ENCRYPTION_KEYS: z.string().min(1),
  DATA_ENCRYPTION_ACTIVE_KEY: z.string().min(1),
  LICENSE_HMAC_KEY: z.string().min(32),
  // Key of the API client secret hashes (HMAC-SHA256); derived from LICENSE_HMAC_KEY when unset.
  // Changing it invalidates every stored client secret.
  CLIENT_SECRET_PEPPER: z.string().min(32).optional(),
  // Ed25519 private keys, PKCS#8 PEM. The release key signs artifacts, manifests and answers.
  RELEASE_SIGNING_KEY: z.string().includes("PRIVATE KEY", { message: "must be a PKCS#8 PEM" }),
  RELEASE_SIGNING_KEY_ID: z.string().min(1).default("release-1"),
  // Public keys of retired signing keys still accepted during a rotation: "kid:PEM-base64,...".
  RELEASE_SIGNING_PREVIOUS_KEYS: z.string().optional(),
  TOKEN_SIGNING_KEY: z.string().includes("PRIVATE KEY", { message: "must be a PKCS#8 PEM" }),
  TOKEN_TTL: seconds.default(900),
  DOWNLOAD_URL_SECRET: z.string().min(32),
  DOWNLOAD_URL_TTL: seconds.default(600),
  // Who sends a download's bytes once it is authorized and audited: this process ("stream"),
  // nginx in front of it ("x-accel-redirect": an internal location serving STORAGE_DIR), or the
  // S3 bucket itself ("s3-presigned": a redirect to a short-lived presigned URL).
  DOWNLOAD_DELIVERY: z.enum(["stream", "x-accel-redirect", "s3-presigned"]).default("stream"),
  DOWNLOAD_X_ACCEL_LOCATION: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*\/$/, "must be a path starting and ending with /")
    .default("/_tollgate_storage/"),

  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  STORAGE_DIR: z.string().default(".data/storage"),
  STORAGE_MAX_ARTIFACT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),

  RATE_LIMIT_TOKEN_PER_MINUTE: z.coerce.number().int().positive().default(20),
  // Token endpoint lockout (lib/oauth/token-lockout.ts): failures per (client id, address) and
  // per address within the window; failures for one client from all addresses raise an alert.
  TOKEN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  TOKEN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
  TOKEN_FAILURE_WINDOW: seconds.default(15 * 60),
  TOKEN_GUESSING_ALERT_FAILURES: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_UPDATE_PER_MINUTE: z.coerce.number().int().positive().default(120),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().positive().default(600),
  RATE_LIMIT_LICENSE_PER_MINUTE: z.coerce.number().int().positive().default(600),
  // The build pipeline's routes, per API client.
  RATE_LIMIT_CLIENT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  // Read by server.mjs (server-body-guard.mjs) before Next.js: the bound on any non-upload body
  // (413 at once above it), the time a whole body may take (408), and for artifact uploads the
  // longest pause between two parts (408).
  MAX_REQUEST_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  REQUEST_BODY_TIMEOUT: seconds.default(10),
  UPLOAD_IDLE_TIMEOUT: seconds.default(30),
  MAX_JSON_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
});

type Raw = z.infer<typeof schema>;

export type Env = Raw & {
  isProduction: boolean;
  s3: {
    bucket: string;
    region: string;
    endpoint?: string;
    accessKeyId?: string;
    secretAccessKey?: string;
    forcePathStyle: boolean;
  } | null;
  customerOidc: { issuer: string; clientId: string; clientSecret: string };
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

function collect(source: NodeJS.ProcessEnv): {
  values: Record<string, string>;
  problems: string[];
} {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value === "") continue;
    const name = key.slice(0, -"_FILE".length);
    if (key.endsWith("_FILE") && Object.hasOwn(schema.shape, name)) {
      try {
        values[name] = readFileSync(value, "utf8").trim();
      } catch {
        problems.push(`${key}: cannot read ${value}`);
      }
    } else if (!(key in values)) {
      values[key] = value;
    }
  }
  return { values, problems };
}

function productionRules(env: Raw): string[] {
  if (env.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  const sslmode = new URL(env.DATABASE_URL).searchParams.get("sslmode");
  if (sslmode !== "verify-full" && !env.DATABASE_IAM_AUTH) {
    problems.push(
      "DATABASE_URL: production requires sslmode=verify-full (a verified TLS connection)",
    );
  }
  if (!env.REDIS_URL && !env.ALLOW_IN_MEMORY_RATE_LIMIT) {
    problems.push(
      "REDIS_URL: production requires Redis for rate limits (or ALLOW_IN_MEMORY_RATE_LIMIT=true)",
    );
  }
  if (
    !env.APP_URL.startsWith("https://") &&
    !/^http:\/\/(localhost|127\.0\.0\.1)/.test(env.APP_URL)
  ) {
    problems.push("APP_URL: production requires https://");
  }
  return problems;
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const { values, problems } = collect(source);
  const result = schema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues)
      problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  if (problems.length || !result.success) throw new EnvError(problems);
  const raw = result.data;
  const prod = productionRules(raw);
  if (raw.STORAGE_DRIVER === "s3" && (!raw.S3_BUCKET || !raw.S3_REGION)) {
    prod.push("S3_BUCKET, S3_REGION: required when STORAGE_DRIVER=s3");
  }
  if (raw.DOWNLOAD_DELIVERY === "x-accel-redirect" && raw.STORAGE_DRIVER !== "local") {
    prod.push("DOWNLOAD_DELIVERY: x-accel-redirect serves files from STORAGE_DIR (local storage)");
  }
  if (raw.DOWNLOAD_DELIVERY === "s3-presigned" && raw.STORAGE_DRIVER !== "s3") {
    prod.push("DOWNLOAD_DELIVERY: s3-presigned needs STORAGE_DRIVER=s3");
  }
  if (prod.length) throw new EnvError(prod);
  return {
    ...raw,
    isProduction: raw.NODE_ENV === "production",
    s3:
      raw.S3_BUCKET && raw.S3_REGION
        ? {
            bucket: raw.S3_BUCKET,
            region: raw.S3_REGION,
            endpoint: raw.S3_ENDPOINT,
            accessKeyId: raw.S3_ACCESS_KEY_ID,
            secretAccessKey: raw.S3_SECRET_ACCESS_KEY,
            forcePathStyle: raw.S3_FORCE_PATH_STYLE,
          }
        : null,
    customerOidc: {
      issuer: raw.CUSTOMER_OIDC_ISSUER ?? raw.OIDC_ISSUER,
      clientId: raw.CUSTOMER_OIDC_CLIENT_ID ?? raw.OIDC_CLIENT_ID,
      clientSecret: raw.CUSTOMER_OIDC_CLIENT_SECRET ?? raw.OIDC_CLIENT_SECRET,
    },
  };
}

let cached: Env | undefined;

// Parsed on first use rather than at import, so `next build` can load route modules without a
// runtime environment; instrumentation.ts calls it at server start so a bad env fails at once.
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export function resetEnvForTests(): void {
  cached = undefined;
}
