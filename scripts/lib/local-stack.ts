// The embedded default shared by `npm run dev` and the end-to-end tests: PostgreSQL with TLS,
// least-privilege roles, migrations, demo data, the dev identity provider and the app itself.
// Each part is replaced by the real service when its variable is set (DATABASE_URL, OIDC_ISSUER).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import {
  APP_ROLE,
  OWNER_ROLE,
  createRolesAndDatabase,
  grantAppPrivileges,
  roleUrl,
} from "./db-roles";
import { ensureDevSecrets, type DevSecrets } from "./dev-secrets";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations, root } from "./schema-engine";

export interface StackOptions {
  dataRoot: string;
  database: string;
  pgPort: number;
  appPort: number;
  idpPort: number;
  mode: "development" | "production";
  // The address users reach the app at when it is not the app's own port (the edge).
  publicUrl?: string;
  log: (line: string) => void;
}

export interface Stack {
  env: Record<string, string>;
  children: ChildProcess[];
  stop(): Promise<void>;
}

const tsx = path.join(root, "node_modules", ".bin", "tsx");

// Credentials of the database owner (and of the superuser that creates it): migrations run with
// them in this process, before any child starts; no child (the app, the seed, the IdP) is given
// them, whether they came from the operator's environment or from the embedded default.
const OWNER_CREDENTIALS =
  /^(MIGRATION_DATABASE_URL|SUPERUSER_DATABASE_URL|OWNER_DB_PASSWORD|TEST_PG_SUPERUSER_URL\w*|E2E_DATABASE_URL)(_FILE)?$/;

export function childEnv(
  env: Record<string, string>,
  inherited: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...inherited, ...env };
  for (const key of Object.keys(merged)) if (OWNER_CREDENTIALS.test(key)) delete merged[key];
  return merged;
}

export function runChild(
  command: string,
  args: string[],
  env: Record<string, string>,
  label: string,
  log: (l: string) => void,
): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .forEach((line) => log(`[${label}] ${line}`));
  child.stdout?.on("data", prefix);
  child.stderr?.on("data", prefix);
  return child;
}

export function runToCompletion(
  command: string,
  args: string[],
  env: Record<string, string>,
  label: string,
  log: (l: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = runChild(command, args, env, label, log);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${label} exited with ${code}`)),
    );
  });
}

export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid, "SIGTERM"); // the whole process group: next-server included
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 8000).unref();
  });
}

function appEnv(secrets: DevSecrets, o: StackOptions, databaseUrl: string): Record<string, string> {
  const { APP_DB_PASSWORD: _a, OWNER_DB_PASSWORD: _o, ...appSecrets } = secrets;
  return {
    NODE_ENV: o.mode,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(o.appPort),
    APP_URL: o.publicUrl ?? `http://localhost:${o.appPort}`,
    NEXTAUTH_URL: o.publicUrl ?? `http://localhost:${o.appPort}`,
    DATABASE_URL: databaseUrl,
    OIDC_ISSUER: `http://localhost:${o.idpPort}`,
    OIDC_CLIENT_ID: "tollgate-portal",
    DEV_IDP_PORT: String(o.idpPort),
    STORAGE_DIR: path.join(o.dataRoot, "storage"),
    ALLOW_IN_MEMORY_RATE_LIMIT: "true",
    ...appSecrets,
  };
}

// Starts the database (embedded unless DATABASE_URL is set), migrates and seeds it.
export async function prepareDatabase(
  o: StackOptions,
): Promise<{ env: Record<string, string>; pg: EmbeddedPostgres | null }> {
  const secrets = ensureDevSecrets(path.join(o.dataRoot, "secrets"));
  if (process.env.DATABASE_URL) {
    o.log(`Using the database in DATABASE_URL (migrations as MIGRATION_DATABASE_URL if set).`);
    const env = { ...appEnv(secrets, o, process.env.DATABASE_URL), ...definedEnv() };
    await applyMigrations(process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL);
    return { env, pg: null };
  }
  o.log(
    `Starting embedded PostgreSQL (TLS, verify-full) on port ${o.pgPort}, data in ${o.dataRoot}`,
  );
  const pg = await startEmbeddedPostgres({ root: o.dataRoot, port: o.pgPort });
  const superuser = pg.superuserUrl();
  await createRolesAndDatabase(superuser, o.database, {
    owner: secrets.OWNER_DB_PASSWORD,
    app: secrets.APP_DB_PASSWORD,
  });
  const ownerUrl = roleUrl(superuser, OWNER_ROLE, secrets.OWNER_DB_PASSWORD, o.database);
  const applied = await applyMigrations(ownerUrl);
  if (applied.length) o.log(`Applied migrations: ${applied.join(", ")}`);
  await grantAppPrivileges(ownerUrl);
  const env = {
    ...appEnv(secrets, o, roleUrl(superuser, APP_ROLE, secrets.APP_DB_PASSWORD, o.database)),
    ...definedEnv(),
  };
  return { env, pg };
}

// Variables the operator set explicitly win over the embedded defaults.
function definedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        Boolean(e[1]) &&
        /^(OIDC_|CUSTOMER_OIDC_|REDIS_URL|STAFF_|TRUST|IDP_|SESSION_|STEP_UP|SIGNIN_|RATE_LIMIT_|STORAGE_|S3_|LOG_LEVEL|FOUR_EYES|WEBHOOK_)/.test(
          e[0],
        ),
    ),
  );
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const { env, pg } = await prepareDatabase(o);
  const children: ChildProcess[] = [];
  o.log("Seeding demo data");
  // The seed refuses production; a production-mode stack here is the end-to-end test run.
  await runToCompletion(
    tsx,
    ["scripts/seed.ts"],
    { ...env, NODE_ENV: o.mode === "production" ? "test" : "development" },
    "seed",
    o.log,
  );
  if (!process.env.OIDC_ISSUER) {
    children.push(runChild(tsx, ["scripts/dev-idp.ts"], env, "idp", o.log));
    await waitForHttp(`${env.OIDC_ISSUER}/.well-known/openid-configuration`);
  }
  const serverArgs = o.mode === "development" ? ["server.mjs", "--dev"] : ["server.mjs"];
  children.push(runChild(process.execPath, serverArgs, env, "app", o.log));
  await waitForHttp(`http://localhost:${o.appPort}/api/health`, 300_000);
  return {
    env,
    children,
    stop: async () => {
      await Promise.all(children.map(stopChild));
      await pg?.stop();
    },
  };
}
