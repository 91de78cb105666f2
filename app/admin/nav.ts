import type { Permission } from "@/lib/authz/permissions";
import type { NavItem } from "@/components/shell/app-shell";

// Shown only to staff who hold the permission; the pages check again on the server.
export const ADMIN_NAV: (NavItem & { permission: Permission | null })[] = [
  { href: "/admin", label: "Overview", permission: null },
  { href: "/admin/customers", label: "Customers", permission: "customers:read" },
  { href: "/admin/licenses", label: "Licenses", permission: "licenses:read" },
  { href: "/admin/products", label: "Products & releases", permission: "products:read" },
  { href: "/admin/api-clients", label: "API clients", permission: "api_clients:read" },
  { href: "/admin/users", label: "Users", permission: "users:read" },
  { href: "/admin/roles", label: "Roles", permission: "roles:read" },
  { href: "/admin/approvals", label: "Approvals", permission: null },
  { href: "/admin/audit", label: "Audit", permission: "audit:read" },
  { href: "/admin/alerts", label: "Alerts", permission: "alerts:read" },
  { href: "/admin/sessions", label: "Sessions", permission: "sessions:read" },
  { href: "/admin/settings", label: "Settings", permission: "settings:read" },
];
