// Verifies the audit trail's hash chain and names the first broken link (then every other one).
//   npm run audit:verify                 walk the chain, check it against the newest checkpoints
//   npm run audit:verify -- --archives   also re-verify every archived event (audit:archive)
//   npm run audit:checkpoint             sign the chain head and export it (schedule this)
// DATABASE_URL as for the app (the app role may read the trail); exit code 1 when broken, after
// raising a critical audit.chain_broken alert. See docs/audit.md.
import { db } from "@/lib/db/client";
import { runVerification } from "@/lib/audit/run-verification";
import { describeBreak } from "@/lib/audit/verify-chain";
import { writeCheckpoint } from "@/lib/audit/write-checkpoint";

async function main() {
  if (process.argv.includes("--checkpoint")) {
    const statement = await writeCheckpoint();
    console.log(
      statement
        ? `Checkpoint #${statement.seq} ${statement.hash} signed with key ${statement.keyId}.`
        : "The audit trail is empty: nothing to checkpoint.",
    );
    return;
  }
  const report = await runVerification({ deepArchives: process.argv.includes("--archives") });
  const against = report.checkpoint
    ? `, checked against the checkpoint at #${report.checkpoint.seq} (key ${report.checkpoint.keyId})`
    : ", no signed checkpoint yet";
  if (report.ok) {
    console.log(
      `Audit chain intact: ${report.events} event(s), head #${report.headSeq}${against}.`,
    );
    return;
  }
  const [first, ...rest] = report.breaks;
  if (first) console.error(`First broken link: ${describeBreak(first)}`);
  for (const other of rest) console.error(`  also: ${describeBreak(other)}`);
  console.error(`${report.breaks.length} break(s) in ${report.events} event(s)${against}.`);
  process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db().$disconnect());
