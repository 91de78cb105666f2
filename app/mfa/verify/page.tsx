import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/identity/auth-frame";
import { SecurityKeyButton } from "@/components/identity/security-key-button";
import { requireStaffSessionPage } from "@/lib/identity/page-guards";
import { firstParam, safeNextPath, type SearchParams } from "@/lib/identity/requested-path";

export const metadata: Metadata = { title: "Confirm with your security key" };

export default async function VerifyPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, mfaSatisfied, hasCredentials } = await requireStaffSessionPage();
  const next = safeNextPath(firstParam((await searchParams).next), "/admin");
  if (!hasCredentials) redirect(`/mfa/enroll?next=${encodeURIComponent(next)}`);
  if (mfaSatisfied) redirect(next);
  return (
    <AuthFrame
      title="Confirm with your security key"
      subtitle={`Signed in with SSO as ${actor.email}`}
    >
      <p className="text-sm text-slate-600">
        Insert or touch your security key, or use your passkey, to open the staff portal.
      </p>
      <SecurityKeyButton ceremony="mfa" next={next} label="Use security key" />
      <p className="text-xs text-slate-500">
        Not you?{" "}
        <a className="text-brand-700 hover:underline" href="/signout">
          Sign out
        </a>
        .
      </p>
    </AuthFrame>
  );
}
