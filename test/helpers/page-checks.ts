import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

// Checks every browser test can run on a page it has open (issue 17): accessibility, touch targets.

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page, one line each (rule: where). */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v: any) =>
          `${v.id}: ${v.nodes
            .slice(0, 3)
            .map((n: any) => n.target.join(' '))
            .join(' | ')}`,
      );
  });
  return found as string[];
}

/** Visible controls a finger taps that are under 44 px tall at phone width, one line each. */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'button, .ui.button, select, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), .poms-downloads a, .ui.pagination .item',
      ),
    ]
      .filter((el) => el.offsetParent !== null && !el.closest('.poms-menu, dialog:not([open])'))
      .map((el) => ({ el, h: el.getBoundingClientRect().height }))
      .filter((x) => x.h > 0 && x.h < 44)
      .slice(0, 5)
      .map(
        (x) =>
          `${x.el.tagName.toLowerCase()}${x.el.id ? '#' + x.el.id : ''}.${x.el.className} "${(x.el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(x.h)} px`,
      ),
  );
}

/** How far the page scrolls sideways (≤ 0: not at all). */
export const sidewaysScroll = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
