/**
 * Charts drawn as SVG by React itself, so the server sends them ready (no chart library in the
 * browser, and a chart without JavaScript). The drawing uses a phone-sized coordinate space that
 * scales to its box, so on a 390 px screen its text stays at about 12 px. Readable without colour:
 * every series has its own dash pattern and marker shape and a text legend; bars carry their
 * values; the same numbers sit in the table under the chart.
 */
export interface Series {
  key: string;
  label: string;
}

const STYLES = [
  { stroke: "#0b5cad", dash: undefined, shape: "circle" as const },
  { stroke: "#9a4a06", dash: "8 4", shape: "square" as const },
  { stroke: "#1a7f37", dash: "2 3", shape: "triangle" as const },
  { stroke: "#6b21a8", dash: "12 3 3 3", shape: "diamond" as const },
];
type Shape = (typeof STYLES)[number]["shape"];

const W = 360;
const FONT = 12;
const M = { top: 18, right: 10, bottom: 30, left: 40 };
const svgStyle = { width: "100%", height: "auto", maxWidth: "40rem", display: "block" } as const;

function Marker({ x, y, shape, stroke }: { x: number; y: number; shape: Shape; stroke: string }) {
  const s = 3.5;
  if (shape === "square") return <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill="#fff" stroke={stroke} strokeWidth={1.5} />;
  if (shape === "triangle")
    return (
      <polygon points={`${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}`} fill="#fff" stroke={stroke} strokeWidth={1.5} />
    );
  if (shape === "diamond")
    return (
      <polygon
        points={`${x},${y - s - 1} ${x + s + 1},${y} ${x},${y + s + 1} ${x - s - 1},${y}`}
        fill="#fff"
        stroke={stroke}
        strokeWidth={1.5}
      />
    );
  return <circle cx={x} cy={y} r={s} fill="#fff" stroke={stroke} strokeWidth={1.5} />;
}

/** A round top for the y axis and its four steps. */
function scaleOf(values: number[]): number[] {
  const max = Math.max(1, ...values);
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].map((f) => (f * magnitude) / 4).find((s) => s * 4 >= max) ?? magnitude;
  const rounded = Math.max(1, Math.ceil(step));
  return [0, 1, 2, 3, 4].map((i) => i * rounded);
}

