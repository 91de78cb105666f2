// Re-encrypts every encrypted column under the active key, after a key rotation. Rows are found
// by keyset over their ids, then locked and rewritten in small transactions, so the app keeps
// running meanwhile and a run that stops halfway can simply be started again.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { systemActor, type Actor } from "@/lib/authz/actor";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { ENCRYPTED_COLUMNS } from "./encrypted-columns";
import {
  decryptField,
  encryptField,
  needsReencryption,
  type FieldContext,
} from "./field-encryption";
import { keyringFromEnv, type Keyring } from "./keyring";

export interface ReencryptOptions {
  client?: PrismaClient;
  keyring?: Keyring;
  actor?: Actor;
  request?: AuditRequestInfo;
  batchSize?: number;
  columns?: readonly FieldContext[];
  onBatch?: (progress: { table: string; column: string; reencrypted: number }) => void;
}

export interface ReencryptResult {
  activeKid: string;
  columns: { table: string; column: string; reencrypted: number }[];
  total: number;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const quote = (name: string) => {
  // Names come from ENCRYPTED_COLUMNS, never from input; checked anyway since they go into SQL.
  if (!IDENT.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  return `"${name}"`;
};

interface Row {
  id: string;
  value: string;
}

async function reencryptColumn(
  client: PrismaClient,
  keyring: Keyring,
  field: FieldContext,
  batchSize: number,
  onBatch: ReencryptOptions["onBatch"],
): Promise<number> {
  const table = quote(field.table);
  const column = quote(field.column);
  const activePrefix = `v1.${keyring.activeKid}.`;
  let after = "";
  let count = 0;
  for (;;) {
    const candidates = await client.$queryRawUnsafe<Row[]>(
      `SELECT "id" AS id, ${column} AS value FROM ${table}
        WHERE ${column} IS NOT NULL AND NOT starts_with(${column}, $1) AND "id" > $2
        ORDER BY "id" LIMIT $3`,
      activePrefix,
      after,
      batchSize,
    );
    const last = candidates.at(-1);
    if (!last) return count;
    after = last.id;
    const done = await client.$transaction(async (tx) => {
      // Re-read under a row lock: a concurrent edit between the scan and here wins, and is then
      // re-encrypted from its new value.
      const locked = await tx.$queryRawUnsafe<Row[]>(
        `SELECT "id" AS id, ${column} AS value FROM ${table} WHERE "id" = ANY($1::text[]) FOR UPDATE`,
        candidates.map((r) => r.id),
      );
      let n = 0;
      for (const row of locked) {
        if (row.value == null || !needsReencryption(row.value, keyring)) continue;
        let plain: string;
        try {
          plain = decryptField(row.value, field, keyring);
        } catch (error) {
          // Stop rather than skip: a row we cannot read needs an operator, not a silent pass.
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`Cannot re-encrypt row ${row.id}: ${reason}`);
        }
        await tx.$executeRawUnsafe(
          `UPDATE ${table} SET ${column} = $1 WHERE "id" = $2`,
          encryptField(plain, field, keyring),
          row.id,
        );
        n += 1;
      }
      return n;
    });
    count += done;
    onBatch?.({ table: field.table, column: field.column, reencrypted: count });
  }
}

export async function reencryptFields(options: ReencryptOptions = {}): Promise<ReencryptResult> {
  const client = options.client ?? db();
  const keyring = options.keyring ?? keyringFromEnv();
  const actor = options.actor ?? systemActor("reencrypt");
  const batchSize = options.batchSize ?? 200;
  const columns: ReencryptResult["columns"] = [];
  for (const field of options.columns ?? ENCRYPTED_COLUMNS) {
    const reencrypted = await reencryptColumn(client, keyring, field, batchSize, options.onBatch);
    columns.push({ table: field.table, column: field.column, reencrypted });
  }
  const total = columns.reduce((sum, c) => sum + c.reencrypted, 0);
  await client.$transaction(async (tx) => {
    await recordAudit(tx, {
      action: "encryption.keys_rotated",
      actor,
      request: options.request,
      target: { type: "keyring", id: keyring.activeKid },
      metadata: { activeKid: keyring.activeKid, keyIds: [...keyring.keys.keys()], columns, total },
    });
  });
  return { activeKid: keyring.activeKid, columns, total };
}
