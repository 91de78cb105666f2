// Security alerts for operators. Repeats of the same (kind, subject) fold into the one OPEN alert
// (count + 1, lastSeenAt now, latest details), so a flood of failures is one row to look at, not
// thousands. A transaction-scoped advisory lock on (kind, subject) keeps two concurrent raises
// from both creating a row. A new alert is audited (alerts.raised) and every raise is logged as
// `security.alert` at level error, which is what log-based paging keys on.
import type { AlertSeverity } from "@/lib/generated/prisma/client";
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { log } from "@/lib/log";

export interface AlertInput {
  kind: string;
  severity: AlertSeverity;
  title: string;
  // What the alert is about (an IP address, a client id, an account).
  subject: string;
  details?: Record<string, unknown>;
}

export interface RaisedAlert {
  id: string;
  count: number;
  created: boolean;
}

const toJson = (details: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(details)) as Record<string, never>;

async function fold(tx: Tx, input: AlertInput): Promise<RaisedAlert> {
  const now = new Date();
  const details = toJson(input.details ?? {});
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`alert|${input.kind}|${input.subject}`}, 0))`;
  const open = await tx.alert.findFirst({
    where: { kind: input.kind, subject: input.subject, status: "OPEN" },
    select: { id: true },
  });
  if (open) {
    const updated = await tx.alert.update({
      where: { id: open.id },
      data: { count: { increment: 1 }, lastSeenAt: now, details, severity: input.severity },
      select: { id: true, count: true },
    });
    return { ...updated, created: false };
  }
  const created = await tx.alert.create({
    data: {
      kind: input.kind,
      severity: input.severity,
      title: input.title.slice(0, 300),
      subject: input.subject,
      details,
      firstSeenAt: now,
      lastSeenAt: now,
    },
    select: { id: true, count: true },
  });
  await recordAudit(tx, {
    action: "alerts.raised",
    actor: systemActor("alerts"),
    target: { type: "alert", id: created.id },
    metadata: { kind: input.kind, severity: input.severity, subject: input.subject },
  });
  return { ...created, created: true };
}

export async function raiseAlert(client: Db | Tx, input: AlertInput): Promise<RaisedAlert> {
  log.error(
    {
      alert: {
        kind: input.kind,
        severity: input.severity,
        subject: input.subject,
        ...input.details,
      },
    },
    "security.alert",
  );
  if ("$transaction" in client) return client.$transaction((tx) => fold(tx, input));
  return fold(client, input);
}
