import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/identity/auth-frame";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/page";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { REFUSAL_MESSAGES, type RefusalReason } from "@/lib/identity/sign-in-policy";

export const metadata: Metadata = { title: "Sign-in not possible" };

// next-auth's own error codes (?error=), for failures before our policy ran.
const NEXT_AUTH_ERRORS: Record<string, string> = {
  OAuthCallback: "The identity provider reported an error, or the sign-in was cancelled.",
  Callback:
    "The sign-in could not be completed (the identity provider's answer was not valid, or it was cancelled). Start again.",
  OAuthSignin: "The identity provider could not be reached. Try again in a moment.",
  OAuthAccountNotLinked: "This identity provider account cannot be used with this portal.",
  AccessDenied: "You are not allowed to sign in.",
  Configuration: "Sign-in is not configured correctly. Contact your administrator.",
};

function pathOf(url: string | undefined): string {
  try {
    return url ? new URL(url, "http://placeholder").pathname : "";
  } catch {
    return "";
  }
}

export default async function SignInRefusedPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const reason = firstParam(params.reason);
  const error = firstParam(params.error);
  const callbackPath = pathOf(firstParam(params.callbackUrl));
  const portal =
    firstParam(params.portal) === "customer" || callbackPath.startsWith("/portal")
      ? "customer"
      : "staff";
  // next-auth also sends plain visits of /api/auth/signin here: nothing went wrong, go sign in.
  if (!reason && !error) redirect(portal === "customer" ? "/portal/signin" : "/signin");
  const message =
    reason && reason in REFUSAL_MESSAGES
      ? REFUSAL_MESSAGES[reason as RefusalReason]
      : (NEXT_AUTH_ERRORS[error ?? ""] ?? "The sign-in did not succeed. Start again.");
  return (
    <AuthFrame title="Sign-in not possible">
      <Notice
        tone="error"
        title={reason === "locked" ? "Temporarily locked" : "You were not signed in"}
      >
        <span data-testid="refusal-message">{message}</span>
      </Notice>
      <p className="text-sm text-slate-600">
        This attempt has been recorded. If you think this is wrong, contact a Tollgate
        administrator.
      </p>
      <a
        className={buttonClass("secondary")}
        href={portal === "customer" ? "/portal/signin" : "/signin"}
      >
        Back to sign-in
      </a>
    </AuthFrame>
  );
}
