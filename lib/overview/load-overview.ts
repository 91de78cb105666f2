import { db } from "@/lib/db/client";

// Headline numbers for the staff overview; counts only, no tenant data.
export async function loadOverview(now = new Date()) {
  const soon = new Date(now.getTime() + 30 * 24 * 3600 * 1000);
  const [customers, activeLicenses, expiring, published, openAlerts] = await Promise.all([
    db().customer.count(),
    db().license.count({ where: { status: "ACTIVE", expiresAt: { gt: now } } }),
    db().license.count({ where: { status: "ACTIVE", expiresAt: { gt: now, lte: soon } } }),
    db().release.count({ where: { status: "PUBLISHED" } }),
    db().alert.count({ where: { status: "OPEN" } }),
  ]);
  return [
    { key: "customers", label: "Customers", value: customers },
    { key: "active-licenses", label: "Active licenses", value: activeLicenses },
    { key: "expiring", label: "Expiring within 30 days", value: expiring },
    { key: "published", label: "Published releases", value: published },
    { key: "open-alerts", label: "Open security alerts", value: openAlerts },
  ];
}
