"use client";
// A line per series over an ordered x axis (days). Series differ by colour, dash and marker
// shape, and each line is labelled by name at its last point, so the chart reads in greyscale.
import { useId } from "react";
import {
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { ChartFrame } from "./chart-frame";
import type { ChartProps } from "./chart-types";
import { Marker } from "./marker";
import { seriesStyle } from "./series-style";

export function TimeSeriesChart(props: ChartProps) {
  const { data, x, series, height = 240 } = props;
  const id = useId();
  const last = data.length - 1;
  // Direct labels of series that end on the same value would print over each other: each one
  // moves down a line per earlier series ending there.
  const ends = series.map((s) => Number(data[last]?.[s.key] ?? 0));
  const labelOffset = (i: number) => ends.slice(0, i).filter((v) => v === ends[i]).length * 13;
  return (
    <ChartFrame {...props}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 100, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey={x} tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <Tooltip />
          <Legend />
          {series.map((s, i) => {
            const style = seriesStyle(i);
            return (
              <Line
                key={`${id}-${s.key}`}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={style.color}
                strokeWidth={2}
                strokeDasharray={style.dash}
                legendType={style.marker}
                isAnimationActive={false}
                dot={(p: { cx?: number; cy?: number; index?: number }) => (
                  <Marker key={`${s.key}-${p.index ?? 0}`} cx={p.cx} cy={p.cy} style={style} />
                )}
              >
                <LabelList
                  dataKey={s.key}
                  content={(p) =>
                    p.index === last ? (
                      <text
                        x={Number(p.x ?? 0) + 8}
                        y={Number(p.y ?? 0)}
                        dy={4 + labelOffset(i)}
                        fontSize={12}
                        fill={style.color}
                      >
                        {s.label}
                      </text>
                    ) : null
                  }
                />
              </Line>
            );
          })}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
