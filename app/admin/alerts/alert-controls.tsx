"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { acknowledgeAlertAction, resolveAlertAction } from "./actions";

// Acknowledge (someone is on it) or resolve, each with a note saying what was done or found.
export function AlertControls({ alertId, status }: { alertId: string; status: string }) {
  const [note, setNote] = useState("");
  const acknowledge = useServerAction(acknowledgeAlertAction, { success: "Alert acknowledged." });
  const resolve = useServerAction(resolveAlertAction, { success: "Alert resolved." });
  const pending = acknowledge.pending || resolve.pending;
  if (status === "RESOLVED") return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`note-${alertId}`}>
        Note
      </label>
      <input
        id={`note-${alertId}`}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder="Note (required)"
        className="rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset"
      />
      {status === "OPEN" ? (
        <Button
          variant="secondary"
          disabled={pending || !note.trim()}
          onClick={() => acknowledge.run({ alertId, note })}
        >
          Acknowledge
        </Button>
      ) : null}
      <Button
        variant="secondary"
        disabled={pending || !note.trim()}
        onClick={() => resolve.run({ alertId, note })}
      >
        Resolve
      </Button>
    </div>
  );
}
