"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/page";

// An unexpected failure on a portal page: say so with the reference to quote, offer a retry.
export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="space-y-4">
      <Notice tone="error" title="This page could not be loaded">
        Something went wrong on our side. Try again; if it keeps happening, contact your vendor
        {error.digest ? ` and quote reference ${error.digest}` : ""}.
      </Notice>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
