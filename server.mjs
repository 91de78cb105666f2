// Tollgate's HTTP server: Next.js behind a thin node:http layer whose one job is to tell the
// app the TCP peer's address. Next.js keeps a client-sent X-Forwarded-For as is, so a header
// alone cannot be trusted for the staff IP allowlist; we strip any client-sent x-tollgate-peer
// and set it from the socket, and lib/http/client-ip.ts trusts X-Forwarded-For only when this
// peer is a configured proxy.
//   node server.mjs          production (after `next build`)
//   node server.mjs --dev    development (used by `npm run dev`)
import { createServer } from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME_BIND || "localhost";

const app = next({ dev, hostname, port, turbopack: dev });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers["x-tollgate-peer"] = req.socket.remoteAddress ?? "";
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/problem+json" });
    res.end(JSON.stringify({ title: "Internal server error", status: 500 }));
  });
});
server.requestTimeout = 0; // large artifact uploads and downloads stream for a long time
server.headersTimeout = 60_000;
server.listen(port, hostname, () => {
  console.log(
    `Tollgate listening on http://${hostname}:${port} (${dev ? "development" : "production"})`,
  );
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
