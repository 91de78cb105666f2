"use client";

import { useState } from "react";
import { runWithStepUp } from "@/components/identity/webauthn-client";
import { Button } from "@/components/ui/button";

// The export route is step-up: a 403 that asks for it runs the security-key check here, then the
// request once more.
const fetchExport = (url: string) =>
  runWithStepUp(
    () => fetch(url, { credentials: "same-origin" }),
    async (res) =>
      res.status === 403 &&
      (
        (await res
          .clone()
          .json()
          .catch(() => null)) as { stepUpRequired?: unknown } | null
      )?.stepUpRequired === true,
  );

// Export asks for a fresh security-key check (the route is step-up), then saves the stream.
export function ExportButtons({ query }: { query: string }) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (format: "csv" | "ndjson") => {
    setPending(format);
    setError(null);
    try {
      const res = await fetchExport(`/api/admin/audit/export?format=${format}&${query}`);
      if (!res.ok) {
        const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
        setError(problem?.detail ?? `The export was refused (${res.status}).`);
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download =
        /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ??
        `audit.${format}`;
      a.click();
      URL.revokeObjectURL(url);
    } catch {
      setError("The export could not run. Try again.");
    } finally {
      setPending(null);
    }
  };
  return (
    <div className="flex items-center gap-2">
      <Button variant="secondary" disabled={pending !== null} onClick={() => void download("csv")}>
        {pending === "csv" ? "Exporting…" : "Export CSV"}
      </Button>
      <Button
        variant="secondary"
        disabled={pending !== null}
        onClick={() => void download("ndjson")}
      >
        {pending === "ndjson" ? "Exporting…" : "Export NDJSON"}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
