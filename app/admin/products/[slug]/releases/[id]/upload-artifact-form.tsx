"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatBytes } from "@/components/ui/format";
import { artifactFileNameProblem } from "@/lib/releases/artifact-file-name";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { ARCHES, PLATFORMS } from "@/lib/releases/upload-artifact.schema";
import { putWithProgress } from "./put-with-progress";
import { uploadErrorMessage, type UploadProblem } from "./upload-error-message";

// The browser hashes the whole file in memory (crypto.subtle.digest has no streaming form).
// That is fine for the builds staff upload by hand; bigger ones belong to the build pipeline's
// upload route, which streams.
const MAX_BROWSER_UPLOAD_BYTES = 512 * 1024 ** 2;

interface Uploaded {
  platform: string;
  arch: string;
  fileName: string;
  size: number;
  sha256: string;
  replaced: boolean;
}

type Phase =
  | { kind: "idle" }
  | { kind: "hashing" }
  | { kind: "uploading"; sent: number; total: number }
  | { kind: "done"; artifact: Uploaded }
  | { kind: "failed"; message: string; sent: number; total: number };

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

// A default for X-File-Name that the server's rule (artifact-file-name.ts) accepts.
function safeFileName(name: string): string {
  return name
    .replace(/[^A-Za-z0-9._+-]/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 200);
}

function ProgressBar({ sent, total, label }: { sent: number; total: number; label: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((sent / total) * 100)) : 0;
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span>
          {percent}% · {formatBytes(sent)} of {formatBytes(total)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full rounded-full bg-brand-600 transition-[width] duration-150"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}

export function UploadArtifactForm({
  releaseId,
  existing,
}: {
  releaseId: string;
  existing: string[];
}) {
  const router = useRouter();
  const toast = useToast();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [file, setFile] = useState<File | null>(null);
  const [fileName, setFileName] = useState("");
  const [platform, setPlatform] = useState<string>(PLATFORMS[0]);
  const [arch, setArch] = useState<string>(ARCHES[0]);
  const busy = phase.kind === "hashing" || phase.kind === "uploading";
  const target = `${platform}/${arch}`;

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file || busy) return;
    const fail = (message: string, sent = 0) =>
      setPhase({ kind: "failed", message, sent, total: file.size });
    if (file.size === 0) return fail("The file is empty.");
    // Refused here, before a byte is sent, by the rule the server applies.
    const nameProblem = fileName.trim() ? artifactFileNameProblem(fileName.trim()) : null;
    if (nameProblem) return fail(nameProblem);
    if (file.size > MAX_BROWSER_UPLOAD_BYTES) {
      return fail(
        `The file is ${formatBytes(file.size)}; the portal uploads files up to ${formatBytes(MAX_BROWSER_UPLOAD_BYTES)}. Upload larger builds from the build pipeline (PUT /api/releases/{id}/artifacts/{platform}/{arch}), which streams them.`,
      );
    }
    if (!globalThis.crypto?.subtle) {
      return fail(
        "This browser cannot compute the file's checksum here: open the portal over HTTPS.",
      );
    }
    setPhase({ kind: "hashing" });
    let sha256: string;
    try {
      sha256 = await sha256Hex(file);
    } catch {
      return fail("The file could not be read. Choose it again and retry.");
    }
    setPhase({ kind: "uploading", sent: 0, total: file.size });
    let lastSent = 0;
    const result = await putWithProgress(
      `/api/admin/releases/${releaseId}/artifacts/${platform}/${arch}`,
      file,
      {
        "content-type": "application/octet-stream",
        accept: "application/json",
        "x-checksum-sha256": sha256,
        ...(fileName.trim() ? { "x-file-name": fileName.trim() } : {}),
      },
      (sent, total) => {
        lastSent = sent;
        setPhase({ kind: "uploading", sent, total });
      },
    );
    if (result.status === 201) {
      const artifact = result.body as Uploaded;
      setPhase({ kind: "done", artifact });
      toast("success", `${artifact.fileName} uploaded for ${artifact.platform}/${artifact.arch}.`);
      router.refresh();
      return;
    }
    fail(uploadErrorMessage(result.status, result.body as UploadProblem | null), lastSent);
  }

  return (
    <form onSubmit={upload} className="space-y-4" aria-label="Upload artifact" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label="Platform"
          name="platform"
          value={platform}
          disabled={busy}
          onChange={(e) => setPlatform(e.target.value)}
          options={PLATFORMS.map((p) => ({ value: p, label: p }))}
        />
        <SelectField
          label="Architecture"
          name="arch"
          value={arch}
          disabled={busy}
          onChange={(e) => setArch(e.target.value)}
          options={ARCHES.map((a) => ({ value: a, label: a }))}
        />
        <TextField
          label="File name"
          name="fileName"
          value={fileName}
          disabled={busy}
          onChange={(e) => setFileName(e.target.value)}
          hint="As agents will save it. Defaults to the chosen file's name."
        />
      </div>
      <TextField
        label="Build file"
        name="file"
        type="file"
        disabled={busy}
        onChange={(e) => {
          const chosen = e.target.files?.[0] ?? null;
          setFile(chosen);
          if (chosen) setFileName(safeFileName(chosen.name));
          setPhase({ kind: "idle" });
        }}
        hint="The SHA-256 is computed in your browser and checked by the server, which signs the artifact."
      />
      {existing.includes(target) ? (
        <p className="text-sm text-amber-800">
          This release already has a {target} artifact: uploading replaces it.
        </p>
      ) : null}
      {phase.kind === "hashing" ? (
        <p className="text-sm text-slate-600">Computing the SHA-256 checksum…</p>
      ) : null}
      {phase.kind === "uploading" ? (
        <ProgressBar sent={phase.sent} total={phase.total} label="Uploading…" />
      ) : null}
      {phase.kind === "done" ? (
        <>
          <ProgressBar sent={phase.artifact.size} total={phase.artifact.size} label="Uploaded" />
          <Notice
            title={`Uploaded ${phase.artifact.platform}/${phase.artifact.arch}${phase.artifact.replaced ? " (replaced the previous build)" : ""}`}
          >
            <p data-testid="upload-result">
              <span className="font-mono">{phase.artifact.fileName}</span>,{" "}
              {formatBytes(phase.artifact.size)}. SHA-256 verified by the server:{" "}
              <span className="font-mono break-all">{phase.artifact.sha256}</span>
            </p>
          </Notice>
        </>
      ) : null}
      {phase.kind === "failed" ? (
        <>
          {phase.sent > 0 ? (
            <ProgressBar
              sent={phase.sent}
              total={phase.total}
              label={phase.sent >= phase.total ? "Sent, then refused" : "Stopped"}
            />
          ) : null}
          <Notice tone="error" title="Upload failed">
            <p data-testid="upload-error">{phase.message}</p>
          </Notice>
        </>
      ) : null}
      <Button type="submit" disabled={!file || busy}>
        {phase.kind === "hashing"
          ? "Computing checksum…"
          : phase.kind === "uploading"
            ? "Uploading…"
            : "Upload artifact"}
      </Button>
    </form>
  );
}
