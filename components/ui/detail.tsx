import type { ReactNode } from "react";

// A labelled value on a detail page (license, customer, release overview). Wrap them in a
// DetailList; `wide` spans the whole row (notes, descriptions).
export function Detail({
  label,
  children,
  wide = false,
}: {
  label: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={wide ? "sm:col-span-2 lg:col-span-4" : undefined}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function DetailList({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid={testId}>
      {children}
    </dl>
  );
}
