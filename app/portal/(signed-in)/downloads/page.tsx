import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/licensing/format";
import { Badge } from "@/components/ui/badge";
import { Card, Notice, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { refusalText } from "@/lib/portal/download-refusals";
import { listPortalDownloads, type DownloadTrack } from "@/lib/portal/list-portal-downloads";
import { DownloadLink, Sha256 } from "./download-link";

export const metadata: Metadata = { title: "Downloads" };

function Track({ track }: { track: DownloadTrack }) {
  const title = `${track.productName} · ${track.channel}`;
  if (track.releases.length === 0) {
    const why = track.blocked ? refusalText(track.blocked) : null;
    return (
      <Card title={title}>
        {why ? (
          <Notice tone="error" title={why.title}>
            {why.body}
          </Notice>
        ) : (
          <p className="text-sm text-slate-600">
            No release has been published on this channel yet.
          </p>
        )}
      </Card>
    );
  }
  return (
    <Card title={title}>
      <div className="space-y-5">
        <Table
          caption={`Latest ${track.productName} ${track.channel} downloads`}
          rows={track.latest}
          rowKey={(a) => a.id}
          columns={[
            { header: "Platform", cell: (a) => `${a.platform}/${a.arch}` },
            {
              header: "Version",
              cell: (a) => (
                <Link
                  href={`/portal/releases/${a.releaseId}`}
                  className="text-brand-700 hover:underline"
                >
                  {a.version}
                </Link>
              ),
            },
            { header: "Download", cell: (a) => <DownloadLink artifact={a} /> },
            { header: "SHA-256", cell: (a) => <Sha256 value={a.sha256} /> },
          ]}
        />
        <div>
          <h3 className="mb-2 text-sm font-semibold">Version history</h3>
          <ol
            className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200"
            aria-label={`${track.productName} ${track.channel} version history`}
          >
            {track.releases.map((r) => (
              <li
                key={r.id}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm"
              >
                <span className="flex items-center gap-2">
                  <Link
                    href={`/portal/releases/${r.id}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {track.productName} {r.version}
                  </Link>
                  {r.critical ? <Badge tone="red">critical</Badge> : null}
                </span>
                <span className="text-slate-600">
                  {formatDate(r.publishedAt)} ·{" "}
                  {r.artifacts.map((a) => `${a.platform}/${a.arch}`).join(", ")}
                </span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </Card>
  );
}

export default async function DownloadsPage() {
  const actor = await requireCustomerPage();
  const tracks = await listPortalDownloads(actor);
  return (
    <>
      <PageHeader
        title="Downloads"
        description="Everything your licenses include, newest first. Links are signed when you click them."
      />
      <div className="space-y-6">
        {tracks.length === 0 ? (
          <Notice title="No downloads available">
            Your licenses do not include any product yet. Contact your vendor.
          </Notice>
        ) : (
          tracks.map((t) => <Track key={`${t.productId}|${t.channel}`} track={t} />)
        )}
      </div>
    </>
  );
}
