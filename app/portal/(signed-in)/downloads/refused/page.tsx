import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Notice, PageHeader } from "@/components/ui/page";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { refusalText } from "@/lib/portal/download-refusals";

export const metadata: Metadata = { title: "Download refused" };

const ARTIFACT_ID = /^art_[0-9a-f]{32}$/;

// Where a refused browser download lands (lib/portal/refusal-pages): what happened and what to
// do. It shows only what the reason says; nothing about the artifact is looked up here.
export default async function DownloadRefusedPage({
  searchParams,
}: {
  searchParams: SearchParams;
}) {
  await requireCustomerPage();
  const params = await searchParams;
  const text = refusalText(firstParam(params.reason));
  const artifact = firstParam(params.artifact);
  const retry = text.retry && artifact && ARTIFACT_ID.test(artifact) ? artifact : null;
  return (
    <>
      <PageHeader title="The download did not start" />
      <div className="max-w-2xl space-y-4">
        <Notice tone="error" title={text.title}>
          {text.body}
        </Notice>
        <div className="flex flex-wrap gap-3">
          {retry ? (
            <a href={`/portal/downloads/${retry}`} className={buttonClass()}>
              Start the download again
            </a>
          ) : null}
          <Link href="/portal/downloads" className={buttonClass("secondary")}>
            Go to Downloads
          </Link>
        </div>
      </div>
    </>
  );
}
