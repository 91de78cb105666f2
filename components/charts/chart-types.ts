// The data every chart of the kit takes: one row per x value (a day, a version), one numeric
// column per series, named by `series[].key`.
export type ChartRow = Record<string, string | number>;

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartProps {
  // A heading-level title; also the accessible name of the figure and of its data table.
  title: string;
  // One sentence for screen readers and the figure caption ("Last 14 days, UTC").
  description?: string;
  data: ChartRow[];
  // The row field that holds the x value (category or day).
  x: string;
  // The x column's header in the data table.
  xLabel: string;
  series: ChartSeries[];
  // The list behind the figures ("every card links to its list").
  link?: { href: string; label: string };
  // Shown instead of the chart when there are no rows.
  empty?: string;
  height?: number;
}
