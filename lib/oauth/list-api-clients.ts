import { parseInput } from "@/lib/authz/operation";
// API clients for the staff portal: all of them, or one customer's (or one license's).
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { apiClientView, apiClientViewInclude, type ApiClientView } from "./api-client-view";
import { listApiClientsSchema, type ListApiClientsInput } from "./list-api-clients.schema";

export async function listApiClients({
  actor,
  input = {},
}: {
  actor: Actor;
  input?: ListApiClientsInput;
}): Promise<ApiClientView[]> {
  authorize(actor, "api_clients:read");
  const { customerId, licenseId, kind, status, take } = parseInput(listApiClientsSchema, input);
  const rows = await db().apiClient.findMany({
    where: { customerId, licenseId, kind, status },
    include: apiClientViewInclude,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
  });
  const now = new Date();
  return rows.map((row) => apiClientView(row, now));
}
