// What every domain operation takes and how it reads its input. Explicit arguments, so that a
// route handler, a server action, a script, the seed and a test call the same function; each
// operation parses its own input with parseInput, so all of them get the same validation and the
// same field-level errors (a 400 AppError, whoever the caller).
import type { z, ZodType } from "zod";
import type { AuditRequestInfo } from "@/lib/audit/record-audit";
import { AppError, type FieldError } from "@/lib/errors/app-error";
import { zodToAppError } from "@/lib/http/error-mapper";
import type { Actor, StaffActor } from "./actor";

export interface Operation<I, A extends Actor = StaffActor> {
  // A staff actor's `permissions` are its effective ones (lib/authz/load-user-authorization.ts).
  actor: A;
  input: I;
  request?: AuditRequestInfo;
}

export function parseInput<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // The message names each problem too, for callers that show no field list (scripts, the seed).
  const problems = result.error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ` : "") + issue.message)
    .join("; ");
  throw zodToAppError(result.error, `The request is not valid (${problems}).`.slice(0, 500));
}

export function invalid(errors: FieldError[], message = "The request is not valid."): AppError {
  return new AppError("validation_failed", message, { errors });
}
