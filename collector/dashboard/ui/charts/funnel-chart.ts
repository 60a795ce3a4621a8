import { svg } from '../dom';
import { formatCount, formatRatio } from '../format';

/** One bar of a funnel. */
export interface FunnelBar {
  label: string;
  count: number;
  conversionFromStart: number;
}

const WIDTH = 720;
const ROW = 44;
const LABEL = 220;

/**
 * Horizontal bars, one per step, each as long as its share of step 1, with the
 * count and conversion written beside it. Plain SVG: two shapes do not earn a chart
 * library (the smallest good one, uPlot, would be several times this dashboard).
 */
export function funnelChart(bars: readonly FunnelBar[]): SVGSVGElement {
  const first = Math.max(1, bars[0]?.count ?? 0);
  const barSpace = WIDTH - LABEL - 150;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${bars.length * ROW + 8}`, class: 'chart funnel-chart', role: 'img', 'aria-label': 'Funnel' });
  bars.forEach((bar, index) => {
    const y = index * ROW + 4;
    const length = Math.max(2, (bar.count / first) * barSpace);
    chart.append(
      svg('text', { x: LABEL - 10, y: y + 24, 'text-anchor': 'end', class: 'label' }, truncate(bar.label, 28)),
      svg('rect', { x: LABEL, y: y + 6, width: barSpace, height: 28, rx: 4, class: 'track' }),
      svg('rect', { x: LABEL, y: y + 6, width: length, height: 28, rx: 4, class: 'bar', 'data-count': bar.count }),
      svg('text', { x: LABEL + barSpace + 10, y: y + 24, class: 'value' }, `${formatCount(bar.count)} · ${formatRatio(bar.conversionFromStart)}`),
    );
  });
  return chart;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
