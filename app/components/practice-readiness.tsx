import { TableWrap } from './table-wrap';

// Readiness per content area as a server-rendered SVG chart (sizes as SVG attributes, so the
// strict CSP needs no inline style) with a table that says the same in words: the chart is
// hidden from screen readers and the table is the equivalent. Never a pass prediction.

export interface ReadinessRow {
  area: string;
  title: string;
  answered: number;
  mean: number;
  low: number;
  high: number;
  enough: boolean;
  /** Group view: members with enough answers, those below the target, and whether to revisit. */
  trainees?: number;
  below?: number;
  revisit?: boolean;
}

const pct = (x: number) => Math.round(x * 100);
const W = 320;
const BAR = 290;
const ROW = 44;

export function ReadinessChart({ rows, label, group = false }: { rows: ReadinessRow[]; label: string; group?: boolean }) {
  const height = rows.length * ROW + 18;
  return (
    <div className="readiness">
      <figure className="readiness-chart">
        <svg viewBox={`0 0 ${W} ${height}`} width="100%" aria-hidden="true" focusable="false">
          {[0, 25, 50, 75, 100].map((t) => (
            <g key={t}>
              <line
                x1={(t / 100) * BAR + 10}
                x2={(t / 100) * BAR + 10}
                y1={4}
                y2={height - 14}
                stroke="#d6d3d1"
                strokeWidth={1}
              />
              <text x={(t / 100) * BAR + 10} y={height - 2} fontSize={10} textAnchor="middle" fill="#57534e">
                {t}%
              </text>
            </g>
          ))}
          {rows.map((r, i) => {
            const y = i * ROW + 4;
            return (
              <g key={r.area}>
                <text x={10} y={y + 12} fontSize={13} fill="#1c1917">
                  {r.title}
                  {r.revisit ? ' (revisit)' : ''}
                </text>
                {r.enough ? (
                  <>
                    <rect x={10} y={y + 18} width={BAR} height={14} rx={3} fill="#f5f5f4" />
                    <rect
                      x={10 + r.low * BAR}
                      y={y + 18}
                      width={Math.max(2, (r.high - r.low) * BAR)}
                      height={14}
                      rx={3}
                      fill="#93c5fd"
                    />
                    <rect x={10 + r.mean * BAR - 1.5} y={y + 15} width={3} height={20} fill={r.revisit ? '#b91c1c' : '#1e3a8a'} />
                  </>
                ) : (
                  <text x={10} y={y + 30} fontSize={11} fill="#57534e">
                    Not enough answers yet ({r.answered})
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        <figcaption className="muted">
          The dark mark is the estimate; the light band is where it likely lies (80% sure). The table below gives the same
          figures.
        </figcaption>
      </figure>
      <TableWrap label={label}>
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">Content area</th>
              <th scope="col">Answered</th>
              <th scope="col">Estimate (range)</th>
              {group ? <th scope="col">Trainees below 70%</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.area}>
                <th scope="row">
                  {r.title}
                  {r.revisit ? <strong> · revisit as a group</strong> : null}
                </th>
                <td>{r.answered}</td>
                <td>
                  {r.enough ? (
                    <>
                      {pct(r.mean)}% ({pct(r.low)} to {pct(r.high)}%)
                    </>
                  ) : (
                    'Not enough answers yet'
                  )}
                </td>
                {group ? (
                  <td>
                    {r.below ?? 0} of {r.trainees ?? 0}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
