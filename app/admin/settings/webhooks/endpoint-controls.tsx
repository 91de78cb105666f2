"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { SecretOnceDialog } from "@/components/licensing/secret-once-dialog";
import { Button } from "@/components/ui/button";
import { rotateWebhookSecretAction, setWebhookEndpointStatusAction } from "./actions";

const rotateWithStepUp = withStepUp(rotateWebhookSecretAction);

export function EndpointControls({
  endpointId,
  status,
}: {
  endpointId: string;
  status: "ACTIVE" | "DISABLED";
}) {
  const [secret, setSecret] = useState<string | null>(null);
  const setStatus = useServerAction(setWebhookEndpointStatusAction, {
    success: (d) => (d.status === "ACTIVE" ? "Endpoint turned on." : "Endpoint turned off."),
  });
  const rotate = useServerAction(rotateWithStepUp, { success: "New signing secret made." });
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="secondary"
        disabled={setStatus.pending}
        onClick={() =>
          setStatus.run({ endpointId, status: status === "ACTIVE" ? "DISABLED" : "ACTIVE" })
        }
      >
        {status === "ACTIVE" ? "Turn off" : "Turn on"}
      </Button>
      <Button
        variant="secondary"
        disabled={rotate.pending}
        onClick={() =>
          rotate.run(
            { endpointId },
            { onSuccess: (r) => (r.ok ? setSecret(r.data.secret) : undefined) },
          )
        }
      >
        Rotate secret
      </Button>
      {secret ? (
        <SecretOnceDialog
          title="New signing secret"
          label="Signing secret"
          secret={secret}
          onClose={() => setSecret(null)}
        />
      ) : null}
    </div>
  );
}
