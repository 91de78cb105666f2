import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { bytesTitle, formatBytes, formatDateTime } from "@/components/ui/format";
import { ReleaseNotes } from "@/components/releases/release-notes";
import { ReleaseStatusBadge } from "@/components/releases/release-status-badge";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Detail, DetailList } from "@/components/ui/detail";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { Card, Notice, PageHeader, Section } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import type { StaffActor } from "@/lib/authz/actor";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { orNotFound } from "@/lib/pages/or-not-found";
import { getRelease, type ReleaseAuthor, type ReleaseDetail } from "@/lib/releases/get-release";
import { productSlugSchema } from "@/lib/releases/product.schema";
import type { Arch, Platform } from "@/lib/releases/upload-artifact.schema";
import type { ArtifactView } from "@/lib/releases/views";
import { AuditHistoryLink } from "../../../../audit/history-link";
import { DeleteArtifactButton } from "./delete-artifact-button";
import { PublishButton, YankButton } from "./release-actions";
import { UploadArtifactForm } from "./upload-artifact-form";

type Params = Promise<{ slug: string; id: string }>;

// The page and its title share one guard run and one lookup per request.
const loadRelease = cache(
  async (slug: string, id: string): Promise<{ actor: StaffActor; release: ReleaseDetail }> => {
    const actor = await requireStaffPage("releases:read");
    if (!productSlugSchema.safeParse(slug).success) notFound();
    const release = await orNotFound(getRelease({ actor, input: { releaseId: id } }));
    // The id alone finds the release; a URL naming another product is not its address.
    if (release.product !== slug) notFound();
    return { actor, release };
  },
);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug, id } = await params;
  const { release } = await loadRelease(slug, id);
  return { title: `${release.productName} ${release.version}` };
}

function who(author: ReleaseAuthor | null): string {
  if (!author) return "the system";
  const label =
    author.label ?? `deleted ${author.kind === "user" ? "user" : "API client"} ${author.id}`;
  return author.kind === "client" ? `${label} (API client)` : label;
}

function Mono({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <span className="font-mono text-xs break-all text-slate-700" data-testid={testId}>
      {children}
    </span>
  );
}

function artifactColumns(
  release: ReleaseDetail,
  can: { download: boolean; delete: boolean },
  actor: StaffActor,
) {
  return [
    {
      header: "Platform",
      cell: (a: ArtifactView) => (
        <span className="font-medium whitespace-nowrap">
          {a.platform}/{a.arch}
        </span>
      ),
    },
    { header: "File", cell: (a: ArtifactView) => <Mono>{a.fileName}</Mono> },
    {
      header: "Size",
      className: "whitespace-nowrap",
      cell: (a: ArtifactView) => <span title={bytesTitle(a.size)}>{formatBytes(a.size)}</span>,
    },
    {
      header: "SHA-256",
      className: "max-w-56",
      cell: (a: ArtifactView) => <Mono testId={`sha256-${a.platform}-${a.arch}`}>{a.sha256}</Mono>,
    },
    {
      header: "Signature (Ed25519)",
      className: "max-w-56",
      cell: (a: ArtifactView) => (
        <div className="space-y-1">
          <Mono>{a.signature}</Mono>
          <div className="text-xs text-slate-500">
            key <span className="font-mono">{a.keyId}</span>
          </div>
        </div>
      ),
    },
    { header: "Downloads", className: "text-right", cell: (a: ArtifactView) => a.downloadCount },
    {
      header: "History",
      cell: (a: ArtifactView) => (
        <AuditHistoryLink actor={actor} targetType="artifact" targetId={a.id} label="History" />
      ),
    },
    ...(can.download || can.delete
      ? [
          {
            header: "Actions",
            className: "text-right",
            cell: (a: ArtifactView) => (
              <div className="flex justify-end gap-2">
                {can.download ? (
                  // A plain link: the route answers with a redirect to the file, not a page.
                  <a
                    href={`/admin/artifacts/${encodeURIComponent(a.id)}/download`}
                    className={buttonClass("secondary")}
                    aria-label={`Download ${a.fileName}`}
                  >
                    Download
                  </a>
                ) : null}
                {can.delete ? (
                  <DeleteArtifactButton
                    releaseId={release.id}
                    platform={a.platform as Platform}
                    arch={a.arch as Arch}
                    fileName={a.fileName}
                  />
                ) : null}
              </div>
            ),
          },
        ]
      : []),
  ];
}

