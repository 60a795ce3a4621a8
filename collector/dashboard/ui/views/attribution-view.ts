import { ATTRIBUTION_MODELS } from '../../../queries/attribution-models';
import type { AttributionModel, AttributionRequest } from '../api';
import { rangeQuery } from '../date-range';
import { errorLine, h, replace, select, table } from '../dom';
import { formatNumber, formatRatio } from '../format';
import { replaceParams } from '../route';
import type { View, ViewContext } from '../view-context';

const MODEL_LABELS: Record<AttributionModel, string> = {
  first_touch: 'First touch',
  last_touch: 'Last touch',
  last_non_direct: 'Last non-direct',
  linear: 'Linear',
  position_based: 'Position based (40/20/40)',
  time_decay: 'Time decay (7-day half-life)',
};
const GROUPINGS: ReadonlyArray<[AttributionRequest['by'], string]> = [
  ['source', 'Source'],
  ['source_medium', 'Source / medium'],
  ['campaign', 'Campaign'],
];

/** Conversions and revenue credited to campaigns, by the chosen model. */
export const attributionView: View = async (context) => {
  const { route, root } = context;
  const model = select('model', ATTRIBUTION_MODELS.map((name) => [name, MODEL_LABELS[name]] as const), route.params.get('model') ?? 'last_touch');
  const by = select('by', GROUPINGS, route.params.get('by') ?? 'source');
  const conversion = h('input', { name: 'conversion', value: route.params.get('conversion') ?? 'Order Completed', 'aria-label': 'Conversion event' });
  const lookback = h('input', { name: 'lookback', value: route.params.get('lookback') ?? '30d', size: 6, 'aria-label': 'Lookback' });
  const output = h('div', { class: 'result', 'data-testid': 'attribution-result' });
  const read = (): Omit<AttributionRequest, 'from' | 'to'> => ({
    conversion: conversion.value.trim(),
    model: model.value as AttributionModel,
    lookback: lookback.value.trim(),
    by: by.value as AttributionRequest['by'],
  });
  const form = h(
    'form',
    { class: 'panel builder' },
    h('h2', {}, 'Attribution'),
    h('div', { class: 'row' }, h('label', {}, 'Conversion ', conversion), h('label', {}, 'Model ', model), h('label', {}, 'By ', by), h('label', {}, 'Lookback ', lookback), h('button', { type: 'submit' }, 'Run')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    replaceParams(route, read());
    void run(context, read(), output);
  });
  replace(root, form, output);
  await run(context, read(), output);
};

async function run(context: ViewContext, choice: Omit<AttributionRequest, 'from' | 'to'>, output: HTMLElement): Promise<void> {
  replace(output, h('p', { class: 'loading' }, 'Crediting…'));
  try {
    const { rows } = await context.api.attribution({ ...choice, ...rangeQuery(context.range) });
    const total = rows.reduce((sum, row) => sum + row.revenue, 0);
    replace(
      output,
      h(
        'section',
        { class: 'panel' },
        rows.length === 0
          ? h('p', { class: 'empty' }, `No “${choice.conversion}” in this range.`)
          : table(
              ['Key', 'Conversions', 'Revenue', 'Share of revenue'],
              rows.map((row) => [row.key, formatNumber(row.conversions), formatNumber(row.revenue), shareBar(total === 0 ? 0 : row.revenue / total)]),
              { numeric: [1, 2], testid: 'attribution-table' },
            ),
      ),
    );
  } catch (error) {
    replace(output, errorLine(error));
  }
}

function shareBar(share: number): HTMLElement {
  const bar = h('span', { class: 'share-bar' });
  // Set through the CSSOM: the dashboard's Content-Security-Policy refuses inline style attributes.
  bar.style.width = `${(share * 100).toFixed(1)}%`;
  return h('span', { class: 'share' }, bar, formatRatio(share));
}
