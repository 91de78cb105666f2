// Anything under /api that no route matches: a problem+json 404, never an HTML page.
import { AppError, defineRoute } from "@/lib/http/route";

const notFound = defineRoute({
  name: "api.not_found",
  access: { kind: "public", reason: "answers unknown API paths with a problem document" },
  handler: async ({ req }) => {
    throw new AppError(
      "not_found",
      `No API route matches ${req.method} ${new URL(req.url).pathname}.`,
    );
  },
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = notFound;
