"use client";

// The error boundary of every page (customer portal, staff portal, sign-in): a readable
// "temporarily unavailable" page with a retry instead of Next.js's bare error screen.
import { AuthFrame } from "@/components/identity/auth-frame";
import { UnavailableNotice } from "@/components/errors/unavailable-notice";
import { Button } from "@/components/ui/button";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <AuthFrame title="Temporarily unavailable">
      <UnavailableNotice reference={error.digest} />
      <Button onClick={reset}>Try again</Button>
    </AuthFrame>
  );
}
