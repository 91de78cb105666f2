"use client";
// Bars per category (a version, a severity), one bar per series. Each series is filled with
// its colour AND a pattern (solid, stripes, dots, cross-hatch), and every bar carries its value.
import { useId } from "react";
import {
  Bar,
  BarChart as RechartsBarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { ChartFrame } from "./chart-frame";
import type { ChartProps } from "./chart-types";
import { seriesStyle, svgId, type SeriesStyle } from "./series-style";

function Pattern({ id, style }: { id: string; style: SeriesStyle }) {
  if (style.pattern === "solid") return null;
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill={style.color} />
      {style.pattern === "stripes" ? (
        <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" strokeWidth="2" />
      ) : style.pattern === "dots" ? (
        <circle cx="4" cy="4" r="1.6" fill="#fff" />
      ) : (
        <path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" strokeWidth="1.5" />
      )}
    </pattern>
  );
}

export function BarChart(props: ChartProps) {
  const { data, x, series, height = 240 } = props;
  const id = useId();
  const fill = (i: number) => {
    const style = seriesStyle(i);
    return style.pattern === "solid" ? style.color : `url(#${svgId(id, String(i))})`;
  };
  return (
    <ChartFrame {...props}>
      <ResponsiveContainer width="100%" height={height}>
        <RechartsBarChart
          data={data}
          margin={{ top: 20, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <defs>
            {series.map((s, i) => (
              <Pattern key={s.key} id={svgId(id, String(i))} style={seriesStyle(i)} />
            ))}
          </defs>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={x} tick={{ fontSize: 12 }} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <Tooltip />
          {series.length > 1 ? <Legend /> : null}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={fill(i)}
              stroke={seriesStyle(i).color}
              legendType="square"
              isAnimationActive={false}
            >
              <LabelList dataKey={s.key} position="top" fontSize={12} fill="#334155" />
            </Bar>
          ))}
        </RechartsBarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
