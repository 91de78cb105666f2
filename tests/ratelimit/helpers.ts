import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";

export const uniquePrefix = () => `tollgate-test:rl:${randomBytes(6).toString("hex")}`;

// A port nothing listens on: bound, then released.
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

// A logger whose records the test can read.
export function capturingLogger(): { log: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean))
        records.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: "debug" }, stream), records };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits for the end of the window a result reported, plus a little.
export const waitUntil = (epochMs: number) => sleep(Math.max(0, epochMs - Date.now()) + 50);

// Windows are fixed and aligned to the epoch: a test that fills a budget first waits for a window
// with enough time left, so the window cannot turn (and reset the count) halfway through.
export async function freshWindow(windowMs: number, neededMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < neededMs) await sleep(left + 20);
}
