// Whether a staff user has registered a security key: the MFA pages enroll a first one or ask
// for it, and the step-up page offers it or explains how to register one.
import { db } from "@/lib/db/client";

export async function hasSecurityKey(userId: string): Promise<boolean> {
  return (await db().webAuthnCredential.count({ where: { userId } })) > 0;
}
