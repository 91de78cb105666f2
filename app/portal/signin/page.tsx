import type { Metadata } from "next";
import { AuthFrame } from "@/components/identity/auth-frame";
import { SignInButton } from "@/components/identity/sign-in-button";
import { Notice } from "@/components/ui/page";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { SESSION_END_MESSAGES } from "../../signin/session-messages";

export const metadata: Metadata = { title: "Customer sign-in" };

export default async function CustomerSignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ended = SESSION_END_MESSAGES[firstParam(params.reason) ?? ""];
  return (
    <AuthFrame
      title="Customer portal sign-in"
      subtitle="Your licenses, downloads and update agent credentials."
    >
      {ended ? (
        <Notice tone="info" title={ended.title}>
          {ended.body}
        </Notice>
      ) : null}
      <SignInButton
        provider="customer-oidc"
        callbackUrl="/portal"
        label="Sign in with your organisation account"
      />
      <p className="text-sm text-slate-600">
        Access is given by your organisation&apos;s Tollgate administrator. Vendor staff sign in at{" "}
        <a className="text-brand-700 hover:underline" href="/signin">
          the staff portal
        </a>
        .
      </p>
    </AuthFrame>
  );
}
