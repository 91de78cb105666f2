// Text PostgreSQL cannot store: a NUL character (refused in text and in jsonb) and a lone UTF-16
// surrogate (no UTF-8 encoding exists for it). Input carrying either is refused at the edge with a
// 400 (the guard chain calls `assertStorable` on every body, form, URL and action input), and
// what the audit trail records of an attacker's input is sanitised with `sanitizeText` so that
// recording a refusal never fails for what was sent.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// Without the `u` flag a pattern matches UTF-16 code units, which is what a lone surrogate is.
const UNSTORABLE_UNITS =
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_UNITS_ALL = new RegExp(UNSTORABLE_UNITS.source, "g");

export const UNSTORABLE_MESSAGE = "contains a NUL character or an unpaired UTF-16 surrogate";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE_UNITS.test(value);
}

// Where the first unstorable string (or object key) sits in a JSON-like value, or null.
export function findUnstorable(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === "string") return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorable(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      // The key itself is reported sanitised: it is echoed to the client and into the audit trail.
      if (!isStorableText(key)) return [...path, sanitizeText(key)];
      const found = findUnstorable(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

// Throws the 400 the guard chain answers; `where` names the part of the request ("body", "URL").
export function assertStorable(value: unknown, where: string): void {
  const found = findUnstorable(value);
  if (!found) return;
  throw new AppError("bad_request", `The ${where} ${UNSTORABLE_MESSAGE}.`, {
    errors: [{ path: found.join(".") || `(${where})`, message: UNSTORABLE_MESSAGE }],
  });
}

// Replaces each unstorable code unit with U+FFFD, the Unicode replacement character.
export function sanitizeText(value: string): string {
  return value.replace(UNSTORABLE_UNITS_ALL, "\uFFFD");
}

// A JSON-like value with every string and key sanitised, and whether anything had to change.
export function sanitizeValue<T>(value: T): { value: T; sanitized: boolean } {
  let sanitized = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (isStorableText(v)) return v;
      sanitized = true;
      return sanitizeText(v);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(
        Object.entries(v).map(([k, item]) => {
          if (!isStorableText(k)) sanitized = true;
          return [sanitizeText(k), walk(item)];
        }),
      );
    }
    return v;
  };
  const out = walk(value) as T;
  return { value: out, sanitized };
}

// For text that reaches a query without passing the guard chain (a page's search parameters).
export const storableString = () => z.string().refine(isStorableText, UNSTORABLE_MESSAGE);
