import type { LiveEvent } from '../../../live/feed-sources';
import { h, replace } from '../dom';
import { formatCount, formatTime } from '../format';
import { followStream, showState } from '../event-stream';
import { withParams } from '../route';
import type { View } from '../view-context';

/** Rows kept on screen: the stream runs for hours, the page must not grow with it. */
const MAX_ROWS = 200;

/** Every event as the collector stores it, newest first, from every tab, device and channel. */
export const liveView: View = async (context) => {
  const { root, signal } = context;
  const status = h('span', { class: 'status', 'data-testid': 'live-status' }, 'connecting');
  const counter = h('span', { class: 'muted', 'data-testid': 'live-count' }, '0 events');
  const rows = h('tbody', {});
  let paused = false;
  let received = 0;
  const pause = h('button', { type: 'button', class: 'secondary', onclick: () => (pause.textContent = (paused = !paused) ? 'Resume' : 'Pause') }, 'Pause');
  replace(
    root,
    h(
      'section',
      { class: 'panel' },
      h('h2', {}, 'Live events ', status, ' ', counter, ' ', pause),
      h('p', { class: 'muted' }, 'Bots and crawlers (headless browsers included) are stored flagged and left out here, as in every report.'),
      h('table', { 'data-testid': 'live-events' }, h('thead', {}, h('tr', {}, ['Time', 'Type', 'Event', 'Person', 'Channel', 'Path'].map((title) => h('th', {}, title)))), rows),
    ),
  );
  // Not awaited: the stream runs until the viewer leaves; the view is drawn now.
  void followStream('/v1/live/events', {
    key: context.key,
    signal,
    onState: showState(status, context.onUnauthorized),
    onMessage: (message) => {
      if (message.event !== 'event') return;
      received++;
      counter.textContent = `${formatCount(received)} events`;
      if (paused) return;
      const event = JSON.parse(message.data) as LiveEvent;
      const person = event.userId ?? event.anonymousId ?? '';
      rows.prepend(
        h(
          'tr',
          { 'data-message-id': event.messageId, class: 'fresh' },
          h('td', {}, formatTime(event.timestamp)),
          h('td', {}, event.type),
          h('td', {}, event.event ?? event.name ?? ''),
          h('td', {}, h('a', { href: withParams(context.route, { id: person }, 'journey') }, person)),
          h('td', {}, event.channel ?? 'web'),
          h('td', {}, event.pagePath ?? ''),
        ),
      );
      while (rows.children.length > MAX_ROWS) rows.lastElementChild!.remove();
    },
  });
};
