// Tollgate's HTTP server: Next.js behind a thin node:http layer whose one job is to tell the
// app the TCP peer's address. Next.js keeps a client-sent X-Forwarded-For as is, so a header
// alone cannot be trusted for the staff IP allowlist; we replace any client-sent x-tollgate-peer
// with the socket's address, and lib/http/client-ip.ts trusts X-Forwarded-For only when this
// peer is a configured proxy.
//
// Next.js forwards a server action posted to a page that does not own it to the owning page, as
// a second HTTP request from this very process over loopback, copying the original headers. That
// request must keep the ORIGINAL peer, or the staff allowlist, the audit trail and the rate limits
// would see 127.0.0.1. So the peer header is sealed with an HMAC under a secret that never leaves
// this process: a sealed peer can only have been stamped here, and is kept; anything else a
// client sends is overwritten.
//   node server.mjs          production (after `next build`)
//   node server.mjs --dev    development (used by `npm run dev`)
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME_BIND || "localhost";

const app = next({ dev, hostname, port, turbopack: dev });
const handle = app.getRequestHandler();
await app.prepare();

const PEER = "x-tollgate-peer";
const PEER_SEAL = "x-tollgate-peer-seal";
const peerSecret = randomBytes(32);
const seal = (peer) => createHmac("sha256", peerSecret).update(peer).digest("base64url");

function hasValidSeal(peer, given) {
  if (typeof peer !== "string" || typeof given !== "string") return false;
  const expected = Buffer.from(seal(peer));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function stampPeer(req) {
  const sealedByUs = hasValidSeal(req.headers[PEER], req.headers[PEER_SEAL]);
  if (!sealedByUs) req.headers[PEER] = req.socket.remoteAddress ?? "";
  req.headers[PEER_SEAL] = seal(req.headers[PEER]);
}

const server = createServer((req, res) => {
  stampPeer(req);
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
