// The outstanding WebAuthn challenge lives on the session row, tagged with its purpose. Taking it
// clears it in the same statement, so a challenge verifies at most one response, and a
// registration challenge can never complete a sign-in assertion (or the reverse).
import type { Tx } from "@/lib/db/client";
import { CHALLENGE_TTL_MS, type CeremonyPurpose } from "./relying-party";

type Sessions = Pick<Tx, "session">;

export async function storeChallenge(
  db: Sessions,
  sessionId: string,
  purpose: CeremonyPurpose,
  challenge: string,
  now = new Date(),
): Promise<void> {
  await db.session.update({
    where: { id: sessionId },
    data: {
      challenge: `${purpose}:${challenge}`,
      challengeExpiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    },
  });
}

export async function takeChallenge(
  db: Sessions,
  sessionId: string,
  purpose: CeremonyPurpose,
  now = new Date(),
): Promise<string | null> {
  const row = await db.session.findUnique({
    where: { id: sessionId },
    select: { challenge: true, challengeExpiresAt: true },
  });
  if (!row?.challenge) return null;
  // Cleared whatever happens next: valid or not, this challenge is spent.
  const taken = await db.session.updateMany({
    where: { id: sessionId, challenge: row.challenge },
    data: { challenge: null, challengeExpiresAt: null },
  });
  if (taken.count !== 1) return null;
  if (!row.challengeExpiresAt || row.challengeExpiresAt.getTime() <= now.getTime()) return null;
  const prefix = `${purpose}:`;
  return row.challenge.startsWith(prefix) ? row.challenge.slice(prefix.length) : null;
}
