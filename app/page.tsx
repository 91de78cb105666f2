import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function Home() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-20">
      <h1 className="text-4xl font-semibold tracking-tight">Tollgate</h1>
      <p className="mt-4 text-lg text-slate-600">
        License-gated software updates: only customers with a valid license receive the releases
        they are entitled to.
      </p>
      <div className="mt-10 grid gap-4 sm:grid-cols-2">
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="font-semibold">Vendor staff</h2>
          <p className="mt-1 text-sm text-slate-600">
            Customers, licenses, releases, roles and the audit trail. SSO and a security key
            required.
          </p>
          <Link href="/admin" className={`${buttonClass()} mt-4`}>
            Staff portal
          </Link>
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="font-semibold">Customers</h2>
          <p className="mt-1 text-sm text-slate-600">
            Your licenses, downloads and update agent credentials.
          </p>
          <Link href="/portal" className={`${buttonClass("secondary")} mt-4`}>
            Customer portal
          </Link>
        </div>
      </div>
    </main>
  );
}
