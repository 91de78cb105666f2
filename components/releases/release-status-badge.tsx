import { Badge } from "@/components/ui/badge";
import type { ReleaseView } from "@/lib/releases/views";

const STATUS = {
  DRAFT: { label: "Draft", tone: "amber" },
  PUBLISHED: { label: "Published", tone: "green" },
  YANKED: { label: "Yanked", tone: "red" },
} as const;

export function ReleaseStatusBadge({ status }: { status: ReleaseView["status"] }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
