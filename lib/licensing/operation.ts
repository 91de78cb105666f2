// What every licensing operation takes and how it reads its input. Operations parse their own
// input with the schema beside them, so a route, a server action, the seed and a test all get
// the same validation and the same field-level errors.
import type { z, ZodType } from "zod";
import type { Actor } from "@/lib/authz/actor";
import type { AuditRequestInfo } from "@/lib/audit/record-audit";
import { zodToAppError } from "@/lib/http/error-mapper";
import { AppError, type FieldError } from "@/lib/errors/app-error";

export interface OperationArgs<I> {
  actor: Actor;
  input: I;
  request?: AuditRequestInfo;
}

export function parseInput<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw zodToAppError(result.error);
  return result.data;
}

export function invalid(errors: FieldError[], message = "The request is not valid."): AppError {
  return new AppError("validation_failed", message, { errors });
}
