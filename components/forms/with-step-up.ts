"use client";

import { verifySecurityKey } from "@/components/identity/webauthn-client";
import type { ActionResult } from "@/lib/http/action";

// Wraps a sensitive server action (access stepUp: true): when the server asks for a fresh
// security key check, run it right here and call the action once more. If the check cannot run
// (no key registered, cancelled), the first answer stands and useServerAction sends the user to
// the step-up page, which also offers enrolment.
export function withStepUp<I, O>(
  action: (input: I) => Promise<ActionResult<O>>,
): (input: I) => Promise<ActionResult<O>> {
  return async (input: I) => {
    const first = await action(input);
    if (first.ok || !first.error.stepUpRequired) return first;
    try {
      await verifySecurityKey("step-up");
    } catch {
      return first;
    }
    return action(input);
  };
}
