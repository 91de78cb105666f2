// The viewer's filters as URL query parameters (a plain GET form, so a filtered view is a link
// that can be shared, bookmarked and exported as is).
import { firstParam } from "@/lib/identity/requested-path";

export const FILTER_KEYS = [
  "actor",
  "actorType",
  "action",
  "targetType",
  "targetId",
  "result",
  "ip",
  "method",
  "path",
  "requestId",
  "from",
  "to",
  "q",
] as const;

export type FilterKey = (typeof FILTER_KEYS)[number];

export function readAuditFilters(
  params: Record<string, string | string[] | undefined>,
): Partial<Record<FilterKey, string>> {
  const out: Partial<Record<FilterKey, string>> = {};
  for (const key of FILTER_KEYS) {
    const value = firstParam(params[key])?.slice(0, 1000);
    if (value) out[key] = value;
  }
  return out;
}

export function filterQuery(filters: Partial<Record<FilterKey, string>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  return q.toString();
}

// A link to the events about one thing, for the history links on other pages.
export const historyHref = (targetType: string, targetId: string) =>
  `/admin/audit?${filterQuery({ targetType, targetId })}`;
