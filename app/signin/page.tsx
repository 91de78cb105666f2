import type { Metadata } from "next";
import { AuthFrame } from "@/components/identity/auth-frame";
import { SignInButton } from "@/components/identity/sign-in-button";
import { Notice } from "@/components/ui/page";
import { firstParam, safeNextPath, type SearchParams } from "@/lib/identity/requested-path";
import { SESSION_END_MESSAGES } from "./session-messages";

export const metadata: Metadata = { title: "Staff sign-in" };

export default async function StaffSignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ended = SESSION_END_MESSAGES[firstParam(params.reason) ?? ""];
  const next = safeNextPath(firstParam(params.next), "/admin");
  return (
    <AuthFrame
      title="Vendor staff sign-in"
      subtitle="Sign in with your company account (single sign-on)."
    >
      {ended ? (
        <Notice
          tone={firstParam(params.reason) === "suspended" ? "error" : "info"}
          title={ended.title}
        >
          {ended.body}
        </Notice>
      ) : null}
      <SignInButton provider="staff-oidc" callbackUrl={next} label="Sign in with SSO" />
      <div className="space-y-2 text-sm text-slate-600">
        <p>
          After single sign-on, confirm with your <strong>security key or passkey</strong>. The
          first time, you register one; an administrator can reset it if you lose it. SMS codes are
          never accepted as a second factor.
        </p>
        <p>
          The staff portal is reachable only from the company network or VPN. Passwords are managed
          by your identity provider.
        </p>
        <p>
          Customer? Use the{" "}
          <a className="text-brand-700 hover:underline" href="/portal/signin">
            customer portal
          </a>
          .
        </p>
      </div>
    </AuthFrame>
  );
}
