import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

// Keyset pagination: a link to the page after the last row shown (the cursor is the server's),
// and back to the first page. There is no "previous": the browser's back button does that.
export function Pager({
  path,
  params,
  nextCursor,
  onLaterPage,
}: {
  path: string;
  // The list's other query parameters (search, filters), kept on every page.
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  onLaterPage: boolean;
}) {
  const href = (cursor?: string) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    if (cursor) query.set("cursor", cursor);
    const qs = query.toString();
    return qs ? `${path}?${qs}` : path;
  };
  if (!nextCursor && !onLaterPage) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex justify-between">
      {onLaterPage ? (
        <Link href={href()} className={buttonClass("secondary")}>
          ← First page
        </Link>
      ) : (
        <span />
      )}
      {nextCursor ? (
        <Link href={href(nextCursor)} className={buttonClass("secondary")}>
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
