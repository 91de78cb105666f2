import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/licensing/copy-button";
import { formatDate } from "@/components/ui/format";
import { formatBytesWithCount } from "@/components/ui/format";
import { ReleaseNotes } from "@/components/releases/release-notes";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { getPortalRelease, type PortalReleaseDetail } from "@/lib/portal/get-portal-release";
import { verifyRecipe } from "@/lib/portal/verify-recipe";
import { DownloadLink, Sha256 } from "../../downloads/download-link";

export const metadata: Metadata = { title: "Release" };

type Params = Promise<{ id: string }>;

function Artifact({
  release,
  artifact,
}: {
  release: PortalReleaseDetail;
  artifact: PortalReleaseDetail["artifacts"][number];
}) {
  const recipe = verifyRecipe({
    appUrl: env().APP_URL,
    product: release.productSlug,
    version: release.version,
    ...artifact,
  });
  return (
    <Card title={`${artifact.platform}/${artifact.arch}`}>
      <dl className="grid grid-cols-1 gap-3 text-sm">
        <div>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">File</dt>
          <dd className="mt-1">
            <DownloadLink artifact={artifact} />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Size</dt>
          <dd className="mt-1">{formatBytesWithCount(artifact.size)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">SHA-256</dt>
          <dd className="mt-1">
            <Sha256 value={artifact.sha256} />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            Signature (Ed25519, key {artifact.signingKeyId})
          </dt>
          <dd className="mt-1 font-mono text-xs break-all">{artifact.signature}</dd>
        </div>
      </dl>
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Verify the download</summary>
        <p className="mt-2 text-slate-600">
          In the folder you downloaded to (needs sha256sum, curl, jq and OpenSSL 3). The last
          command prints &quot;Signature Verified Successfully&quot;.
        </p>
        <pre
          className="mt-2 overflow-x-auto rounded-md bg-slate-100 p-3 text-xs"
          data-testid="verify-recipe"
        >
          {recipe}
        </pre>
        <div className="mt-2">
          <CopyButton value={recipe} label="Copy the commands" />
        </div>
      </details>
    </Card>
  );
}

export default async function PortalReleasePage({ params }: { params: Params }) {
  const actor = await requireCustomerPage();
  const { id } = await params;
  const release = await getPortalRelease(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/portal/downloads" className="hover:underline">
          Downloads
        </Link>{" "}
        / {release.productName}
      </nav>
      <PageHeader
        title={`${release.productName} ${release.version}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>Channel {release.channel}</span>
            <span>· published {formatDate(release.publishedAt)}</span>
            {release.critical ? <Badge tone="red">critical update</Badge> : null}
          </span>
        }
      />
      <div className="space-y-6">
        <Card title="Release notes">
          <ReleaseNotes markdown={release.notes} />
        </Card>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {release.artifacts.map((a) => (
            <Artifact key={a.id} release={release} artifact={a} />
          ))}
        </div>
      </div>
    </>
  );
}