function StatusNotice({ release }: { release: ReleaseDetail }) {
  if (release.status === "DRAFT") {
    return (
      <Notice title="Draft">
        Agents and customers cannot see this release until it is published. Artifacts can be
        uploaded and deleted until then.
      </Notice>
    );
  }
  if (release.status === "YANKED") {
    return (
      <Notice
        tone="warning"
        title={`Yanked ${formatDateTime(release.yankedAt)} by ${release.yankedBy ?? "an unknown actor"}`}
      >
        <p data-testid="yank-reason">Reason: {release.yankedReason ?? "none was given."}</p>
        <p>
          Agents are no longer offered this release, and downloads of its artifacts are refused.
        </p>
      </Notice>
    );
  }
  return null;
}

export default async function ReleasePage({ params }: { params: Params }) {
  const { slug, id } = await params;
  const { actor, release } = await loadRelease(slug, id);
  const can = (p: Parameters<typeof actor.permissions.has>[0]) => actor.permissions.has(p);
  const isDraft = release.status === "DRAFT";
  const canUpload = isDraft && can("artifacts:write");

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/admin/products" className="hover:underline">
          Products
        </Link>{" "}
        /{" "}
        <Link href={`/admin/products/${slug}`} className="font-mono hover:underline">
          {slug}
        </Link>{" "}
        / <span className="font-mono">{release.version}</span>
      </nav>
      <PageHeader
        title={`${release.productName} ${release.version}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span data-testid="release-status">
              <ReleaseStatusBadge status={release.status} />
            </span>
            <Badge tone="blue">{release.channel}</Badge>
            {release.critical ? <Badge tone="red">Critical update</Badge> : null}
            <AuditHistoryLink actor={actor} targetType="release" targetId={release.id} />
          </span>
        }
        actions={
          <>
            {isDraft && can("releases:publish") ? (
              <PublishButton
                releaseId={release.id}
                version={release.version}
                disabledReason={
                  release.artifacts.length === 0 ? "Upload at least one artifact first." : null
                }
              />
            ) : null}
            {release.status === "PUBLISHED" && can("releases:yank") ? (
              <YankButton releaseId={release.id} version={release.version} />
            ) : null}
          </>
        }
      />
      <ReadOnlyNote
        actor={actor}
        anyOf={["releases:write", "releases:publish", "releases:yank", "artifacts:write"]}
      />
      <div className="space-y-6">
        <StatusNotice release={release} />
        <Card title="Details">
          <DetailList>
            <Detail label="Created">
              {formatDateTime(release.createdAt)}
              <div className="text-slate-600" data-testid="created-by">
                by {who(release.createdBy)}
              </div>
            </Detail>
            <Detail label="Published">
              {release.publishedAt ? (
                <>
                  {formatDateTime(release.publishedAt)}
                  <div className="text-slate-600" data-testid="published-by">
                    by {who(release.publishedBy)}
                  </div>
                </>
              ) : (
                "Not yet"
              )}
            </Detail>
            <Detail label="Minimum version">
              {release.minimumVersion ?? "Any installed version"}
            </Detail>
            <Detail label="Downloads">{release.downloadCount}</Detail>
          </DetailList>
        </Card>
        <Card title="Release notes">
          <ReleaseNotes markdown={release.notes} />
        </Card>
        <Section id="artifacts" title="Artifacts">
          <Table
            caption="Artifacts"
            rows={release.artifacts}
            rowKey={(a) => a.id}
            empty={isDraft ? "No artifacts yet: upload one build per platform." : "No artifacts."}
            columns={artifactColumns(
              release,
              { download: can("artifacts:read"), delete: canUpload },
              actor,
            )}
          />
        </Section>
        {canUpload ? (
          <Card title="Upload artifact">
            <UploadArtifactForm
              releaseId={release.id}
              existing={release.artifacts.map((a) => `${a.platform}/${a.arch}`)}
            />
          </Card>
        ) : null}
        <Card title="Manifest signature">
          {release.manifest && release.manifestSignature ? (
            <div className="space-y-3 text-sm">
              <p className="text-slate-600">
                The manifest (product, version, channel, and every artifact&apos;s size and SHA-256)
                was signed when the release was published, with key{" "}
                <span className="font-mono">{release.signingKeyId}</span>.
              </p>
              <Mono testId="manifest-signature">{release.manifestSignature}</Mono>
              <details>
                <summary className="cursor-pointer text-brand-700">Signed manifest</summary>
                <pre className="mt-2 overflow-x-auto rounded-md bg-slate-100 p-3 text-xs">
                  {JSON.stringify(release.manifest, null, 2)}
                </pre>
              </details>
            </div>
          ) : (
            <p className="text-sm text-slate-500">
              The manifest is signed when the release is published.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
