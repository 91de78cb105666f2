// A local webhook receiver for tests: records each request (headers and the raw body) and
// answers with whatever `respond` says for it.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  deliveryId: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startReceiver(
  respond: (
    r: Received,
    attempt: number,
  ) => { status: number; headers?: Record<string, string> } | "hang",
): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: Received = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        deliveryId: String(req.headers["tollgate-delivery"] ?? ""),
      };
      received.push(r);
      const attempt = received.filter((x) => x.deliveryId === r.deliveryId).length;
      const answer = respond(r, attempt);
      if (answer === "hang") return;
      res.writeHead(answer.status, answer.headers);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
