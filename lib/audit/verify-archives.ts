// The verifier's view of archived partitions: their manifests must chain from the first event
// (seq 1, the genesis hash) without a gap, each signed by a valid checkpoint of its last event;
// the live chain then continues from the newest archive's last hash. With `deep`, each archive
// is read back and its events re-verified one by one (hash over prevHash and canonical content,
// links, and the manifest's sha256 of the file).
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { text } from "node:stream/consumers";
import { createGunzip } from "node:zlib";
import { systemActor } from "@/lib/authz/actor";
import { storageFor } from "@/lib/storage/storage-access";
import { ARCHIVE_PREFIX, type ArchiveLine, type ArchiveManifest } from "./archive-partitions";
import { GENESIS_HASH, linkHash } from "./chain";
import { verifyCheckpoint } from "./checkpoint-statement";
import type { ChainBreak } from "./verify-chain";

const storage = () => storageFor({ actor: systemActor("audit-verify") });

export async function readArchiveManifests(): Promise<ArchiveManifest[]> {
  const objects = (await storage().list(ARCHIVE_PREFIX)).filter((o) => o.key.endsWith(".json"));
  const manifests: ArchiveManifest[] = [];
  for (const o of objects) {
    const read = await storage().get(o.key);
    manifests.push(JSON.parse(await text(read.stream)) as ArchiveManifest);
    await read.done;
  }
  return manifests.sort((a, b) => (BigInt(a.firstSeq) < BigInt(b.firstSeq) ? -1 : 1));
}

// Where the live chain must start, and what is wrong with the archived part before it.
export function archivedPrefix(manifests: ArchiveManifest[]): {
  breaks: ChainBreak[];
  start: { seq: bigint; prevHash: string };
} {
  const breaks: ChainBreak[] = [];
  let seq = 1n;
  let prevHash = GENESIS_HASH;
  for (const m of manifests) {
    const problem = verifyCheckpoint(m.checkpoint);
    if (problem || m.checkpoint.seq !== m.lastSeq || m.checkpoint.hash !== m.lastHash) {
      breaks.push({
        kind: "archive_invalid",
        partition: m.partition,
        reason: problem ?? "its checkpoint is not of its last event",
      });
    }
    if (BigInt(m.firstSeq) !== seq) {
      breaks.push({
        kind: "missing",
        fromSeq: seq.toString(),
        toSeq: (BigInt(m.firstSeq) - 1n).toString(),
      });
    } else if (m.firstPrevHash !== prevHash) {
      breaks.push({
        kind: "archive_invalid",
        partition: m.partition,
        reason: "it does not link to the archive before it",
      });
    }
    seq = BigInt(m.lastSeq) + 1n;
    prevHash = m.lastHash;
  }
  return { breaks, start: { seq, prevHash } };
}

export async function verifyArchiveObject(m: ArchiveManifest): Promise<ChainBreak[]> {
  const breaks: ChainBreak[] = [];
  const invalid = (reason: string) =>
    breaks.push({ kind: "archive_invalid", partition: m.partition, reason });
  const read = await storage().get(m.object);
  const sha = createHash("sha256");
  read.stream.on("data", (chunk: Buffer) => sha.update(chunk));
  let expected = BigInt(m.firstSeq);
  let prevHash = m.firstPrevHash;
  let count = 0;
  for await (const raw of createInterface({ input: read.stream.pipe(createGunzip()) })) {
    if (!raw) continue;
    const line = JSON.parse(raw) as ArchiveLine;
    count += 1;
    if (BigInt(line.seq) !== expected) invalid(`event #${expected} is missing from it`);
    if (line.hash !== linkHash(line.prevHash, line.canonical))
      breaks.push({ kind: "content_mismatch", seq: line.seq, id: line.id });
    else if (line.prevHash !== prevHash)
      breaks.push({ kind: "link_mismatch", seq: line.seq, id: line.id });
    expected = BigInt(line.seq) + 1n;
    prevHash = line.hash;
  }
  await read.done;
  if (sha.digest("hex") !== m.sha256) invalid("the file is not the one its manifest describes");
  if (count !== m.count || prevHash !== m.lastHash)
    invalid("it does not end where its manifest says");
  return breaks;
}
