import type { View } from '../router';

/** Any URL the shop has no page for. */
export function notFoundView(): View {
  return {
    title: 'Not found',
    render(main) {
      main.innerHTML = '<h1>Not found</h1><p><a href="./">Back to the shop</a></p>';
    },
  };
}
