// Security alerts for operators. Repeats of the same (kind, subject) fold into the one active
// alert (OPEN or ACKNOWLEDGED): count + 1, lastSeenAt now, latest details. So a flood of
// failures is one row to look at, not thousands, and one `security.alert` log line (level error,
// what log-based paging keys on) when the alert is raised and then at most once per
// ALERT_LOG_INTERVAL while it keeps folding, never one per event. A transaction-scoped advisory
// lock on (kind, subject) keeps two concurrent raises from both creating a row. A new alert is
// audited (alerts.raised).
import type { AlertSeverity } from "@/lib/generated/prisma/client";
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
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
  logged: boolean;
}

const toJson = (details: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(details)) as Record<string, never>;

function logAlert(input: AlertInput, id: string, count: number) {
  log.error(
    {
      alert: {
        id,
        kind: input.kind,
        severity: input.severity,
        subject: input.subject,
        count,
        ...input.details,
      },
    },
    "security.alert",
  );
}

async function fold(tx: Tx, input: AlertInput): Promise<RaisedAlert> {
  const now = new Date();
  const details = toJson(input.details ?? {});
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`alert|${input.kind}|${input.subject}`}, 0))`;
  const active = await tx.alert.findFirst({
    where: { kind: input.kind, subject: input.subject, status: { in: ["OPEN", "ACKNOWLEDGED"] } },
    select: { id: true, lastLoggedAt: true },
  });
  if (active) {
    const due = now.getTime() - active.lastLoggedAt.getTime() >= env().ALERT_LOG_INTERVAL * 1000;
    const updated = await tx.alert.update({
      where: { id: active.id },
      data: {
        count: { increment: 1 },
        lastSeenAt: now,
        details,
        severity: input.severity,
        ...(due ? { lastLoggedAt: now } : {}),
      },
      select: { id: true, count: true },
    });
    if (due) logAlert(input, updated.id, updated.count);
    return { ...updated, created: false, logged: due };
  }
  const created = await tx.alert.create({
    data: {
      kind: input.kind,
      severity: input.severity,
      title: input.title.slice(0, 300),
      subject: input.subject.slice(0, 500),
      details,
      firstSeenAt: now,
      lastSeenAt: now,
      lastLoggedAt: now,
    },
    select: { id: true, count: true },
  });
  await recordAudit(tx, {
    action: "alerts.raised",
    actor: systemActor("alerts"),
    target: { type: "alert", id: created.id },
    metadata: { kind: input.kind, severity: input.severity, subject: input.subject },
  });
  logAlert(input, created.id, created.count);
  return { ...created, created: true, logged: true };
}

// The common case on a flood, in one statement and without a lock: an active alert takes the
// repeat (the row lock of the UPDATE serialises concurrent folds). Null when none is active.
export async function foldIntoActive(
  client: Db | Tx,
  input: AlertInput,
): Promise<RaisedAlert | null> {
  const now = new Date();
  const dueBefore = new Date(now.getTime() - env().ALERT_LOG_INTERVAL * 1000);
  const details = JSON.stringify(input.details ?? {});
  const [row] = await client.$queryRaw<{ id: string; count: number; logged: boolean }[]>`
    UPDATE "Alert"
       SET "count" = "count" + 1, "lastSeenAt" = ${now}, "details" = ${details}::jsonb,
           "severity" = ${input.severity}::"AlertSeverity",
           "lastLoggedAt" = CASE WHEN "lastLoggedAt" <= ${dueBefore} THEN ${now} ELSE "lastLoggedAt" END
     WHERE "id" = (SELECT "id" FROM "Alert" WHERE "kind" = ${input.kind} AND "subject" = ${input.subject}
                     AND "status" IN ('OPEN', 'ACKNOWLEDGED') ORDER BY "firstSeenAt" DESC LIMIT 1)
    RETURNING "id", "count", ("lastLoggedAt" = ${now}) AS "logged"`;
  if (!row) return null;
  if (row.logged) logAlert(input, row.id, row.count);
  return { id: row.id, count: row.count, created: false, logged: row.logged };
}

export async function raiseAlert(client: Db | Tx, input: AlertInput): Promise<RaisedAlert> {
  const folded = await foldIntoActive(client, input);
  if (folded) return folded;
  if ("$transaction" in client) return client.$transaction((tx) => fold(tx, input));
  return fold(client, input);
}
