import type { JourneyResult } from '../api';
import { errorLine, h, replace } from '../dom';
import { formatCount, formatDateTime, formatTime } from '../format';
import { replaceParams, withParams } from '../route';
import type { View, ViewContext } from '../view-context';

type JourneyEvent = JourneyResult['sessions'][number]['events'][number];

/**
 * A person's journey: search by any id or an email trait, then every session on
 * every device and channel, oldest first. "This browser" opens the journey of the
 * visitor using the dashboard, when the SDK runs on the same origin (the example
 * shop does), so a new user sees their own clicks.
 */
export const journeyView: View = async (context) => {
  const { route, root } = context;
  const input = h('input', { type: 'search', name: 'search', value: route.params.get('id') ?? '', placeholder: 'userId, anonymousId or email', size: 36, 'aria-label': 'Person' });
  const output = h('div', { class: 'result', 'data-testid': 'journey-result' });
  const own = ownAnonymousId();
  const form = h(
    'form',
    { class: 'panel builder row' },
    input,
    h('button', { type: 'submit' }, 'Find'),
    own ? h('button', { type: 'button', class: 'secondary', 'data-testid': 'own-journey', onclick: () => void show(context, own, output, input).catch(failInto(output)) }, 'This browser') : null,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void find(context, input.value.trim(), output, input).catch(failInto(output));
  });
  replace(root, form, output);
  const id = route.params.get('id');
  if (id) await show(context, id, output, input);
  else replace(output, h('p', { class: 'empty' }, own ? 'Search for a person, or open the journey of this browser.' : 'Search for a person.'));
};

async function find(context: ViewContext, search: string, output: HTMLElement, input: HTMLInputElement): Promise<void> {
  if (!search) return;
  const { people } = await context.api.searchPeople(search);
  if (people.length === 1) return show(context, people[0]!.userIds[0] ?? people[0]!.anonymousIds[0]!, output, input);
  if (people.length === 0) return replace(output, h('p', { class: 'empty' }, `No one has used “${search}”.`));
  replace(
    output,
    h(
      'ul',
      { class: 'people' },
      people.map((person) => {
        const id = person.userIds[0] ?? person.anonymousIds[0]!;
        return h(
          'li',
          {},
          h('a', { href: withParams(context.route, { id }) }, person.email ?? id),
          ` · ${formatCount(person.events)} events · last seen ${person.lastSeen ? formatDateTime(person.lastSeen) : '–'}`,
        );
      }),
    ),
  );
}

async function show(context: ViewContext, id: string, output: HTMLElement, input: HTMLInputElement): Promise<void> {
  input.value = id;
  replaceParams(context.route, { id });
  replace(output, h('p', { class: 'loading' }, 'Loading the journey…'));
  const journey = await context.api.journey(id);
  if (!journey) return replace(output, h('p', { class: 'empty' }, `No one has used “${id}”.`));
  const { person, sessions } = journey;
  const events = sessions.reduce((sum, session) => sum + session.events.length, 0);
  replace(
    output,
    h(
      'section',
      { class: 'panel person', 'data-testid': 'person' },
      h('h2', {}, typeof person.traits['email'] === 'string' ? person.traits['email'] : (person.userIds[0] ?? person.anonymousIds[0] ?? id)),
      h('p', {}, `${formatCount(sessions.length)} sessions · ${formatCount(events)} events`),
      h('dl', {}, idList('User ids', person.userIds), idList('Anonymous ids', person.anonymousIds), traitList(person.traits)),
    ),
    h('ol', { class: 'timeline', 'data-testid': 'timeline' }, sessions.map((session) => sessionItem(session))),
  );
}

function sessionItem(session: JourneyResult['sessions'][number]): HTMLLIElement {
  const campaign = session.campaign ? [session.campaign.source, session.campaign.medium, session.campaign.name].filter(Boolean).join(' / ') : null;
  return h(
    'li',
    { class: 'session', 'data-channel': session.channel ?? 'web' },
    h(
      'header',
      {},
      h('strong', {}, formatDateTime(session.start)),
      h('span', { class: 'badge' }, session.channel ?? 'web'),
      campaign ? h('span', { class: 'badge campaign' }, campaign) : null,
      h('span', { class: 'muted' }, `${session.events.length} events`),
    ),
    h('ol', { class: 'events' }, session.events.map(eventItem)),
  );
}

function eventItem(event: JourneyEvent): HTMLLIElement {
  return h('li', { class: `event ${event.type}`, 'data-message-id': event.messageId }, h('time', { datetime: event.timestamp }, formatTime(event.timestamp)), h('span', { class: 'name' }, labelOf(event)), h('span', { class: 'muted' }, detailOf(event)));
}

/** What happened, as a shop person would say it. */
function labelOf(event: JourneyEvent): string {
  if (event.type === 'track') return event.event ?? 'track';
  if (event.type === 'page' || event.type === 'screen') return `Viewed ${pathOf(event) ?? event.name ?? event.type}`;
  return event.type[0]!.toUpperCase() + event.type.slice(1);
}

function detailOf(event: JourneyEvent): string {
  const p = event.properties ?? {};
  const parts = [p['name'], p['order_id'] && `order ${String(p['order_id'])}`, p['revenue'] ?? p['total'] ?? p['price']].filter((part) => part !== undefined && part !== null && part !== '');
  return parts.map(String).join(' · ');
}

function pathOf(event: JourneyEvent): string | undefined {
  const page = (event.context?.['page'] ?? {}) as Record<string, unknown>;
  const path = page['path'] ?? event.properties?.['path'];
  return typeof path === 'string' ? path : undefined;
}

function idList(title: string, ids: readonly string[]) {
  return ids.length === 0 ? null : [h('dt', {}, title), h('dd', {}, ids.join(', '))];
}

function traitList(traits: Record<string, unknown>) {
  const entries = Object.entries(traits);
  return entries.length === 0 ? null : [h('dt', {}, 'Traits'), h('dd', {}, entries.map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' · '))];
}

/** Shows a failed search or journey where its answer would have gone. */
function failInto(output: HTMLElement): (error: unknown) => void {
  return (error) => replace(output, errorLine(error));
}

/** The SDK's anonymousId in this browser, when it runs on this origin with consent. */
function ownAnonymousId(): string | undefined {
  try {
    return localStorage.getItem('footfall:anonymousId') ?? undefined;
  } catch {
    return undefined;
  }
}
