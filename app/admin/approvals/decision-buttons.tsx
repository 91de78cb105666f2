"use client";

import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { Button } from "@/components/ui/button";
import { approveRequestAction, rejectRequestAction } from "./actions";

const approveWithStepUp = withStepUp(approveRequestAction);

// The server judges both people again (the policy's reason shows in a toast when it refuses).
export function DecisionButtons({ requestId }: { requestId: string }) {
  const approve = useServerAction(approveWithStepUp, { success: "Approved: the change is made." });
  const reject = useServerAction(rejectRequestAction, { success: "Request rejected." });
  const pending = approve.pending || reject.pending;
  return (
    <div className="flex justify-end gap-2">
      <Button disabled={pending} onClick={() => approve.run({ requestId })}>
        Approve
      </Button>
      <Button variant="secondary" disabled={pending} onClick={() => reject.run({ requestId })}>
        Reject
      </Button>
    </div>
  );
}
