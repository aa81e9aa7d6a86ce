/** A small server-rendered chart of two daily series: bars for views, a line for friend-adds. */
import type { FC } from 'hono/jsx';
import type { DayStats } from '../vendors/store-stats';
import { t } from './messages';

const W = 640;
const H = 220;
const PAD = { left: 36, right: 12, top: 12, bottom: 28 };

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].find((m) => m * power >= n) ?? 10) * power;
}

export const DailyChart: FC<{ days: DayStats[] }> = ({ days }) => {
  const max = niceMax(Math.max(1, ...days.map((d) => Math.max(d.views, d.friendAdds))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, days.length);
  const x = (i: number) => PAD.left + i * step;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const line = days.map((d, i) => `${(x(i) + step / 2).toFixed(1)},${y(d.friendAdds).toFixed(1)}`).join(' ');
  return (
    <figure class="card">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="chart-title">
        <title id="chart-title">{t.stats.chartLabel}</title>
        {[0, max / 2, max].map((v) => (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#d8dee4" />
            <text x={PAD.left - 4} y={y(v) + 4} text-anchor="end" font-size="11" fill="#57606a">
              {String(v)}
            </text>
          </g>
        ))}
        {days.map((d, i) => (
          <rect
            x={x(i) + 1}
            y={y(d.views)}
            width={Math.max(1, step - 2)}
            height={PAD.top + plotH - y(d.views)}
            fill="#9be9a8"
          >
            <title>{`${d.day} ${t.stats.views} ${d.views}`}</title>
          </rect>
        ))}
        <polyline points={line} fill="none" stroke="#d97706" stroke-width="2" />
        {days.map((d, i) =>
          i % 7 === 0 || i === days.length - 1 ? (
            <text x={x(i) + step / 2} y={H - 8} text-anchor="middle" font-size="11" fill="#57606a">
              {d.day.slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption>
        <span class="legend-views">■</span> {t.stats.views}　<span class="legend-adds">━</span>{' '}
        {t.stats.friendAdds}
      </figcaption>
    </figure>
  );
};
