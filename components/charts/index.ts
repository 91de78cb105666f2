// The chart kit (recharts underneath; client components, safe under the app's CSP: only style
// attributes, no <style> elements or scripts).
//
//   <TimeSeriesChart title="Sign-ins per day" x="day" xLabel="Day" data={rows}
//     series={[{ key: "signIns", label: "Sign-ins" }, { key: "failures", label: "Failures" }]} />
//   <BarChart title="Versions in the field" x="version" xLabel="Version" data={rows}
//     series={[{ key: "machines", label: "Machines" }]} />
//
// `data` is one plain object per x value (serializable: pass it from a server component); each
// series is a numeric field of it. Up to four series: beyond colour they differ by dash and
// marker (lines) or fill pattern (bars), are named in a legend and labelled directly, and every
// chart carries the same numbers as a table ("Show as a table"), named by `title`. Optional:
// `description` (caption line), `link` ({ href, label }: the list behind the figures), `empty`,
// `height` (px, default 240).
export { BarChart } from "./bar-chart";
export { TimeSeriesChart } from "./time-series-chart";
export type { ChartProps, ChartRow, ChartSeries } from "./chart-types";
