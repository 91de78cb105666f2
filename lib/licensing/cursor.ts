// Keyset pagination cursors: the sort key of the last row shown, opaque to clients. A cursor
// that does not decode is a validation error on the `cursor` field, not a 500.
import { invalid } from "@/lib/authz/operation";

export function encodeCursor(values: readonly (string | Date)[]): string {
  const plain = values.map((v) => (v instanceof Date ? `d:${v.toISOString()}` : `s:${v}`));
  return Buffer.from(JSON.stringify(plain), "utf8").toString("base64url");
}

export const badCursor = () =>
  invalid([{ path: "cursor", message: "is not a cursor from a previous page" }]);

export function decodeCursor(cursor: string, arity: number): (string | Date)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== arity) throw new Error("shape");
    return parsed.map((item: unknown) => {
      if (typeof item !== "string") throw new Error("type");
      const value = item.slice(2);
      if (item.startsWith("s:")) return value;
      const date = new Date(value);
      if (!item.startsWith("d:") || Number.isNaN(date.getTime())) throw new Error("date");
      return date;
    });
  } catch {
    throw badCursor();
  }
}
