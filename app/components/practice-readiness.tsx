import { useT } from '~/i18n/react';
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
  const t = useT();
  const height = rows.length * ROW + 18;
  return (
    <div className="readiness">
      <figure className="readiness-chart">
        <svg viewBox={`0 0 ${W} ${height}`} width="100%" aria-hidden="true" focusable="false">
          {[0, 25, 50, 75, 100].map((tick) => (
            <g key={tick}>
              <line
                x1={(tick / 100) * BAR + 10}
                x2={(tick / 100) * BAR + 10}
                y1={4}
                y2={height - 14}
                stroke="#d6d3d1"
                strokeWidth={1}
              />
              <text x={(tick / 100) * BAR + 10} y={height - 2} fontSize={10} textAnchor="middle" fill="#57534e">
                {tick}%
              </text>
            </g>
          ))}
          {rows.map((r, i) => {
            const y = i * ROW + 4;
            return (
              <g key={r.area}>
                <text x={10} y={y + 12} fontSize={13} fill="#1c1917">
                  {r.title}
                  {r.revisit ? t('trainee.readiness.revisit') : ''}
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
                    {t('trainee.readiness.notEnoughCount', { count: r.answered })}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        <figcaption className="muted">{t('trainee.readiness.caption')}</figcaption>
      </figure>
      <TableWrap label={label}>
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trainee.readiness.col.area')}</th>
              <th scope="col">{t('trainee.readiness.col.answered')}</th>
              <th scope="col">{t('trainee.readiness.col.estimate')}</th>
              {group ? <th scope="col">{t('trainee.readiness.col.below')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.area}>
                <th scope="row">
                  {r.title}
                  {r.revisit ? <strong>{t('trainee.readiness.revisitGroup')}</strong> : null}
                </th>
                <td>{r.answered}</td>
                <td>
                  {r.enough
                    ? t('trainee.readiness.estimate', { mean: pct(r.mean), low: pct(r.low), high: pct(r.high) })
                    : t('trainee.readiness.notEnough')}
                </td>
                {group ? <td>{t('trainee.readiness.belowOf', { below: r.below ?? 0, trainees: r.trainees ?? 0 })}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