const short = (n: number) => (n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(1)}M` : n >= 10_000 ? `${+(n / 1000).toFixed(1)}k` : String(n));

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

/** Axes, grid and x labels (a few, evenly spread, so they never overlap). */
function Axes({ height, ticks, labels, xAt }: { height: number; ticks: number[]; labels: string[]; xAt: (i: number) => number }) {
  const plotH = height - M.top - M.bottom;
  const top = ticks[ticks.length - 1];
  const every = Math.max(1, Math.ceil(labels.length / 4));
  return (
    <g fontSize={FONT} fill="#3d4852">
      {ticks.map((t) => {
        const y = M.top + plotH - (t / top) * plotH;
        return (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y} y2={y} stroke="#d5dbe1" strokeDasharray={t === 0 ? undefined : "3 3"} />
            <text x={M.left - 4} y={y + 4} textAnchor="end">
              {short(t)}
            </text>
          </g>
        );
      })}
      {labels.map((label, i) =>
        i % every === 0 ? (
          <text key={i} x={xAt(i)} y={height - M.bottom + FONT + 6} textAnchor={i === 0 && labels.length > 1 ? "start" : "middle"}>
            {label}
          </text>
        ) : null,
      )}
    </g>
  );
}

function DataTable<Row extends Record<string, string | number>>({
  xKey,
  xLabel,
  series,
  data,
  tableCaption,
}: Omit<ChartProps<Row>, "id" | "title">) {
  return (
    <details className="chart-data">
      <summary>{tableCaption}</summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
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

/** Lines over time, one dash pattern and marker per series, with a text legend. */
export function TrendChart<Row extends Record<string, string | number>>(props: ChartProps<Row>) {
  const { id, title, xKey, series, data } = props;
  const height = 220;
  const plotW = W - M.left - M.right;
  const plotH = height - M.top - M.bottom;
  const ticks = scaleOf(data.flatMap((row) => series.map((s) => Number(row[s.key]) || 0)));
  const top = ticks[ticks.length - 1];
  const xAt = (i: number) => M.left + (data.length > 1 ? (i * plotW) / (data.length - 1) : plotW / 2);
  const yAt = (v: number) => M.top + plotH - (v / top) * plotH;
  const markers = data.length <= 31;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg id={id} viewBox={`0 0 ${W} ${height}`} style={svgStyle} role="img" aria-label={title}>
        <Axes height={height} ticks={ticks} labels={data.map((row) => String(row[xKey]))} xAt={xAt} />
        {series.map((s, si) => {
          const style = STYLES[si % STYLES.length];
          const points = data.map((row, i) => [xAt(i), yAt(Number(row[s.key]) || 0)] as const);
          return (
            <g key={s.key}>
              <path
                d={points.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)}`).join(" ")}
                fill="none"
                stroke={style.stroke}
                strokeWidth={2}
                strokeDasharray={style.dash}
              />
              {markers ? points.map(([x, y], i) => <Marker key={i} x={x} y={y} shape={style.shape} stroke={style.stroke} />) : null}
            </g>
          );
        })}
      </svg>
      <ul
        className="chart-legend"
        style={{ listStyle: "none", padding: 0, display: "flex", flexWrap: "wrap", gap: "0.25rem 1rem", margin: "0.25rem 0" }}
      >
        {series.map((s, si) => {
          const style = STYLES[si % STYLES.length];
          return (
            <li key={s.key}>
              <svg
                width="34"
                height="14"
                viewBox="0 0 34 14"
                aria-hidden="true"
                style={{ verticalAlign: "middle", marginRight: "0.35rem" }}
              >
                <line x1="1" x2="33" y1="7" y2="7" stroke={style.stroke} strokeWidth={2} strokeDasharray={style.dash} />
                <Marker x={17} y={7} shape={style.shape} stroke={style.stroke} />
              </svg>
              {s.label}
            </li>
          );
        })}
      </ul>
      <DataTable {...props} />
    </figure>
  );
}

/** One series as bars with their values written on them. */
export function BarTrendChart<Row extends Record<string, string | number>>(props: ChartProps<Row>) {
  const { id, title, xKey, series, data } = props;
  const s = series[0];
  const height = 200;
  const plotW = W - M.left - M.right;
  const plotH = height - M.top - M.bottom;
  const values = data.map((row) => Number(row[s.key]) || 0);
  const ticks = scaleOf(values);
  const top = ticks[ticks.length - 1];
  const slot = plotW / Math.max(1, data.length);
  const xAt = (i: number) => M.left + slot * (i + 0.5);
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg id={id} viewBox={`0 0 ${W} ${height}`} style={svgStyle} role="img" aria-label={title}>
        <Axes height={height} ticks={ticks} labels={data.map((row) => String(row[xKey]))} xAt={xAt} />
        {values.map((v, i) => (
          <rect
            key={i}
            className="chart-bar"
            x={xAt(i) - slot * 0.35}
            width={slot * 0.7}
            y={M.top + plotH - (v / top) * plotH}
            height={(v / top) * plotH}
            fill="#0b5cad"
          />
        ))}
        {data.length <= 16 ? (
          <g className="chart-values" fontSize={FONT} fill="#1f2933" textAnchor="middle">
            {values.map((v, i) => (
              <text key={i} x={xAt(i)} y={M.top + plotH - (v / top) * plotH - 4}>
                {short(v)}
              </text>
            ))}
          </g>
        ) : null}
      </svg>
      <DataTable {...props} />
    </figure>
  );
}
