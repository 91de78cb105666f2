// Counts the statements the app sends to PostgreSQL while a block runs: every round trip goes
// through pg's Client#query (Prisma's driver adapter included), BEGIN and COMMIT too.
import pg from "pg";

type Query = typeof pg.Client.prototype.query;

export async function countQueries<T>(
  run: () => Promise<T>,
): Promise<{ value: T; statements: string[] }> {
  const original: Query = pg.Client.prototype.query;
  const statements: string[] = [];
  const counting = function (this: pg.Client, ...args: Parameters<Query>) {
    const [first] = args as unknown[];
    statements.push(
      typeof first === "string"
        ? first
        : typeof first === "object" && first !== null && "text" in first
          ? String(first.text)
          : String(first),
    );
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as unknown as Query;
  pg.Client.prototype.query = counting;
  try {
    return { value: await run(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}
