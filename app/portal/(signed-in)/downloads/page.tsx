import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Card, Notice, PageHeader } from "@/components/ui/page";
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
        <ul
          aria-label={`Latest ${track.productName} ${track.channel} downloads`}
          className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200"
        >
          {track.latest.map((a) => (
            <li
              key={a.id}
              className="grid grid-cols-1 gap-1 px-4 py-3 text-sm sm:grid-cols-[8rem_6rem_minmax(0,1fr)] sm:items-baseline sm:gap-4"
            >
              <span className="font-medium">
                {a.platform}/{a.arch}
              </span>
              <Link
                href={`/portal/releases/${a.releaseId}`}
                className="text-brand-700 hover:underline"
              >
                {a.version}
              </Link>
              <div className="min-w-0 space-y-1">
                <DownloadLink artifact={a} />
                <div className="text-xs text-slate-500">
                  SHA-256 <Sha256 value={a.sha256} />
                </div>
              </div>
            </li>
          ))}
        </ul>
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
