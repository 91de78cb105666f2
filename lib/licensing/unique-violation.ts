// A unique-constraint race (two creates with the same slug) becomes a 409 naming the field,
// which a form can show next to the input.
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";

export async function conflictOnDuplicate<T>(
  field: string,
  message: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", message, {
        errors: [{ path: field, message: "already exists" }],
      });
    }
    throw error;
  }
}
