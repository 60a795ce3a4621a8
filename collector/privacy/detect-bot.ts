/**
 * User agents of crawlers, link previewers, monitors, headless browsers and HTTP
 * libraries. Their events are stored (nothing a client sent is lost) but flagged,
 * and reports leave them out by default. Headless Chromium is included: real
 * shoppers do not browse headless.
 */
const BOT_USER_AGENT =
  /bot\b|bot\/|crawl|spider|slurp|mediapartners|facebookexternalhit|embedly|bingpreview|skypeuripreview|headless|phantomjs|puppeteer|playwright|selenium|webdriver|lighthouse|pingdom|uptime|monitor|curl\/|wget\/|python-requests|python-urllib|aiohttp|go-http-client|java\/|okhttp|axios\/|node-fetch|scrapy|httpclient|libwww|postmanruntime/i;

/**
 * Whether a user agent string belongs to a bot, crawler or automated client.
 *
 * @param userAgent - the end user's agent (`context.userAgent`), when known.
 * @example
 * isBotUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)') // true
 */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  return userAgent !== undefined && BOT_USER_AGENT.test(userAgent);
}
