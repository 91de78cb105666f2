import { Notice } from "@/components/ui/page";

// What a page shows when rendering it failed on the server. In production Next.js hides the
// error's message, so the page cannot tell a database outage from another failure; an outage is
// the common case (and what the API answers 503 for), so it says so plainly.
export function UnavailableNotice({ reference }: { reference?: string }) {
  return (
    <Notice tone="warning" title="Tollgate is temporarily unavailable">
      <p data-testid="unavailable-message">
        The page could not be loaded because a service Tollgate depends on is not answering right
        now. Nothing you did caused this. Try again in a minute.
      </p>
      {reference ? (
        <p className="mt-2 text-xs">
          If it keeps happening, quote reference <code>{reference}</code> to your administrator.
        </p>
      ) : null}
    </Notice>
  );
}
