import Link from "next/link";
import type { ReactNode } from "react";
import type { ChartProps } from "./chart-types";

// The frame shared by every chart: a titled figure, the drawing (hidden from assistive
// technology, which gets the table instead), and the same numbers as a real table behind a
// disclosure, so nothing is only in the picture.
export function ChartFrame({
  title,
  description,
  data,
  x,
  xLabel,
  series,
  link,
  empty = "No data yet.",
  children,
}: ChartProps & { children: ReactNode }) {
  return (
    <figure className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={title}>
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2">
        <span>
          <span className="block text-base font-semibold text-slate-900">{title}</span>
          {description ? <span className="block text-sm text-slate-500">{description}</span> : null}
        </span>
        {link ? (
          <Link href={link.href} className="text-sm text-brand-700 underline">
            {link.label}
          </Link>
        ) : null}
      </figcaption>
      {data.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">{empty}</p>
      ) : (
        <>
          <div aria-hidden="true" className="mt-3" data-chart={title}>
            {children}
          </div>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-brand-700 underline">Show as a table</summary>
            <div className="mt-2 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200">
                <caption className="sr-only">{title}</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-1 text-left font-semibold">
                      {xLabel}
                    </th>
                    {series.map((s) => (
                      <th key={s.key} scope="col" className="px-3 py-1 text-right font-semibold">
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.map((row) => (
                    <tr key={String(row[x])}>
                      <th scope="row" className="px-3 py-1 text-left font-normal">
                        {row[x]}
                      </th>
                      {series.map((s) => (
                        <td key={s.key} className="px-3 py-1 text-right tabular-nums">
                          {row[s.key] ?? 0}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
