"use client";
// Starts the OIDC sign-in: next-auth fetches a CSRF token, POSTs to /api/auth/signin/<provider>
// and sends the browser on to the identity provider (code flow with PKCE, state and nonce).
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignInButton({
  provider,
  callbackUrl,
  label,
}: {
  provider: "staff-oidc" | "customer-oidc";
  callbackUrl: string;
  label: string;
}) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      className="w-full"
      disabled={pending}
      onClick={() => {
        setPending(true);
        signIn(provider, { callbackUrl }).catch(() => setPending(false));
      }}
    >
      {pending ? "Redirecting to your identity provider…" : label}
    </Button>
  );
}
