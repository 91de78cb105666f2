// Shown while a portal page loads its data (streaming), so a slow database never looks frozen.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <p className="text-sm text-slate-600">Loading…</p>
      <div className="h-6 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-32 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}
