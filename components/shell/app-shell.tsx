import Link from "next/link";
import type { ReactNode } from "react";

export interface NavItem {
  href: string;
  label: string;
}

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
  return (
    <div className="flex min-h-screen">
      <aside className="w-60 shrink-0 bg-slate-900 text-slate-100">
        <div className="px-5 py-5 text-lg font-semibold tracking-tight">
          Tollgate <span className="block text-xs font-normal text-slate-400">{product}</span>
        </div>
        <nav aria-label="Main" className="space-y-1 px-3">
          {nav.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="block rounded-md px-3 py-2 text-sm text-slate-200 hover:bg-slate-800"
            >
              {item.label}
            </Link>
          ))}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 py-3 text-sm">
          <span data-testid="signed-in-user">
            {user.email}
            {user.detail ? <span className="ml-2 text-slate-500">{user.detail}</span> : null}
          </span>
          <a href="/signout" className="text-brand-700 hover:underline">
            Sign out
          </a>
        </header>
        <main className="flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
