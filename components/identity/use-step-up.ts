"use client";
import { useCallback, useState } from "react";
import { CeremonyError, runWithStepUp } from "./webauthn-client";

// A component's handle on runWithStepUp, with the pending state and a readable error.
export function useStepUp() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T>(
      call: () => Promise<T>,
      needsStepUp: (result: T) => boolean | Promise<boolean>,
    ): Promise<T | null> => {
      setPending(true);
      setError(null);
      try {
        return await runWithStepUp(call, needsStepUp);
      } catch (e) {
        setError(e instanceof CeremonyError ? e.message : "Something went wrong. Try again.");
        return null;
      } finally {
        setPending(false);
      }
    },
    [],
  );
  return { run, pending, error };
}
