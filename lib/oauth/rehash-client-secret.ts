// Moves a secret stored under an older hash scheme (scrypt) to the current one, right after it
// was verified: the plaintext exists only during that request. Conditional on the old hash, so
// two concurrent token requests rehash once; a failure leaves the old hash, which still works.
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { hashClientSecret } from "./client-secret";

export async function rehashClientSecret(
  secretId: string,
  previousHash: string,
  secret: string,
): Promise<void> {
  try {
    await db().apiClientSecret.updateMany({
      where: { id: secretId, secretHash: previousHash },
      data: { secretHash: await hashClientSecret(secret) },
    });
  } catch (error) {
    log.error({ err: error, secretId }, "could not rehash a client secret");
  }
}
