import type { EntitlementView } from "@/lib/licensing/license-view";

// One line per entitled product: its name, channels and (when restricted) platforms.
export function EntitlementSummary({ entitlements }: { entitlements: EntitlementView[] }) {
  if (entitlements.length === 0) return <span className="text-slate-500">None</span>;
  return (
    <ul className="space-y-0.5">
      {entitlements.map((e) => (
        <li key={e.productId}>
          <span className="font-medium">{e.productName}</span>{" "}
          <span className="text-slate-600">{e.channels.join(", ")}</span>
          {e.platforms.length > 0 ? (
            <span className="block text-xs text-slate-500">{e.platforms.join(", ")}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
