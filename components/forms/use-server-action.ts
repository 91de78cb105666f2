"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/http/action";
import { useToast } from "@/components/ui/toast";

// Runs a server action (defineAction) as a TanStack Query mutation: field errors for the form,
// a toast for the outcome, a step-up detour when the action needs a fresh security-key check,
// and a refresh of the server-rendered page so lists show the change.
export function useServerAction<I, O>(
  action: (input: I) => Promise<ActionResult<O>>,
  options: {
    success?: string | ((data: O) => string);
    invalidate?: readonly unknown[][];
    refresh?: boolean;
  } = {},
) {
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: action,
    onSuccess: async (result) => {
      if (result.ok) {
        const message =
          typeof options.success === "function" ? options.success(result.data) : options.success;
        if (message) toast("success", message);
        for (const key of options.invalidate ?? [])
          await queryClient.invalidateQueries({ queryKey: key });
        if (options.refresh !== false) router.refresh();
        return;
      }
      if (result.error.stepUpRequired) {
        const next = encodeURIComponent(window.location.pathname + window.location.search);
        router.push(`/admin/mfa/step-up?next=${next}`);
        return;
      }
      toast("error", result.error.message);
    },
    onError: () =>
      toast("error", "The request could not be completed. Check your connection and try again."),
  });
  const result = mutation.data;
  return {
    run: mutation.mutate,
    runAsync: mutation.mutateAsync,
    pending: mutation.isPending,
    result,
    fieldErrors: result && !result.ok ? result.error.fieldErrors : {},
    error: result && !result.ok ? result.error.message : null,
  };
}
