// The one mapping from anything thrown to a client-safe AppError. Internal messages and stacks
// never reach a client: unknown errors become a 500 that names only the request id.
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
// Field messages people can act on, for every zod error this maps (lib/validation/messages.ts).
import "@/lib/validation/messages";

export function zodToAppError(error: ZodError, message = "The request is not valid."): AppError {
  return new AppError("validation_failed", message, {
    errors: error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(body)",
      message: issue.message,
    })),
  });
}

interface UniqueViolationMeta {
  // The classic engine names the fields; driver adapters (ours: @prisma/adapter-pg) pass the
  // database's error, whose constraint names the fields or only the index ("Customer_slug_key").
  target?: unknown;
  modelName?: unknown;
  table?: unknown;
  driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } };
}

function uniqueFields(meta: UniqueViolationMeta): string[] {
  if (Array.isArray(meta.target)) return meta.target.map(String);
  const constraint = meta.driverAdapterError?.cause?.constraint;
  if (Array.isArray(constraint?.fields)) return constraint.fields.map(String);
  const index = typeof constraint?.index === "string" ? constraint.index : "";
  const named = /^[A-Za-z0-9]+_(.+)_key$/.exec(index);
  return named?.[1] ? named[1].split("_") : [];
}

const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

// One duplicate-value refusal for every unique constraint, naming the field so that a form can
// show it beside the input: "A customer with this slug already exists."
function uniqueViolation(meta: unknown): AppError {
  const m = (meta ?? {}) as UniqueViolationMeta;
  const fields = uniqueFields(m);
  const model = [m.modelName, m.table].find((v): v is string => typeof v === "string");
  const what = model ? `A ${words(model).replace(/"/g, "")}` : "A resource";
  const field = fields.length ? fields.map(words).join(" and ") : "unique value";
  return new AppError("conflict", `${what} with this ${field} already exists.`, {
    errors: fields.map((path) => ({ path, message: "already exists" })),
  });
}

export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return zodToAppError(error);
  // An outage or a frozen database is the service's state, not the request's fault: 503, so that
  // agents and load balancers back off and retry.
  if (isDatabaseUnavailable(error)) {
    return new AppError(
      "unavailable",
      "The service is temporarily unavailable: try again shortly.",
      {
        headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
      },
    );
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") return new AppError("not_found", "The resource does not exist.");
    if (error.code === "P2002") return uniqueViolation(error.meta);
    if (error.code === "P2003")
      return new AppError("conflict", "The change conflicts with related data.");
  }
  return new AppError(
    "internal",
    "An unexpected error occurred. Quote the request id when reporting it.",
  );
}
