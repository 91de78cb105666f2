// Where checkpoints live besides the database: the artifact storage, one small JSON object per
// checkpoint under audit/checkpoints/. A database owner who deletes the newest events and the
// checkpoint rows still leaves these behind; the verifier reads both.
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { systemActor } from "@/lib/authz/actor";
import { storageFor } from "@/lib/storage/storage-access";
import type { CheckpointStatement } from "./checkpoint-statement";

export const CHECKPOINT_PREFIX = "audit/checkpoints/";

// Zero-padded so that the storage's key order is the chain's order.
export const checkpointKey = (seq: string) => `${CHECKPOINT_PREFIX}${seq.padStart(20, "0")}.json`;

const storage = () => storageFor({ actor: systemActor("audit-checkpoint") });

export async function exportCheckpoint(statement: CheckpointStatement): Promise<string> {
  const key = checkpointKey(statement.seq);
  await storage().put(key, Readable.from([JSON.stringify(statement)]), { maxBytes: 64 * 1024 });
  return key;
}

// The newest `count` exported checkpoints (unreadable objects are skipped: the verifier reports
// what it can check, and a missing export is visible as a gap between the two lists).
export async function readExportedCheckpoints(count = 5): Promise<CheckpointStatement[]> {
  const objects = (await storage().list(CHECKPOINT_PREFIX)).slice(-count);
  const statements: CheckpointStatement[] = [];
  for (const object of objects) {
    try {
      const read = await storage().get(object.key);
      statements.push(JSON.parse(await text(read.stream)) as CheckpointStatement);
      await read.done;
    } catch {
      continue;
    }
  }
  return statements;
}
