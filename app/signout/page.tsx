import type { Metadata } from "next";
import { headers } from "next/headers";
import { AuthFrame } from "@/components/identity/auth-frame";
import { Button } from "@/components/ui/button";
import { signedInEmail } from "@/lib/identity/signed-in-email";
import { signOutAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const email = await signedInEmail(await headers());
  if (!email) {
    return (
      <AuthFrame title="You are signed out">
        <p className="text-sm text-slate-600">
          <a className="text-brand-700 hover:underline" href="/signin">
            Staff sign-in
          </a>{" "}
          ·{" "}
          <a className="text-brand-700 hover:underline" href="/portal/signin">
            Customer sign-in
          </a>
        </p>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Sign out" subtitle={`Signed in as ${email}`}>
      <form action={signOutAction}>
        <Button type="submit" className="w-full">
          Sign out
        </Button>
      </form>
      <form action={signOutEverywhereAction} className="space-y-2">
        <Button type="submit" variant="secondary" className="w-full">
          Sign out everywhere
        </Button>
        <p className="text-xs text-slate-500">
          Ends every session of your account, on all devices and browsers.
        </p>
      </form>
    </AuthFrame>
  );
}
