// Whether an error means "the database cannot be reached or did not answer in time" rather than
// "this request is wrong": the error mapper answers those 503 with Retry-After instead of 500.
// Errors arrive in several shapes: Prisma's (P1001 …), the driver adapter's (kind
// DatabaseNotReachable, or a PostgreSQL SQLSTATE), and node-postgres' own (a plain Error such
// as "Connection terminated due to connection timeout", or a socket error code).

// Prisma: can't reach, timed out, operations timed out, server closed the connection, pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// Driver adapter error kinds.
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
// SQLSTATE: connection exceptions (08…), statement timeout / query canceled (57014), the server
// shutting down or starting (57P01-57P03), too many connections (53300).
const SQLSTATE = /^(08...|57014|57P0[123]|53300)$/;
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection timeout|Client has encountered a connection error/i;

type Loose = Record<string, unknown>;

function candidates(error: unknown): Loose[] {
  const out: Loose[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && out.length < 20) {
    const next = queue.shift();
    if (!next || typeof next !== "object" || seen.has(next)) continue;
    seen.add(next);
    const item = next as Loose;
    out.push(item);
    queue.push(item.cause, (item.meta as Loose | undefined)?.driverAdapterError);
  }
  return out;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return candidates(error).some((e) => {
    const code = typeof e.code === "string" ? e.code : undefined;
    const errorCode = typeof e.errorCode === "string" ? e.errorCode : undefined;
    const originalCode = typeof e.originalCode === "string" ? e.originalCode : undefined;
    if ((code && PRISMA_CODES.has(code)) || (errorCode && PRISMA_CODES.has(errorCode))) return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if ([code, originalCode].some((c) => c !== undefined && SQLSTATE.test(c))) return true;
    if (code && SOCKET_CODES.has(code)) return true;
    return typeof e.message === "string" && PG_MESSAGES.test(e.message);
  });
}
