import Link from "next/link";
import type { ReactNode } from "react";

// The customer portal's frame: a top bar whose navigation wraps onto a second row on a phone
// (390 px) instead of a sidebar that would take half the screen, and a skip link for keyboards.
export interface PortalNavItem {
  href: string;
  label: string;
}

export function PortalShell({
  customerName,
  email,
  nav,
  children,
}: {
  customerName: string;
  email: string;
  nav: PortalNavItem[];
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen bg-slate-50">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:ring-2 focus:ring-brand-600"
      >
        Skip to content
      </a>
      <header className="bg-slate-900 text-slate-100">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
          <div className="min-w-0">
            <span className="font-semibold tracking-tight">Tollgate</span>
            <span className="ml-2 text-sm text-slate-400">{customerName}</span>
          </div>
          <div className="flex min-w-0 items-center gap-3 text-sm">
            <span data-testid="signed-in-user" className="truncate text-slate-300">
              {email}
            </span>
            <a
              href="/signout"
              className="rounded px-1 text-white underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none"
            >
              Sign out
            </a>
          </div>
        </div>
        <nav aria-label="Main" className="mx-auto max-w-6xl px-2 pb-2">
          <ul className="flex flex-wrap gap-1">
            {nav.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className="block rounded-md px-3 py-1.5 text-sm text-slate-200 hover:bg-slate-800 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
