import type { FunnelRequest, FunnelResult } from '../api';
import { funnelChart } from '../charts/funnel-chart';
import { rangeQuery } from '../date-range';
import { errorLine, h, replace, select, table } from '../dom';
import { formatCount, formatDuration, formatRatio } from '../format';
import { replaceParams } from '../route';
import type { View } from '../view-context';

type Step = FunnelRequest['steps'][number];

const DEFAULT_STEPS: Step[] = [{ event: 'Product Viewed' }, { event: 'Product Added' }, { event: 'Checkout Started' }, { event: 'Order Completed' }];
const BREAKDOWNS: ReadonlyArray<[string, string]> = [
  ['', 'No breakdown'],
  ['context.campaign.source', 'Campaign source'],
  ['context.campaign.medium', 'Campaign medium'],
  ['context.campaign.name', 'Campaign name'],
  ['context.channel', 'Channel'],
];

/**
 * The funnel builder: steps (events or page paths), order, window and breakdown,
 * kept in the URL so a funnel can be shared; the answer as bars and a table.
 */
export const funnelView: View = async (context) => {
  const { route, root } = context;
  const steps = stepsFrom(route.params.get('steps'));
  const stepList = h('ol', { class: 'steps' });
  const addStep = (step: Step) => stepList.append(stepRow(step));
  steps.forEach(addStep);
  const order = select('order', [['ordered', 'Ordered'], ['strict', 'Strict (next event)'], ['any', 'Any order']], route.params.get('order') ?? 'ordered');
  const windowInput = h('input', { name: 'window', value: route.params.get('window') ?? '7d', size: 6, 'aria-label': 'Window' });
  const breakdown = select('breakdown', BREAKDOWNS, route.params.get('breakdown') ?? '');
  const output = h('div', { class: 'result', 'data-testid': 'funnel-result' });
  const form = h(
    'form',
    { class: 'panel builder', 'data-testid': 'funnel-form' },
    h('h2', {}, 'Funnel'),
    stepList,
    h('button', { type: 'button', class: 'secondary', onclick: () => stepList.children.length < 10 && addStep({ event: '' }) }, '+ Step'),
    h('div', { class: 'row' }, h('label', {}, 'Order ', order), h('label', {}, 'Window ', windowInput), h('label', {}, 'Breakdown ', breakdown), h('button', { type: 'submit' }, 'Run')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = [...stepList.querySelectorAll('li')].map(readStep).filter((step): step is Step => step !== undefined);
    replaceParams(route, { steps: JSON.stringify(chosen), order: order.value, window: windowInput.value, breakdown: breakdown.value });
    void run(context, { steps: chosen, order: order.value as FunnelRequest['order'], window: windowInput.value, breakdown: breakdown.value }, output);
  });
  replace(root, form, output);
  await run(context, { steps, order: order.value as FunnelRequest['order'], window: windowInput.value, breakdown: breakdown.value }, output);
};

async function run(context: Parameters<View>[0], choice: Omit<FunnelRequest, 'from' | 'to' | 'breakdown'> & { breakdown: string }, output: HTMLElement): Promise<void> {
  const { breakdown, ...rest } = choice;
  const request: FunnelRequest = { ...rest, ...(breakdown ? { breakdown } : {}), ...rangeQuery(context.range) };
  replace(output, h('p', { class: 'loading' }, 'Counting…'));
  try {
    const result = await context.api.funnel(request);
    replace(output, ...drawResult(result));
  } catch (error) {
    replace(output, errorLine(error));
  }
}

function drawResult(result: FunnelResult): Node[] {
  const rows = (steps: FunnelResult['steps']) =>
    steps.map((step, index) => [
      `${index + 1}. ${step.label}`,
      formatCount(step.count),
      formatRatio(step.conversionFromStart),
      index === 0 ? '–' : formatRatio(step.conversionFromPrevious),
      formatDuration(step.medianTimeFromPreviousMs),
    ]);
  const headers = ['Step', 'Persons', 'From start', 'From previous', 'Median time'];
  const nodes: Node[] = [
    h('section', { class: 'panel' }, funnelChart(result.steps), table(headers, rows(result.steps), { numeric: [1, 2, 3, 4], testid: 'funnel-table' })),
  ];
  if (result.breakdown.length > 0) {
    nodes.push(
      h(
        'section',
        { class: 'panel', 'data-testid': 'funnel-breakdown' },
        h('h2', {}, 'Breakdown'),
        result.breakdown.map((group) => h('div', { class: 'group' }, h('h3', {}, group.value), table(headers, rows(group.steps), { numeric: [1, 2, 3, 4] }))),
      ),
    );
  }
  return nodes;
}

function stepRow(step: Step): HTMLLIElement {
  const kind = select('kind', [['event', 'Event'], ['page', 'Page path']], 'page' in step ? 'page' : 'event');
  const value = h('input', { name: 'value', value: 'page' in step ? step.page : step.event, placeholder: 'Order Completed or /cart', required: true, 'aria-label': 'Step' });
  const row = h('li', {}, kind, value);
  row.append(h('button', { type: 'button', class: 'remove', title: 'Remove step', onclick: () => row.parentElement!.children.length > 2 && row.remove() }, '×'));
  return row;
}

function readStep(row: Element): Step | undefined {
  const value = row.querySelector<HTMLInputElement>('input[name=value]')?.value.trim() ?? '';
  if (!value) return undefined;
  return row.querySelector<HTMLSelectElement>('select[name=kind]')?.value === 'page' ? { page: value } : { event: value };
}

function stepsFrom(text: string | null): Step[] {
  try {
    const parsed: unknown = JSON.parse(text ?? '');
    if (Array.isArray(parsed) && parsed.every((step) => typeof step?.event === 'string' || typeof step?.page === 'string')) return parsed as Step[];
  } catch {
    // Not set or not ours: start from the shop funnel.
  }
  return DEFAULT_STEPS;
}
