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
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import next from "next";
import { bodyGuardConfig, guardRequestBody } from "./server-body-guard.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME_BIND || "localhost";

const app = next({ dev, hostname, port, turbopack: dev });
const handle = app.getRequestHandler();
await app.prepare();

const bodyGuard = bodyGuardConfig();

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

// Requests Next.js cannot answer as problem+json: a method the API route does not export (Next
// answers an empty 405 without Allow), a method the Fetch API forbids (TRACE, TRACK, CONNECT:
// constructing the proxy's Request throws, a 500 HTML page), a path that is not valid
// percent-encoding (Next's HTML 400, before the proxy, so never audited). Each is handed to the
// proxy as a GET of REFUSAL_PATH carrying what was refused, and the proxy (lib/http/refusal-request.ts)
// renders and audits it like any other refusal. A client-sent refusal header is always dropped.
const REFUSAL = "x-tollgate-refusal";
const REFUSAL_PATH = "/api/.refusal";
const FETCH_FORBIDDEN = new Set(["CONNECT", "TRACE", "TRACK"]);
const PAGE_METHODS = ["GET", "HEAD", "OPTIONS", "POST"];

// lib/http/route-methods.json lists the methods each app/api route exports; a test keeps it true
// to the route files. Next's order of precedence: static segments, then [param], then [...rest].
const apiRoutes = Object.entries(
  JSON.parse(readFileSync(new URL("./lib/http/route-methods.json", import.meta.url), "utf8")),
)
  .map(([pattern, methods]) => {
    const segments = pattern.split("/").slice(1);
    const rank = (s) => (s.startsWith("[...") ? 2 : s.startsWith("[") ? 1 : 0);
    const source = segments
      .map((s) =>
        rank(s) === 2 ? "/.+" : rank(s) === 1 ? "/[^/]+" : `/${s.replace(/\./g, "\\.")}`,
      )
      .join("");
    const allow = new Set([...methods, "OPTIONS", ...(methods.includes("GET") ? ["HEAD"] : [])]);
    return {
      regex: new RegExp(`^${source}/?$`),
      allow: [...allow].sort(),
      score: segments.map(rank),
    };
  })
  .sort((a, b) => {
    for (let i = 0; i < Math.max(a.score.length, b.score.length); i++) {
      const d = (a.score[i] ?? -1) - (b.score[i] ?? -1);
      if (d !== 0) return d;
    }
    return 0;
  });

function allowedMethods(pathname) {
  if (pathname !== "/api" && !pathname.startsWith("/api/")) return PAGE_METHODS;
  return apiRoutes.find((route) => route.regex.test(pathname))?.allow ?? PAGE_METHODS;
}

function refusalOf(req) {
  const pathname = (req.url ?? "/").split(/[?#]/, 1)[0];
  try {
    decodeURIComponent(pathname);
  } catch {
    return { kind: "path", method: req.method, path: pathname };
  }
  const allow = allowedMethods(pathname);
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  if ((isApi || FETCH_FORBIDDEN.has(req.method)) && !allow.includes(req.method))
    return { kind: "method", method: req.method, path: pathname, allow: allow.join(", ") };
  return null;
}

function divertRefusal(req) {
  delete req.headers[REFUSAL];
  const refusal = refusalOf(req);
  if (!refusal) return;
  req.headers[REFUSAL] = Buffer.from(JSON.stringify(refusal)).toString("base64url");
  req.method = "GET";
  req.url = REFUSAL_PATH;
}

const server = createServer((req, res) => {
  stampPeer(req);
  // Body size and timeouts (server-body-guard.mjs): a request answered there never reaches Next.
  // It reads the original method and path, so it runs before a refusal is diverted.
  if (guardRequestBody(req, res, bodyGuard)) return;
  divertRefusal(req);
  handle(req, res).catch((error) => {
    console.error(error);
    if (res.writableEnded) return; // the body guard answered a stalled request already
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/problem+json" });
    res.end(JSON.stringify({ title: "Internal server error", status: 500 }));
  });
});
// Bodies are bounded by the body guard instead: large artifact uploads and downloads stream for
// a long time, which node:http's whole-request timeout would cut off.
server.requestTimeout = 0;
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
