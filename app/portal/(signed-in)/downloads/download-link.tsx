import { formatBytes } from "@/components/ui/format";
import type { PortalArtifact } from "@/lib/portal/list-portal-downloads";

// A link that never expires: the portal signs the real download URL when it is clicked. No
// `download` attribute, so that a refusal opens the readable refusal page instead of saving it.
export function DownloadLink({ artifact }: { artifact: PortalArtifact }) {
  return (
    <a
      href={`/portal/downloads/${artifact.id}`}
      className="rounded break-all text-brand-700 hover:underline focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
    >
      Download <span className="font-mono">{artifact.fileName}</span>{" "}
      <span className="text-xs whitespace-nowrap text-slate-500">
        ({formatBytes(artifact.size)})
      </span>
    </a>
  );
}

export function Sha256({ value }: { value: string }) {
  return (
    <span className="font-mono text-xs break-all" data-testid="sha256">
      {value}
    </span>
  );
}
