import type { Metadata } from "next";
import { AuthFrame } from "@/components/identity/auth-frame";
import { Notice } from "@/components/ui/page";
import { isPermission, PERMISSIONS } from "@/lib/authz/permissions";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";

export const metadata: Metadata = { title: "Access denied" };

const REASONS: Record<
  string,
  { title: string; body: string; link?: { href: string; label: string } }
> = {
  network: {
    title: "Access from your network is not allowed",
    body: "The staff portal can only be reached from the company network or VPN. Connect to the VPN and try again.",
  },
  staff_only: {
    title: "This is the vendor staff portal",
    body: "Your account is a customer account. Customer users cannot open staff pages.",
    link: { href: "/portal", label: "Go to the customer portal" },
  },
  customer_only: {
    title: "This is the customer portal",
    body: "Vendor staff accounts cannot use the customer portal.",
    link: { href: "/admin", label: "Go to the staff portal" },
  },
  no_membership: {
    title: "No customer access",
    body: "Your account is not a member of any customer. Ask your organisation's Tollgate administrator to add you.",
  },
  permission: {
    title: "You do not have access to this page",
    body: "Ask a security administrator if you need it.",
    link: { href: "/admin", label: "Back to the overview" },
  },
};

export default async function ForbiddenPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const reason = REASONS[firstParam(params.reason) ?? ""] ?? REASONS.permission;
  const permission = firstParam(params.permission);
  return (
    <AuthFrame title="Access denied">
      <Notice tone="error" title={reason?.title ?? "Access denied"}>
        <span data-testid="forbidden-reason">{reason?.body}</span>
        {permission && isPermission(permission) ? (
          <span className="mt-1 block">
            Required permission: <code>{permission}</code> ({PERMISSIONS[permission]}).
          </span>
        ) : null}
      </Notice>
      {reason?.link ? (
        <a className="text-sm text-brand-700 hover:underline" href={reason.link.href}>
          {reason.link.label}
        </a>
      ) : null}
    </AuthFrame>
  );
}
