import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';

export const P = '/experiments/samdev';

/** GET of a JSON twin as a script would (development header). */
export const getJson = async (base: string, path: string, user = 'producer') => {
  const r = await api(base, 'GET', `/api/v1${path}`, { user });
  return { status: r.status, json: r.json };
};

/** A signed-in page client. */
export async function signedIn(base: string, user: string): Promise<BrowserLikeClient> {
  const c = new BrowserLikeClient(base);
  await c.signIn(user);
  return c;
}

/** The `<tr data-submission="id" …>` rows of a table, in page order, with their depth. */
export function tableRows(html: string, tableId: string): Array<{ id: number; depth: number; html: string }> {
  const table = html.slice(html.indexOf(`id="${tableId}"`));
  const body = table.slice(0, table.indexOf('</table>'));
  return [...body.matchAll(/<tr data-submission="(\d+)"(?: data-depth="(\d+)")?[^>]*>([\s\S]*?)<\/tr>/g)].map(
    (m) => ({
      id: Number(m[1]),
      depth: Number(m[2] ?? 0),
      html: m[3],
    }),
  );
}

/** The number shown in a report cell `data-col="<col>"` of some row html. */
export function cell(rowHtml: string, col: string): number | null {
  const m = new RegExp(`data-col="${col}">(?:<a href="[^"]*">)?(\\d+)`).exec(rowHtml);
  return m ? Number(m[1]) : null;
}

/** The href of a report cell's link. */
export function cellHref(rowHtml: string, col: string): string | null {
  const m = new RegExp(`data-col="${col}"><a href="([^"]*)"`).exec(rowHtml);
  return m ? unescapeHtml(m[1]) : null;
}

/** An attribute value as the browser reads it. */
export const unescapeHtml = (s: string) =>
  s
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
