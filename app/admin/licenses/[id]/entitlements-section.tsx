import { Badge } from "@/components/ui/badge";
import { LinkIf } from "@/components/ui/link-if";
import { Section } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import type { LicenseView } from "@/lib/licensing/license-view";

export function EntitlementsSection({
  entitlements,
  canReadProducts,
}: {
  entitlements: LicenseView["entitlements"];
  canReadProducts: boolean;
}) {
  return (
    <Section id="entitlements" title="Entitlements">
      <Table
        caption="Entitlements"
        rows={entitlements}
        rowKey={(e) => e.productId}
        empty="No products."
        columns={[
          {
            header: "Product",
            cell: (e) => (
              <LinkIf
                allowed={canReadProducts}
                href={`/admin/products/${e.productSlug}`}
                className="font-medium text-brand-700 hover:underline"
                plainClassName="font-medium"
              >
                {e.productName}
              </LinkIf>
            ),
          },
          {
            header: "Channels",
            cell: (e) => (
              <div className="flex flex-wrap gap-1">
                {e.channels.map((c) => (
                  <Badge key={c} tone="blue">
                    {c}
                  </Badge>
                ))}
              </div>
            ),
          },
          {
            header: "Platforms",
            cell: (e) =>
              e.platforms.length === 0 ? (
                <span className="text-slate-600">All platforms</span>
              ) : (
                <div className="flex flex-wrap gap-1">
                  {e.platforms.map((p) => (
                    <Badge key={p}>{p}</Badge>
                  ))}
                </div>
              ),
          },
        ]}
      />
    </Section>
  );
}
