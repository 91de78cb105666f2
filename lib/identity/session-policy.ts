// Session lifetime rules, pure so they can be tested exhaustively: an absolute lifetime counted
// from sign-in (never extended by activity) and an idle timeout counted from the last request.
export interface SessionTimes {
  createdAt: Date;
  expires: Date;
  lastSeenAt: Date;
}

export interface SessionLimits {
  maxAgeSeconds: number;
  idleTimeoutSeconds: number;
}

// lastSeenAt is written at most this often, so a busy page does not write on every request.
export const TOUCH_INTERVAL_MS = 60_000;

export type SessionVerdict =
  { valid: true; touch: boolean } | { valid: false; reason: "expired_absolute" | "expired_idle" };

export function evaluateSessionTimes(
  session: SessionTimes,
  now: Date,
  limits: SessionLimits,
): SessionVerdict {
  const t = now.getTime();
  const absoluteEnd = Math.min(
    session.expires.getTime(),
    session.createdAt.getTime() + limits.maxAgeSeconds * 1000,
  );
  if (t >= absoluteEnd) return { valid: false, reason: "expired_absolute" };
  if (t - session.lastSeenAt.getTime() >= limits.idleTimeoutSeconds * 1000)
    return { valid: false, reason: "expired_idle" };
  return { valid: true, touch: t - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS };
}

export function isStepUpFresh(stepUpAt: Date | null, now: Date, maxAgeSeconds: number): boolean {
  if (!stepUpAt) return false;
  const age = now.getTime() - stepUpAt.getTime();
  return age >= 0 && age < maxAgeSeconds * 1000;
}
