/**
 * The stub snippet, for the page's `<head>` before the script tag. It makes
 * `window.footfall` an array that records calls — `footfall.track(…)`,
 * `footfall.consent.grant()`, `footfall.ecommerce.orderCompleted(…)` — which
 * the bundle replays in order once it has loaded. If the bundle is already
 * there it does nothing. ES5, so it runs wherever the page does.
 * The README shows exactly this text; a test keeps them equal and under
 * 600 bytes.
 * @example
 * // server-side rendering: put it in the page head
 * const head = `<script>${STUB_SNIPPET}</script><script defer src="/footfall.js" data-write-key="…"></script>`;
 */
export const STUB_SNIPPET =
  '!function(w){var q=w.footfall=w.footfall||[];function s(m){return function(){q.push([m].concat([].slice.call(arguments)))}}' +
  'function g(o,p,n){n.split(" ").forEach(function(m){o[m]=s(p+m)})}' +
  'if(q.push){g(q,"","page track identify alias flush reset optOut");g(q.consent={},"consent.","grant deny");' +
  'g(q.ecommerce={},"ecommerce.","productViewed productAdded productRemoved cartViewed checkoutStarted checkoutStepCompleted ' +
  'paymentInfoEntered orderCompleted orderRefunded couponApplied")}}(window);';
