// The one Prisma client of the running app, over node-postgres with verified TLS and bounded
// connection and statement times.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { pgPoolConfig, poolTimeouts } from "./pg-config";
import { iamPasswordProvider } from "./iam-auth";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function createClient(): PrismaClient {
  const e = env();
  const password = e.DATABASE_IAM_AUTH
    ? iamPasswordProvider(e.DATABASE_URL, e.DATABASE_IAM_REGION)
    : undefined;
  const timeouts = poolTimeouts({
    connect: e.DATABASE_CONNECT_TIMEOUT,
    statement: e.DATABASE_STATEMENT_TIMEOUT,
  });
  const adapter = new PrismaPg(
    pgPoolConfig(e.DATABASE_URL, { ...timeouts, ...(password ? { password } : {}) }),
  );
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { tollgateDb?: PrismaClient };

// One client per process (dev hot reload would otherwise open a pool per edit).
export function db(): PrismaClient {
  globalForDb.tollgateDb ??= createClient();
  return globalForDb.tollgateDb;
}
