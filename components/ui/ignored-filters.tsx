import { Notice } from "./page";

// Filters from the URL that a list could not use (an unknown status, a stale cursor): the list
// is shown without them and this says why, instead of failing the page.
export function IgnoredFilters({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="mb-4">
      <Notice tone="warning" title="Some filters were ignored">
        {problems.join(" ")}
      </Notice>
    </div>
  );
}
