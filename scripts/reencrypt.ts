// Re-encrypts every encrypted column under the active data-encryption key.
//
// Key rotation, step by step:
//   1. add the new key to DATA_ENCRYPTION_KEYS ("k1:...,k2:...") and set DATA_ENCRYPTION_ACTIVE_KEY=k2;
//      restart the app (new writes now use k2; old rows still decrypt with k1);
//   2. run `npx tsx scripts/reencrypt.ts` (DATABASE_URL as for the app; --batch-size=N, default 200);
//   3. when it reports success, remove k1 from DATA_ENCRYPTION_KEYS and restart.
// A run is idempotent and safe beside the running app: rows are locked and rewritten in small
// transactions; an interrupted run is finished by running it again. The run is audited once as
// encryption.keys_rotated.
import { systemActor } from "@/lib/authz/actor";
import { reencryptFields } from "@/lib/crypto/reencrypt-fields";
import { db } from "@/lib/db/client";

function batchSize(): number {
  const arg = process.argv.slice(2).find((a) => a.startsWith("--batch-size="));
  const n = arg ? Number(arg.slice("--batch-size=".length)) : 200;
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error("--batch-size must be 1..10000");
  return n;
}

async function main() {
  const result = await reencryptFields({
    actor: systemActor("reencrypt"),
    batchSize: batchSize(),
    onBatch: (p) => console.log(`  ${p.table}.${p.column}: ${p.reencrypted} re-encrypted`),
  });
  for (const c of result.columns) console.log(`${c.table}.${c.column}: ${c.reencrypted}`);
  console.log(`Done: ${result.total} value(s) now under key "${result.activeKid}".`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db().$disconnect());
