import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where screenshots are kept as test artifacts (git-ignored; CI may upload the folder). */
export const SCREENSHOT_DIR = join('test-results', 'screenshots');

/** What a screenshot holds beyond its background. */
export interface PixelSummary {
  /** Dark pixels (text, numbers, bars): what an empty view lacks. */
  inked: number;
  /** Distinct colours after rounding each channel to 16 levels. */
  colours: number;
}

/**
 * Saves a full-page screenshot as `test-results/screenshots/<name>.png` and checks
 * that the page's `main` element shows something: an empty view, a spinner or an
 * error line leaves almost all of it the background colour. Decoded by the
 * browser's own canvas, so no image library is needed.
 *
 * Calibrated on the dashboard at 1200 px: an attribution view with no conversion
 * (a form and one line) has ~3,900 dark pixels, the sparsest view with data
 * (five attribution rows) ~9,500, the overview ~72,000.
 */
export async function saveScreenshot(page: Page, name: string, minimum: PixelSummary = { inked: 6_000, colours: 12 }): Promise<PixelSummary> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await writeFile(join(SCREENSHOT_DIR, `${name}.png`), await page.screenshot({ fullPage: true }));
  const png = await page.locator('main').screenshot();
  const summary = await page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<number>();
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
      colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
      if (0.299 * r + 0.587 * g + 0.114 * b < 160) dark++;
    }
    return { inked: dark, colours: colours.size };
  }, png.toString('base64'));
  expect(summary.inked, `${name}.png is nearly blank`).toBeGreaterThan(minimum.inked);
  expect(summary.colours, `${name}.png has too few colours`).toBeGreaterThan(minimum.colours);
  return summary;
}
