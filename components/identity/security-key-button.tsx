"use client";
// One button for the three ceremonies: enroll a key, pass the second factor, or step up. On
// success it navigates to `next` (a same-site path, checked by the page).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/page";
import { CeremonyError, registerSecurityKey, verifySecurityKey } from "./webauthn-client";

export function SecurityKeyButton({
  ceremony,
  next,
  label,
}: {
  ceremony: "register" | "mfa" | "step-up";
  next: string;
  label: string;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function run() {
    setPending(true);
    setError(null);
    try {
      if (ceremony === "register") await registerSecurityKey();
      else await verifySecurityKey(ceremony);
      setDone(true);
      // A full navigation: the server renders the next page with the updated session.
      window.location.assign(next);
    } catch (e) {
      setError(
        e instanceof CeremonyError ? e.message : "The security key could not be used. Try again.",
      );
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {error ? (
        <Notice tone="error" title="That did not work">
          {error}
        </Notice>
      ) : null}
      {done ? (
        <p role="status" data-testid="security-key-done" className="text-sm text-emerald-700">
          Verified. Continuing…
        </p>
      ) : null}
      <Button
        onClick={() => void run()}
        disabled={pending || done}
        data-testid={`security-key-${ceremony}`}
      >
        {pending ? "Waiting for your security key…" : label}
      </Button>
    </div>
  );
}
