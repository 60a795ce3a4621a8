import { svg } from '../dom';
import { formatNumber } from '../format';

/** One day's value. */
export interface DayPoint {
  /** `YYYY-MM-DD` */
  day: string;
  value: number;
}

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 24, left: 48 };

/**
 * Columns per day over the whole range (days without events are drawn as zero, so
 * gaps show), with the maximum on the axis and a few dates below.
 */
export function dayChart(points: readonly DayPoint[], range: { from: string; to: string }, label: string): SVGSVGElement {
  const days = everyDay(range.from, range.to);
  const byDay = new Map(points.map((point) => [point.day, point.value]));
  const max = Math.max(1, ...points.map((point) => point.value));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = plotWidth / Math.max(1, days.length);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart day-chart', role: 'img', 'aria-label': label });
  chart.append(
    svg('text', { x: PAD.left - 6, y: PAD.top + 10, 'text-anchor': 'end', class: 'axis' }, formatNumber(max)),
    svg('text', { x: PAD.left - 6, y: PAD.top + plotHeight, 'text-anchor': 'end', class: 'axis' }, '0'),
    svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + plotHeight, y2: PAD.top + plotHeight, class: 'baseline' }),
  );
  const labelEvery = Math.ceil(days.length / 6);
  days.forEach((day, index) => {
    const value = byDay.get(day) ?? 0;
    const height = (value / max) * plotHeight;
    const x = PAD.left + index * step;
    const column = svg('rect', { x: x + step * 0.15, y: PAD.top + plotHeight - height, width: Math.max(1, step * 0.7), height, class: 'bar', 'data-day': day, 'data-value': value });
    column.append(svg('title', {}, `${day}: ${formatNumber(value)}`));
    chart.append(column);
    if (index % labelEvery === 0) chart.append(svg('text', { x: x + step / 2, y: HEIGHT - 6, 'text-anchor': 'middle', class: 'axis' }, day.slice(5)));
  });
  return chart;
}

/** Every `YYYY-MM-DD` from `from` to `to`, both included (at most a few years). */
function everyDay(from: string, to: string): string[] {
  const days: string[] = [];
  const date = new Date(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  while (date.getTime() <= end && days.length < 3700) {
    days.push(date.toISOString().slice(0, 10));
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return days;
}
