// Distributed guessing of one client's secret: failures spread over many addresses stay under
// every per-address lockout, so after each refused authentication of an existing client its
// refusals from all addresses in the window are counted, and at TOKEN_GUESSING_ALERT_FAILURES an
// alert is raised on that client (later ones fold into it). The client itself is not locked:
// anyone could then lock an agent out of its tokens.
import { raiseAlert, type RaisedAlert } from "@/lib/alerts/raise-alert";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export const CLIENT_GUESSING_ALERT = "oauth.client_secret_guessing";

export async function alarmOnClientGuessing(
  client: { apiClientId: string; clientId: string },
  now: Date = new Date(),
): Promise<RaisedAlert | null> {
  const e = env();
  const since = new Date(now.getTime() - e.TOKEN_FAILURE_WINDOW * 1000);
  const where = {
    action: "oauth.token_refused",
    targetType: "api_client",
    targetId: client.apiClientId,
    at: { gte: since },
  } as const;
  const failures = await db().auditEvent.count({ where });
  if (failures < e.TOKEN_GUESSING_ALERT_FAILURES) return null;
  const addresses = await db().auditEvent.findMany({
    where,
    distinct: ["ip"],
    select: { ip: true },
    take: 1000,
  });
  return raiseAlert(db(), {
    kind: CLIENT_GUESSING_ALERT,
    severity: "HIGH",
    title: `Repeated failed token requests for client ${client.clientId}`,
    subject: client.apiClientId,
    details: {
      subjectType: "client",
      clientId: client.clientId,
      failures,
      addresses: addresses.length,
      windowSeconds: e.TOKEN_FAILURE_WINDOW,
    },
  });
}
