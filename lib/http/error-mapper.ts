// The one mapping from anything thrown to a client-safe AppError. Internal messages and stacks
// never reach a client: unknown errors become a 500 that names only the request id.
import { ZodError } from "zod";
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

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return zodToAppError(error);
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") return new AppError("not_found", "The resource does not exist.");
    if (error.code === "P2002") {
      const target = (error.meta as { target?: unknown } | undefined)?.target;
      const fields = Array.isArray(target) ? target.map(String) : [];
      return new AppError("conflict", "A resource with the same unique value already exists.", {
        errors: fields.map((path) => ({ path, message: "already exists" })),
      });
    }
    if (error.code === "P2003")
      return new AppError("conflict", "The change conflicts with related data.");
  }
  return new AppError(
    "internal",
    "An unexpected error occurred. Quote the request id when reporting it.",
  );
}
