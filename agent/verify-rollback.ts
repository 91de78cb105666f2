// The one exception to the agent's anti-downgrade rule: an approved rollback. The signed answer
// must carry a rollback instruction made for this machine and product, naming exactly the
// installed version as `from` and the offered one as `to`, going down, and not yet expired.
// Anything else offering an older or equal version is refused, signed or not.
import semver from "semver";
import type { RollbackInstruction } from "../lib/updates/update-check.schema";

export interface RollbackExpectations {
  machineId: string;
  product: string;
  installed: string;
  offered: string;
  now: Date;
}

// Null when the instruction approves this downgrade; otherwise why not.
export function rollbackRefusal(
  instruction: RollbackInstruction | undefined,
  expected: RollbackExpectations,
): string | null {
  if (!instruction) return "and no rollback was approved";
  if (instruction.machine !== expected.machineId)
    return "and its rollback instruction is for another machine";
  if (instruction.product !== expected.product)
    return "and its rollback instruction is for another product";
  if (instruction.from !== expected.installed || instruction.to !== expected.offered)
    return `and its rollback instruction names ${instruction.from} → ${instruction.to}`;
  if (!semver.valid(instruction.to) || !semver.lt(instruction.to, instruction.from))
    return "and its rollback instruction does not go down";
  if (!(Date.parse(instruction.expiresAt) > expected.now.getTime()))
    return `and its rollback instruction expired at ${instruction.expiresAt}`;
  return null;
}
