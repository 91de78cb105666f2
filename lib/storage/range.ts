// HTTP Range semantics shared by the drivers: both offsets inclusive, `end` clamped to the last
// byte, a start past the end refused with 416.
import { AppError } from "@/lib/errors/app-error";
import type { GetOptions } from "./driver";

export interface ResolvedRange {
  start: number;
  end: number;
  size: number;
}

export function resolveRange(options: GetOptions, totalSize: number): ResolvedRange {
  const { start, end } = options;
  if (start === undefined && end === undefined) {
    return { start: 0, end: totalSize - 1, size: totalSize };
  }
  const from = start ?? 0;
  const to = Math.min(end ?? totalSize - 1, totalSize - 1);
  const valid =
    Number.isSafeInteger(from) && from >= 0 && (end === undefined || Number.isSafeInteger(end));
  if (!valid || from >= totalSize || to < from) {
    throw new AppError("range_not_satisfiable", "The requested range is not satisfiable.", {
      headers: { "content-range": `bytes */${totalSize}` },
    });
  }
  return { start: from, end: to, size: to - from + 1 };
}
