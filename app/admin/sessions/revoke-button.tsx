"use client";

import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { Button } from "@/components/ui/button";
import { revokeSessionAction } from "./actions";

const revokeWithStepUp = withStepUp(revokeSessionAction);

export function RevokeSessionButton({ sessionId }: { sessionId: string }) {
  const revoke = useServerAction(revokeWithStepUp, { success: "Session revoked." });
  return (
    <Button variant="secondary" disabled={revoke.pending} onClick={() => revoke.run({ sessionId })}>
      Revoke
    </Button>
  );
}
