// Server-rendered SVG charts, drawn by hand (docs/decisions/028-charts.md): no charting library,
// no script, no inline style (colours come from classes in app.css, so the CSP holds). Every
// chart is a <figure> whose SVG is one labelled image and whose figures are also given as a table
// (inside a <details>), so nothing is said by the picture alone.
import { type ReactNode, useId } from 'react';
import { type Bin, linearScale, niceTicks } from '~/domain/chart-scale';
import { useT } from '~/i18n/react';

const W = 640;

/** linearScale rounded to 0.1 px: shorter markup, no visible difference. */
function pixelScale(domain: readonly [number, number], range: readonly [number, number]) {
  const f = linearScale(domain, range);
  return (v: number) => Math.round(f(v) * 10) / 10;
}

function ChartFigure(props: { title: string; summary: string; svg: ReactNode; table: ReactNode; className?: string }) {
  const t = useT();
  return (
    <figure className={`chart ${props.className ?? ''}`.trim()}>
      <figcaption className="chart-title">{props.title}</figcaption>
      {props.svg}
      <p className="chart-summary">{props.summary}</p>
      <details className="chart-table">
        <summary>{t('trainer.chart.table')}</summary>
        {props.table}
      </details>
    </figure>
  );
}

/** The figures of a chart as a table: one header row, one row per data point. */
function FigureTable(props: { columns: readonly string[]; rows: { key: string; label: string; values: string[] }[] }) {
  return (
    <table>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {r.values.map((v, i) => (
              <td key={props.columns[i + 1] ?? i}>{v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Svg(props: { height: number; title: string; summary: string; children: ReactNode }) {
  const id = useId();
  return (
    <svg viewBox={`0 0 ${W} ${props.height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart-svg">
      <title id={`${id}-t`}>{props.title}</title>
      <desc id={`${id}-d`}>{props.summary}</desc>
      {props.children}
    </svg>
  );
}

export interface ScatterPoint {
  id: string;
  /** Short label drawn beside flagged points (e.g. the item's row number). */
  label: string;
  x: number;
  y: number;
  flagged: boolean;
}

/**
 * Points on two axes with "needs attention" bands shaded; flagged points are drawn as larger
 * diamonds (shape, not only colour) and labelled.
 */
export function ScatterChart(props: {
  title: string;
  summary: string;
  points: ScatterPoint[];
  x: { label: string; domain: [number, number]; bands?: [number, number][] };
  y: { label: string; domain: [number, number]; bands?: [number, number][] };
  columns: [string, string, string, string];
  format?: (v: number) => string;
}) {
  const H = 360;
  const m = { top: 16, right: 16, bottom: 48, left: 56 };
  const sx = pixelScale(props.x.domain, [m.left, W - m.right]);
  const sy = pixelScale(props.y.domain, [H - m.bottom, m.top]);
  const t = useT();
  const fmt = props.format ?? ((v: number) => String(v));
  const xt = niceTicks(...props.x.domain, 5);
  const yt = niceTicks(...props.y.domain, 5);
  const clampX = (v: number) => Math.min(props.x.domain[1], Math.max(props.x.domain[0], v));
  const clampY = (v: number) => Math.min(props.y.domain[1], Math.max(props.y.domain[0], v));
  return (
    <ChartFigure
      title={props.title}
      summary={props.summary}
      svg={
        <Svg height={H} title={props.title} summary={props.summary}>
          {(props.x.bands ?? []).map(([a, b]) => (
            <rect key={`x${a}`} className="chart-band" x={sx(a)} y={m.top} width={sx(b) - sx(a)} height={H - m.top - m.bottom} />
          ))}
          {(props.y.bands ?? []).map(([a, b]) => (
            <rect key={`y${a}`} className="chart-band" x={m.left} y={sy(b)} width={W - m.left - m.right} height={sy(a) - sy(b)} />
          ))}
          {xt.map((t) => (
            <g key={`xt${t}`}>
              <line className="chart-grid" x1={sx(t)} x2={sx(t)} y1={m.top} y2={H - m.bottom} />
              <text className="chart-tick" x={sx(t)} y={H - m.bottom + 18} textAnchor="middle">
                {fmt(t)}
              </text>
            </g>
          ))}
          {yt.map((t) => (
            <g key={`yt${t}`}>
              <line className={t === 0 ? 'chart-axis' : 'chart-grid'} x1={m.left} x2={W - m.right} y1={sy(t)} y2={sy(t)} />
              <text className="chart-tick" x={m.left - 8} y={sy(t) + 4} textAnchor="end">
                {fmt(t)}
              </text>
            </g>
          ))}
          <text className="chart-label" x={(m.left + W - m.right) / 2} y={H - 8} textAnchor="middle">
            {props.x.label}
          </text>
          <text className="chart-label" transform={`translate(14 ${(m.top + H - m.bottom) / 2}) rotate(-90)`} textAnchor="middle">
            {props.y.label}
          </text>
          {props.points.map((p) => {
            const cx = sx(clampX(p.x));
            const cy = sy(clampY(p.y));
            return p.flagged ? (
              <g key={p.id} className="chart-point flagged">
                <path d={`M${cx} ${cy - 7}L${cx + 7} ${cy}L${cx} ${cy + 7}L${cx - 7} ${cy}Z`} />
                <text className="chart-point-label" x={cx + 9} y={cy - 6}>
                  {p.label}
                </text>
              </g>
            ) : (
              <circle key={p.id} className="chart-point" cx={cx} cy={cy} r={4} />
            );
          })}
        </Svg>
      }
      table={
        <FigureTable
          columns={props.columns}
          rows={props.points.map((p) => ({
            key: p.id,
            label: p.label,
            values: [fmt(p.x), fmt(p.y), p.flagged ? t('trainer.chart.yes') : t('trainer.chart.no')],
          }))}
        />
      }
    />
  );
}

export interface Bar {
  label: string;
  value: number;
  /** Text shown at the end of the bar (defaults to the value). */
  text?: string;
  emphasis?: boolean;
}

/** Horizontal bars, one per row, labelled on the left and valued on the right. */
export function BarChart(props: { title: string; summary: string; bars: Bar[]; max?: number; columns: [string, string] }) {
  const row = 28;
  const H = props.bars.length * row + 8;
  const labelW = 220;
  const max = props.max ?? Math.max(1, ...props.bars.map((b) => b.value));
  const sx = pixelScale([0, max], [labelW, W - 72]);
  return (
    <ChartFigure
      title={props.title}
      summary={props.summary}
      className="chart-bars"
      svg={
        <Svg height={H} title={props.title} summary={props.summary}>
          {props.bars.map((b, i) => (
            <g key={b.label} className={b.emphasis ? 'chart-bar emphasis' : 'chart-bar'}>
              <text className="chart-tick" x={labelW - 8} y={i * row + 19} textAnchor="end">
                {b.label.length > 32 ? `${b.label.slice(0, 31)}…` : b.label}
              </text>
              <rect className="chart-track" x={labelW} y={i * row + 6} width={sx(max) - labelW} height={row - 12} />
              <rect x={labelW} y={i * row + 6} width={Math.max(0, sx(Math.min(b.value, max)) - labelW)} height={row - 12} />
              <text className="chart-tick" x={sx(max) + 6} y={i * row + 19}>
                {b.text ?? String(b.value)}
              </text>
            </g>
          ))}
        </Svg>
      }
      table={
        <FigureTable
          columns={props.columns}
          rows={props.bars.map((b) => ({ key: b.label, label: b.label, values: [b.text ?? String(b.value)] }))}
        />
      }
    />
  );
}

/** Counts in bins as columns, with an optional marked value (e.g. the pass mark). */
export function Histogram(props: {
  title: string;
  summary: string;
  bins: Bin[];
  xLabel: string;
  marker?: { value: number; label: string };
  binLabel: (b: Bin) => string;
  columns: [string, string];
}) {
  const H = 260;
  const m = { top: 20, right: 16, bottom: 48, left: 48 };
  const lo = props.bins[0]?.from ?? 0;
  const hi = props.bins[props.bins.length - 1]?.to ?? 1;
  const maxCount = Math.max(1, ...props.bins.map((b) => b.count));
  const sx = pixelScale([lo, hi], [m.left, W - m.right]);
  const sy = pixelScale([0, maxCount], [H - m.bottom, m.top]);
  const yt = niceTicks(0, maxCount, 4).filter((t) => Number.isInteger(t));
  return (
    <ChartFigure
      title={props.title}
      summary={props.summary}
      svg={
        <Svg height={H} title={props.title} summary={props.summary}>
          {yt.map((t) => (
            <g key={t}>
              <line className={t === 0 ? 'chart-axis' : 'chart-grid'} x1={m.left} x2={W - m.right} y1={sy(t)} y2={sy(t)} />
              <text className="chart-tick" x={m.left - 8} y={sy(t) + 4} textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          {props.bins.map((b) => (
            <g key={b.from} className="chart-bar">
              <rect
                x={sx(b.from) + 1}
                y={sy(b.count)}
                width={Math.max(0, sx(b.to) - sx(b.from) - 2)}
                height={sy(0) - sy(b.count)}
              />
              <text className="chart-tick" x={(sx(b.from) + sx(b.to)) / 2} y={H - m.bottom + 18} textAnchor="middle">
                {b.from}
              </text>
            </g>
          ))}
          {props.marker ? (
            <g className="chart-marker">
              <line x1={sx(props.marker.value)} x2={sx(props.marker.value)} y1={m.top - 8} y2={H - m.bottom} />
              <text className="chart-tick" x={sx(props.marker.value) + 4} y={m.top}>
                {props.marker.label}
              </text>
            </g>
          ) : null}
          <text className="chart-label" x={(m.left + W - m.right) / 2} y={H - 8} textAnchor="middle">
            {props.xLabel}
          </text>
        </Svg>
      }
      table={
        <FigureTable
          columns={props.columns}
          rows={props.bins.map((b) => ({ key: String(b.from), label: props.binLabel(b), values: [String(b.count)] }))}
        />
      }
    />
  );
}

export interface Series {
  name: string;
  /** Points in x order; x is a time in ms or any number. */
  points: { x: number; y: number }[];
  dashed?: boolean;
}

/** A small step chart of one or more cumulative series over time (e.g. units completed). */
export function StepChart(props: {
  title: string;
  summary: string;
  series: Series[];
  xLabel: (x: number) => string;
  yLabel: string;
  yMax?: number;
  rows: { label: string; values: string[] }[];
  columns: string[];
}) {
  const H = 220;
  const m = { top: 16, right: 120, bottom: 36, left: 48 };
  const xs = props.series.flatMap((s) => s.points.map((p) => p.x));
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const yMax = props.yMax ?? Math.max(1, ...props.series.flatMap((s) => s.points.map((p) => p.y)));
  const sx = pixelScale([lo, hi === lo ? lo + 1 : hi], [m.left, W - m.right]);
  const sy = pixelScale([0, yMax], [H - m.bottom, m.top]);
  const yt = niceTicks(0, yMax, 4);
  const path = (s: Series) =>
    s.points.map((p, i) => (i === 0 ? `M${sx(p.x)} ${sy(p.y)}` : `H${sx(p.x)}V${sy(p.y)}`)).join('') +
    (s.points.length ? `H${sx(hi)}` : '');
  return (
    <ChartFigure
      title={props.title}
      summary={props.summary}
      svg={
        <Svg height={H} title={props.title} summary={props.summary}>
          {yt.map((t) => (
            <g key={t}>
              <line className={t === 0 ? 'chart-axis' : 'chart-grid'} x1={m.left} x2={W - m.right} y1={sy(t)} y2={sy(t)} />
              <text className="chart-tick" x={m.left - 8} y={sy(t) + 4} textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          <text className="chart-tick" x={m.left} y={H - m.bottom + 18}>
            {props.xLabel(lo)}
          </text>
          <text className="chart-tick" x={W - m.right} y={H - m.bottom + 18} textAnchor="end">
            {props.xLabel(hi)}
          </text>
          <text className="chart-label" x={8} y={m.top - 4}>
            {props.yLabel}
          </text>
          {props.series.map((s, i) => {
            const last = s.points[s.points.length - 1];
            return (
              <g key={s.name} className={`chart-line series-${i}${s.dashed ? ' dashed' : ''}`}>
                <path d={path(s)} />
                {last ? (
                  <text className="chart-tick" x={W - m.right + 6} y={sy(last.y) + 4}>
                    {s.name}: {last.y}
                  </text>
                ) : null}
              </g>
            );
          })}
        </Svg>
      }
      table={<FigureTable columns={props.columns} rows={props.rows.map((r) => ({ key: r.label, ...r }))} />}
    />
  );
}
