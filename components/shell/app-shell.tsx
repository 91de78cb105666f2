import Link from "next/link";
import type { ReactNode } from "react";

export interface NavItem {
  href: string;
  label: string;
}

function NavLinks({ nav }: { nav: NavItem[] }) {
  return nav.map((item) => (
    <Link
      key={item.href}
      href={item.href}
      className="block rounded-md px-3 py-2 text-sm text-slate-200 hover:bg-slate-800"
    >
      {item.label}
    </Link>
  ));
}

// A sidebar from 768 px up; below that a top bar whose menu opens on demand (a <details>
// element, so it works before any script has run and needs no inline style), so a phone's
// narrow screen shows the page rather than the navigation.
export function AppShell({
  product,
  nav,
  user,
  children,
}: {
  product: string;
  nav: NavItem[];
  user: { email: string; detail?: string };
  children: ReactNode;
}) {
  const brand = (
    <>
      Tollgate <span className="block text-xs font-normal text-slate-400">{product}</span>
    </>
  );
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="hidden w-60 shrink-0 bg-slate-900 text-slate-100 md:block">
        <div className="px-5 py-5 text-lg font-semibold tracking-tight">{brand}</div>
        <nav aria-label="Main" className="space-y-1 px-3">
          <NavLinks nav={nav} />
        </nav>
      </aside>
      <details className="group bg-slate-900 text-slate-100 md:hidden" data-testid="mobile-nav">
        <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3">
          <span className="text-base font-semibold tracking-tight">{brand}</span>
          <span className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-600">
            <span className="group-open:hidden">Menu</span>
            <span className="hidden group-open:inline">Close</span>
          </span>
        </summary>
        <nav aria-label="Main" className="space-y-1 px-3 pb-3">
          <NavLinks nav={nav} />
        </nav>
      </details>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-end gap-x-4 gap-y-1 border-b border-slate-200 bg-white px-4 py-3 text-sm md:px-6">
          <span data-testid="signed-in-user" className="min-w-0 break-all">
            {user.email}
            {user.detail ? <span className="ml-2 text-slate-500">{user.detail}</span> : null}
          </span>
          <a href="/signout" className="text-brand-700 hover:underline">
            Sign out
          </a>
        </header>
        <main className="min-w-0 flex-1 px-4 py-6 md:px-6">{children}</main>
      </div>
    </div>
  );
}
