// What a WebAuthn ceremony step returns to its route. Failures are values, not throws: they are
// audited here as auth.mfa_failed / auth.step_up_failed, and the route answers with a problem
// document without a second, generic refusal event.
import type { ErrorCode } from "@/lib/errors/app-error";

export type CeremonyResult<T> =
  { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export const ok = <T>(value: T): CeremonyResult<T> => ({ ok: true, value });
export const fail = <T>(code: ErrorCode, message: string): CeremonyResult<T> => ({
  ok: false,
  code,
  message,
});
