import { db } from "@/lib/db/client";

// Headline numbers for the staff overview, each with the list it counts; counts only, no tenant
// data. "Open" alerts are the active ones: open or acknowledged, not yet resolved.
export async function loadOverview(now = new Date()) {
  const soon = new Date(now.getTime() + 30 * 24 * 3600 * 1000);
  const [customers, activeLicenses, expiring, published, openAlerts] = await Promise.all([
    db().customer.count(),
    db().license.count({ where: { status: "ACTIVE", expiresAt: { gt: now } } }),
    db().license.count({ where: { status: "ACTIVE", expiresAt: { gt: now, lte: soon } } }),
    db().release.count({ where: { status: "PUBLISHED" } }),
    db().alert.count({ where: { status: { in: ["OPEN", "ACKNOWLEDGED"] } } }),
  ]);
  return [
    { key: "customers", label: "Customers", value: customers, href: "/admin/customers" },
    {
      key: "active-licenses",
      label: "Active licenses",
      value: activeLicenses,
      href: "/admin/licenses?status=active",
    },
    {
      key: "expiring",
      label: "Expiring within 30 days",
      value: expiring,
      href: "/admin/licenses?expiring=30",
    },
    { key: "published", label: "Published releases", value: published, href: "/admin/products" },
    { key: "open-alerts", label: "Open security alerts", value: openAlerts, href: "/admin/alerts" },
  ];
}
