/**
 * Charts readable without colour: every series has its own dash pattern and marker shape, a
 * text legend, value labels, and the same numbers in a table beside it. The SVG is drawn once the
 * page runs in the browser (recharts lays out axis labels by measuring text, which the server
 * cannot do, so a server-drawn chart would not match the browser's); without JavaScript the
 * table is the chart's stand-in.
 */
import { useEffect, useState, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, XAxis, YAxis } from "recharts";

export interface Series {
  key: string;
  label: string;
}

const STYLES = [
  { stroke: "#0b5cad", dash: undefined, shape: "circle" as const },
  { stroke: "#b45309", dash: "8 4", shape: "square" as const },
  { stroke: "#1a7f37", dash: "2 3", shape: "triangle" as const },
  { stroke: "#6b21a8", dash: "12 3 3 3", shape: "diamond" as const },
];

function Marker({ cx, cy, shape, stroke }: { cx?: number; cy?: number; shape: (typeof STYLES)[number]["shape"]; stroke: string }) {
  if (cx === undefined || cy === undefined) return null;
  const s = 4;
  if (shape === "square") return <rect x={cx - s} y={cy - s} width={s * 2} height={s * 2} fill="#fff" stroke={stroke} strokeWidth={2} />;
  if (shape === "triangle") return <polygon points={`${cx},${cy - s - 1} ${cx + s + 1},${cy + s} ${cx - s - 1},${cy + s}`} fill="#fff" stroke={stroke} strokeWidth={2} />;
  if (shape === "diamond") return <polygon points={`${cx},${cy - s - 1} ${cx + s + 1},${cy} ${cx},${cy + s + 1} ${cx - s - 1},${cy}`} fill="#fff" stroke={stroke} strokeWidth={2} />;
  return <circle cx={cx} cy={cy} r={s} fill="#fff" stroke={stroke} strokeWidth={2} />;
}

interface ChartProps<Row extends Record<string, string | number>> {
  id: string;
  title: string;
  /** The x-axis category, already formatted for people. */
  xKey: keyof Row & string;
  xLabel: string;
  series: Series[];
  data: Row[];
  /** The table under the chart with the same numbers. */
  tableCaption: string;
}

function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** The chart once the page runs in the browser; before that (or without JavaScript) the open table stands in. */
function Frame({ mounted, children }: { mounted: boolean; children: ReactNode }) {
  return mounted ? <div className="chart-frame">{children}</div> : null;
}

function DataTable<Row extends Record<string, string | number>>({ xKey, xLabel, series, data, tableCaption, open }: Omit<ChartProps<Row>, "id" | "title"> & { open: boolean }) {
  return (
    <details className="chart-data" open={open}>
      <summary>{tableCaption}</summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={String(row[xKey])}>
                <th scope="row">{row[xKey]}</th>
                {series.map((s) => (
                  <td key={s.key}>{row[s.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Lines over time, one dash pattern and marker per series. */
export function TrendChart<Row extends Record<string, string | number>>(props: ChartProps<Row>) {
  const { id, title, xKey, series, data } = props;
  const mounted = useMounted();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <Frame mounted={mounted}>
        <LineChart id={id} width={720} height={280} data={data} margin={{ top: 16, right: 24, bottom: 8, left: 0 }} role="img" aria-label={title}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d5dbe1" />
          <XAxis dataKey={xKey} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Legend />
          {series.map((s, i) => {
            const style = STYLES[i % STYLES.length];
            return (
              <Line
                key={s.key}
                type="linear"
                dataKey={s.key}
                name={s.label}
                stroke={style.stroke}
                strokeWidth={2}
                strokeDasharray={style.dash}
                isAnimationActive={false}
                dot={(p: { cx?: number; cy?: number; index?: number }) => <Marker key={`${s.key}-${p.index}`} cx={p.cx} cy={p.cy} shape={style.shape} stroke={style.stroke} />}
              />
            );
          })}
        </LineChart>
      </Frame>
      <DataTable {...props} open={!mounted} />
    </figure>
  );
}

/** One series as bars with their values written on them. */
export function BarTrendChart<Row extends Record<string, string | number>>(props: ChartProps<Row>) {
  const { id, title, xKey, series, data } = props;
  const s = series[0];
  const mounted = useMounted();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <Frame mounted={mounted}>
        <BarChart id={id} width={720} height={240} data={data} margin={{ top: 20, right: 16, bottom: 8, left: 0 }} role="img" aria-label={title}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d5dbe1" vertical={false} />
          <XAxis dataKey={xKey} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Bar dataKey={s.key} name={s.label} fill="#0b5cad" isAnimationActive={false}>
            <LabelList dataKey={s.key} position="top" fontSize={12} />
          </Bar>
        </BarChart>
      </Frame>
      <DataTable {...props} open={!mounted} />
    </figure>
  );
}
