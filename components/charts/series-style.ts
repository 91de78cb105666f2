// How the chart kit tells series apart without colour: each series index gets a colour AND a
// second channel (a dash pattern and marker shape for lines, a fill pattern for bars), and the
// legend and direct labels name it. Colours are a colour-blind-safe set (Okabe-Ito) that also
// keeps 3:1 contrast against white.
export interface SeriesStyle {
  color: string;
  dash: string | undefined;
  marker: "circle" | "square" | "triangle" | "diamond";
  pattern: "solid" | "stripes" | "dots" | "crosshatch";
}

const STYLES: readonly SeriesStyle[] = [
  { color: "#0072B2", dash: undefined, marker: "circle", pattern: "solid" },
  { color: "#D55E00", dash: "6 4", marker: "square", pattern: "stripes" },
  { color: "#009E73", dash: "2 3", marker: "triangle", pattern: "dots" },
  { color: "#CC79A7", dash: "10 3 2 3", marker: "diamond", pattern: "crosshatch" },
];

export function seriesStyle(index: number): SeriesStyle {
  // Index modulo the set: a fifth series repeats the first look, so keep charts to four series.
  return STYLES[index % STYLES.length] as SeriesStyle;
}

// useId() output contains characters ("«", ":") that are awkward inside url(#…) references.
export const svgId = (reactId: string, suffix: string) =>
  `chart-${reactId.replace(/[^A-Za-z0-9_-]/g, "")}-${suffix}`;
