import type { SeriesStyle } from "./series-style";

// A data-point marker whose shape, not only its colour, names the series.
export function Marker({
  cx,
  cy,
  style,
}: {
  cx: number | undefined;
  cy: number | undefined;
  style: SeriesStyle;
}) {
  if (cx == null || cy == null || Number.isNaN(cx) || Number.isNaN(cy)) return null;
  const r = 4;
  const common = { fill: style.color, stroke: "#fff", strokeWidth: 1 };
  switch (style.marker) {
    case "square":
      return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} {...common} />;
    case "triangle":
      return (
        <path
          d={`M${cx},${cy - r - 1}L${cx + r + 1},${cy + r}L${cx - r - 1},${cy + r}Z`}
          {...common}
        />
      );
    case "diamond":
      return (
        <path
          d={`M${cx},${cy - r - 1}L${cx + r + 1},${cy}L${cx},${cy + r + 1}L${cx - r - 1},${cy}Z`}
          {...common}
        />
      );
    default:
      return <circle cx={cx} cy={cy} r={r} {...common} />;
  }
}
