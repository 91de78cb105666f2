// Request body limits enforced by server.mjs before Next.js sees a request, so that no body can
// hold a connection or a buffer: Next.js (and proxy.ts) may read a body in full before any
// route code runs, and node:http's own requestTimeout would also cut off long uploads.
//
// - A declared Content-Length above the limit of the request's class is answered 413 at once,
//   without reading a byte of the body (the route then checks its own, smaller limit the same way:
//   lib/http/read-body.ts).
// - A body that does not arrive in full within REQUEST_BODY_TIMEOUT seconds is answered 408.
// - Artifact uploads (PUT …/artifacts/…) may take as long as they need while they progress: 408
//   only when no byte arrives for UPLOAD_IDLE_TIMEOUT seconds.
// Plain JavaScript because server.mjs runs without a TypeScript loader.

const UPLOAD_PATH = /^\/api\/(admin\/)?releases\/[^/]+\/artifacts\//;

const positive = (value, fallback) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function bodyGuardConfig(env = process.env) {
  return {
    maxBodyBytes: positive(env.MAX_REQUEST_BODY_BYTES, 1024 * 1024),
    maxUploadBytes: positive(env.STORAGE_MAX_ARTIFACT_BYTES, 2 * 1024 ** 3),
    bodyTimeoutMs: positive(env.REQUEST_BODY_TIMEOUT, 10) * 1000,
    uploadIdleTimeoutMs: positive(env.UPLOAD_IDLE_TIMEOUT, 30) * 1000,
    // How often a body's progress is looked at; tests shorten it with the timeouts.
    checkEveryMs: 1000,
  };
}

function problem(res, status, title, detail) {
  if (res.headersSent || res.writableEnded) return;
  const body = JSON.stringify({
    type: `https://tollgate.dev/problems/${status === 413 ? "payload-too-large" : "request-timeout"}`,
    title,
    status,
    detail,
    code: status === 413 ? "payload_too_large" : "request_timeout",
  });
  // The rest of the body is never read: the connection cannot be reused.
  res.writeHead(status, {
    "content-type": "application/problem+json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  });
  res.end(body, () => res.socket?.destroy());
}

// Returns true when the request was answered here and must not reach Next.js.
export function guardRequestBody(req, res, config) {
  const path = (req.url ?? "/").split("?")[0];
  const upload = req.method === "PUT" && UPLOAD_PATH.test(path);
  const limit = upload ? config.maxUploadBytes : config.maxBodyBytes;
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    problem(res, 413, "Payload too large", `The body exceeds the limit of ${limit} bytes.`);
    return true;
  }
  const hasBody = (Number.isFinite(declared) && declared > 0) || "transfer-encoding" in req.headers;
  if (!hasBody || req.complete) return false;

  // The socket's byte count shows progress without consuming the body, which is Next.js's to read.
  const socket = req.socket;
  const started = Date.now();
  let lastBytes = socket.bytesRead;
  let lastProgress = started;
  const timer = setInterval(() => {
    if (req.complete) return stop();
    const now = Date.now();
    if (socket.bytesRead !== lastBytes) {
      lastBytes = socket.bytesRead;
      lastProgress = now;
    }
    const stalled = upload
      ? now - lastProgress >= config.uploadIdleTimeoutMs
      : now - started >= config.bodyTimeoutMs;
    if (!stalled) return;
    stop();
    // Answered already (say, a 401 before the body was read): nothing more is read from a
    // stalled client, and its connection is not kept waiting for the rest.
    if (res.headersSent) return socket.destroy();
    problem(
      res,
      408,
      "Request timeout",
      upload
        ? `No part of the upload arrived for ${config.uploadIdleTimeoutMs / 1000} seconds.`
        : `The body did not arrive within ${config.bodyTimeoutMs / 1000} seconds.`,
    );
  }, config.checkEveryMs);
  timer.unref();
  // A keep-alive socket carries many requests: each one's listeners go with it.
  const stop = () => {
    clearInterval(timer);
    req.removeListener("end", stop);
    socket.removeListener("close", stop);
  };
  req.once("end", stop);
  socket.once("close", stop);
  return false;
}
