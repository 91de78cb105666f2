import type { ReactNode } from "react";
import { formatDate, formatDateTime } from "./format";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({
  title,
  children,
  actions,
}: {
  title?: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      {title || actions ? (
        <div className="mb-3 flex items-center justify-between">
          {title ? <h2 className="text-base font-semibold">{title}</h2> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function Notice({
  tone = "info",
  title,
  children,
}: {
  tone?: "info" | "error" | "warning";
  title: string;
  children?: ReactNode;
}) {
  const styles = {
    info: "bg-brand-50 text-brand-900 ring-brand-600/20",
    error: "bg-red-50 text-red-800 ring-red-600/20",
    warning: "bg-amber-50 text-amber-900 ring-amber-600/20",
  }[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md p-4 text-sm ring-1 ${styles}`}
    >
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-1">{children}</div> : null}
    </div>
  );
}

// A titled part of a detail page (entitlements, machines, history), labelled by its heading.
export function Section({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const heading = (
    <h2 id={`${id}-heading`} className="text-base font-semibold">
      {title}
    </h2>
  );
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2">
      {actions ? (
        <div className="flex items-center justify-between">
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}

// A date in a table cell, kept on one line.
export function When({ at, time = true }: { at: Date | string | null; time?: boolean }) {
  return <span className="whitespace-nowrap">{time ? formatDateTime(at) : formatDate(at)}</span>;
}
