// The customer's update agents: API clients bound to the customer's licenses (tenant and kind in
// the where clause), with their secrets' hints and lifetimes, last use and machine count.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import {
  apiClientView,
  apiClientViewInclude,
  type ApiClientView,
} from "@/lib/oauth/api-client-view";

export interface AgentCredential extends ApiClientView {
  licenseKeyHint: string | null;
  machineCount: number;
}

export async function listAgentCredentials(actor: CustomerActor): Promise<AgentCredential[]> {
  const rows = await db().apiClient.findMany({
    where: { customerId: actor.customerId, kind: "AGENT" },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    include: {
      ...apiClientViewInclude,
      license: { select: { keyHint: true } },
      _count: { select: { machines: true } },
    },
  });
  const now = new Date();
  return rows.map((row) => ({
    ...apiClientView(row, now),
    licenseKeyHint: row.license?.keyHint ?? null,
    machineCount: row._count.machines,
  }));
}
