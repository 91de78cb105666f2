import type { Metadata } from "next";
import Link from "next/link";
import { AuthFrame } from "@/components/identity/auth-frame";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

// Any address outside the portals that matches no page. Inside /admin the portal's own
// not-found page answers, within its navigation.
export default function NotFound() {
  return (
    <AuthFrame title="Page not found" subtitle="There is no page at this address.">
      <p className="text-sm text-slate-600">
        Check the address, or start again from the portal you use.
      </p>
      <div className="flex flex-wrap gap-2">
        <Link href="/admin" className={buttonClass("secondary")}>
          Staff portal
        </Link>
        <Link href="/portal" className={buttonClass("secondary")}>
          Customer portal
        </Link>
      </div>
    </AuthFrame>
  );
}
