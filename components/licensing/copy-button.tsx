"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

// Copies a value with the asynchronous clipboard API. Where the browser refuses (an insecure
// origin, a denied permission) it says so, and the value stays selectable on screen.
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" onClick={() => void copy()}>
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="text-xs text-slate-500">
        {state === "failed" ? "Copy failed: select the text and copy it by hand." : null}
      </span>
    </span>
  );
}
