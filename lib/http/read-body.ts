// Request bodies: content type enforced (415), size bounded while reading (413) rather than
// trusting Content-Length, JSON parsed and validated with zod (400 naming each field).
import type { ZodType } from "zod";
import { zodToAppError } from "./error-mapper";
import { AppError } from "@/lib/errors/app-error";

export async function readBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError("payload_too_large", `The body exceeds the limit of ${maxBytes} bytes.`);
  }
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `The body exceeds the limit of ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export function requireJsonContentType(req: Request): void {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
}

export async function readJson<T>(req: Request, schema: ZodType<T>, maxBytes: number): Promise<T> {
  requireJsonContentType(req);
  const bytes = await readBytes(req, maxBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.", {
      errors: [{ path: "(body)", message: "not valid JSON" }],
    });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw zodToAppError(result.error);
  return result.data;
}
