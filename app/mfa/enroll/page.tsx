import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/identity/auth-frame";
import { SecurityKeyButton } from "@/components/identity/security-key-button";
import { requireStaffSessionPage } from "@/lib/identity/page-guards";
import { firstParam, safeNextPath, type SearchParams } from "@/lib/identity/requested-path";

export const metadata: Metadata = { title: "Register a security key" };

export default async function EnrollPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, hasCredentials } = await requireStaffSessionPage();
  const next = safeNextPath(firstParam((await searchParams).next), "/admin");
  // Adding a further key is done from the step-up flow; here only the first one.
  if (hasCredentials) redirect(`/mfa/verify?next=${encodeURIComponent(next)}`);
  return (
    <AuthFrame title="Register a security key" subtitle={`Signed in with SSO as ${actor.email}`}>
      <p className="text-sm text-slate-600">
        The staff portal requires a second factor of its own: a hardware security key (FIDO2) or a
        passkey on this device. Register one now; you will confirm with it every time you sign in
        and before sensitive actions.
      </p>
      <SecurityKeyButton ceremony="register" next={next} label="Register security key" />
      <p className="text-xs text-slate-500">
        Lost your key later? An administrator can reset your enrollment.
      </p>
    </AuthFrame>
  );
}
