"use server";
// Next.js checks that a server action's Origin matches the Host, so these POSTs cannot be forged
// from another site (CSRF); the session cookie is also SameSite=Lax.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/http/request-context";
import {
  sessionCookieName,
  sessionCookieOptions,
  readSessionToken,
} from "@/lib/identity/session-cookie";
import { signOut } from "@/lib/identity/sign-out";

async function end(everywhere: boolean): Promise<never> {
  const h = await headers();
  const result = await signOut({
    token: readSessionToken(h),
    everywhere,
    request: requestContext(h),
  });
  (await cookies()).set(sessionCookieName(), "", { ...sessionCookieOptions(), maxAge: 0 });
  const reason = everywhere ? "signed_out_everywhere" : "signed_out";
  redirect(
    result.portal === "customer" ? `/portal/signin?reason=${reason}` : `/signin?reason=${reason}`,
  );
}

export async function signOutAction(): Promise<void> {
  await end(false);
}

export async function signOutEverywhereAction(): Promise<void> {
  await end(true);
}
