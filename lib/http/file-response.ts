// The streaming responder for files (downloads): decides what a GET or HEAD asks for (the whole
// file, one range, or nothing satisfiable) before anything is opened, and answers with the
// headers resumable clients rely on (Content-Length, ETag, Accept-Ranges, Content-Range).
// A HEAD answers the headers of the whole file and opens nothing: RFC 9110 defines range
// handling for GET only, and a HEAD must not read, count or hold the file.
import type { Readable } from "node:stream";
import { AppError } from "@/lib/errors/app-error";
import { etagFor, ifRangeAllows, parseRange } from "./http-range";

export interface FileFacts {
  size: number;
  sha256: string;
  fileName: string;
}

export type FileDelivery =
  { kind: "head" } | { kind: "body"; status: 200 | 206; start: number; end: number; total: number };

// What the request asks of the file; a range past the end throws a 416 carrying Content-Range.
export function planFileDelivery(req: Request, file: FileFacts): FileDelivery {
  if (req.method === "HEAD") return { kind: "head" };
  const total = file.size;
  const decision = ifRangeAllows(req.headers.get("if-range"), etagFor(file.sha256))
    ? parseRange(req.headers.get("range"), total)
    : { kind: "full" as const };
  if (decision.kind === "unsatisfiable") {
    throw new AppError("range_not_satisfiable", "The requested range is not satisfiable.", {
      reason: "range_not_satisfiable",
      headers: { "content-range": `bytes */${total}` },
    });
  }
  if (decision.kind === "partial")
    return { kind: "body", status: 206, start: decision.start, end: decision.end, total };
  return { kind: "body", status: 200, start: 0, end: total - 1, total };
}

// True when this delivery hands over the file's last byte: a whole download, or the final range
// of a resumed one. Counting only these counts each download once.
export function deliversLastByte(delivery: FileDelivery): boolean {
  return delivery.kind === "body" && delivery.end === delivery.total - 1;
}

export function fileHeaders(
  delivery: FileDelivery,
  file: FileFacts,
  extra: Record<string, string> = {},
): Record<string, string> {
  const length =
    delivery.kind === "head" ? file.size : Math.max(0, delivery.end - delivery.start + 1);
  const headers: Record<string, string> = {
    ...extra,
    "content-type": "application/octet-stream",
    "content-length": String(length),
    "content-disposition": `attachment; filename="${file.fileName}"`,
    "accept-ranges": "bytes",
    etag: etagFor(file.sha256),
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  };
  if (delivery.kind === "body" && delivery.status === 206)
    headers["content-range"] = `bytes ${delivery.start}-${delivery.end}/${delivery.total}`;
  return headers;
}

// The body as a web stream that pulls from the Node stream only as fast as the client reads, and
// destroys it (closing its file) when the client goes away. A few chunks are buffered ahead: the
// file stream reads in large chunks, so this is a few MiB at most, whatever the file's size.
function webBody(stream: Readable): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream.on("data", (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) stream.pause();
        });
        stream.once("end", () => controller.close());
        stream.once("error", (error) => controller.error(error));
        stream.pause();
      },
      pull() {
        stream.resume();
      },
      cancel() {
        stream.destroy();
      },
    },
    { highWaterMark: 4 },
  );
}

export function fileResponse(
  delivery: FileDelivery,
  file: FileFacts,
  body: Readable | null,
  extra: Record<string, string> = {},
): Response {
  const headers = fileHeaders(delivery, file, extra);
  const status = delivery.kind === "head" ? 200 : delivery.status;
  return new Response(delivery.kind === "head" || !body ? null : webBody(body), {
    status,
    headers,
  });
}
