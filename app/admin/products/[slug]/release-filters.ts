import type { ReleaseView } from "@/lib/releases/views";

export interface ReleaseFilters {
  channel?: string;
  status?: ReleaseView["status"];
  // Why a filter from the URL was ignored, for a notice on the page.
  problems: string[];
}

const STATUSES = new Map<string, ReleaseView["status"]>([
  ["draft", "DRAFT"],
  ["published", "PUBLISHED"],
  ["yanked", "YANKED"],
]);

// The filters of the releases list come from the query string (a plain GET form, so links to a
// filtered list can be shared); anything unknown is dropped with a note rather than failing.
export function readReleaseFilters(
  query: { channel?: string; status?: string },
  channels: readonly string[],
): ReleaseFilters {
  const problems: string[] = [];
  let channel: string | undefined;
  let status: ReleaseView["status"] | undefined;
  if (query.channel) {
    if (channels.includes(query.channel)) channel = query.channel;
    else problems.push(`The product has no channel "${query.channel.slice(0, 40)}".`);
  }
  if (query.status) {
    status = STATUSES.get(query.status.toLowerCase());
    if (!status)
      problems.push(`"${query.status.slice(0, 40)}" is not a status (draft, published or yanked).`);
  }
  return { channel, status, problems };
}
