// The API client list's filters come from the query string (a plain GET form, so a filtered list
// can be bookmarked); anything unusable is dropped with a note instead of failing.
import { matches } from "@/lib/pages/page-of";
import type { ApiClientView } from "./api-client-view";

export interface ApiClientFilterQuery {
  kind?: string;
  status?: string;
  q?: string;
}

const KINDS = new Map([
  ["agent", "AGENT"],
  ["pipeline", "PIPELINE"],
] as const);
const STATUSES = new Map([
  ["active", "ACTIVE"],
  ["revoked", "REVOKED"],
] as const);

export const API_CLIENT_SEARCH_MAX = 200;

export interface ApiClientFilters {
  kind?: "AGENT" | "PIPELINE";
  status?: "ACTIVE" | "REVOKED";
  search?: string;
  // The filters as the form shows them again (the lower-case words of the query string).
  params: { kind: string; status: string };
  // Why a filter from the URL was ignored, for a notice on the page.
  problems: string[];
  // Whether a client matches the search (name or client id, any case).
  matches: (client: ApiClientView) => boolean;
}

export function readApiClientFilters(query: ApiClientFilterQuery): ApiClientFilters {
  const kindParam = query.kind?.toLowerCase() ?? "";
  const statusParam = query.status?.toLowerCase() ?? "";
  const kind = KINDS.get(kindParam as "agent");
  const status = STATUSES.get(statusParam as "active");
  const problems = [
    ...(kindParam && !kind
      ? [`"${kindParam.slice(0, 40)}" is not a kind (agent or pipeline).`]
      : []),
    ...(statusParam && !status
      ? [`"${statusParam.slice(0, 40)}" is not a status (active or revoked).`]
      : []),
  ];
  const search = query.q?.trim().slice(0, API_CLIENT_SEARCH_MAX) || undefined;
  return {
    kind,
    status,
    search,
    params: { kind: kind ? kindParam : "", status: status ? statusParam : "" },
    problems,
    matches: (c) => matches(search, c.name, c.clientId),
  };
}
