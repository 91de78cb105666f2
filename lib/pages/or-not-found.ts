// How a detail page turns a miss into Next's 404: the domain answers not_found for an unknown
// id and for another tenant's record (never a 403 that confirms it exists), and
// validation_failed for an id that is not even well formed. Both are "no such page"; anything
// else is a real failure and goes to the error page.
import { notFound } from "next/navigation";
import { toAppError } from "@/lib/http/error-mapper";

const MISSES = new Set(["not_found", "validation_failed"]);

export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (MISSES.has(toAppError(error).code)) notFound();
    throw error;
  }
}
