import type { OverviewResult } from '../api';
import { dayChart } from '../charts/day-chart';
import { rangeQuery, utcOffset } from '../date-range';
import { h, replace, table } from '../dom';
import { formatCount, formatNumber } from '../format';
import { withParams, type Route } from '../route';
import type { View } from '../view-context';

type Metric = 'events' | 'visitors' | 'orders' | 'revenue';
const METRICS: ReadonlyArray<[Metric, string]> = [
  ['visitors', 'Visitors'],
  ['events', 'Events'],
  ['orders', 'Orders'],
  ['revenue', 'Revenue'],
];

/** Events per day, visitors, orders, revenue, top pages and events. */
export const overviewView: View = async ({ api, range, root, route }) => {
  const result = await api.overview(rangeQuery(range), utcOffset(range));
  const shown = (METRICS.find(([metric]) => metric === route.params.get('metric'))?.[0] ?? 'visitors') satisfies Metric;
  replace(
    root,
    h('section', { class: 'cards' }, METRICS.map(([metric, label]) => card(result, route, metric, label, metric === shown))),
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, `${METRICS.find(([metric]) => metric === shown)?.[1]} per day`),
      dayChart(result.days.map((day) => ({ day: day.day, value: day[shown] })), range, `${shown} per day`),
    ),
    h(
      'div',
      { class: 'columns' },
      topList('Top pages', ['Path', 'Views'], result.topPages.map((page) => [page.path, page.views]), 'No page views in this range.', 'top-pages'),
      topList('Top events', ['Event', 'Count'], result.topEvents.map((event) => [event.event, event.count]), 'No events in this range.', 'top-events'),
    ),
  );
};

function card(result: OverviewResult, route: Route, metric: Metric, label: string, selected: boolean): HTMLElement {
  const value = result.totals[metric];
  return h(
    'a',
    { class: selected ? 'card selected' : 'card', href: withParams(route, { metric }), 'data-metric': metric },
    h('span', { class: 'card-label' }, label),
    h('strong', { class: 'card-value' }, metric === 'revenue' ? formatNumber(value) : formatCount(value)),
  );
}

/** A panel listing names with their counts, most first, or saying there are none. */
function topList(title: string, headers: [string, string], rows: Array<[string, number]>, empty: string, testid: string): HTMLElement {
  return h(
    'section',
    { class: 'panel' },
    h('h2', {}, title),
    rows.length === 0 ? h('p', { class: 'empty' }, empty) : table(headers, rows.map(([name, count]) => [name, formatCount(count)]), { numeric: [1], testid }),
  );
}
