// What the original Python poms_client's make_poms_call sends: POST <base>/<method> with the fields
// as form data (multipart/form-data when a file goes along), None fields left out, Python values
// as `requests` writes them (True → "True", a list → the field repeated), redirects not followed,
// and `Authorization: BEARER <token>` (its spelling) when it authenticates by token.

export type PyValue = string | number | boolean | null | undefined | Array<string | number>;

export interface PomsCallAnswer {
  status: number;
  text: string;
  location: string | null;
  json(): any;
}

const py = (v: string | number | boolean) => (v === true ? 'True' : v === false ? 'False' : String(v));

export async function pomsCall(
  base: string,
  method: string,
  fields: Record<string, PyValue>,
  opts: {
    token?: string;
    files?: Record<string, { name: string; content: string }>;
    headers?: Record<string, string>;
  } = {},
): Promise<PomsCallAnswer> {
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === null || v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, py(x)]);
  }
  let body: FormData | URLSearchParams;
  if (opts.files) {
    const form = new FormData();
    for (const [k, v] of pairs) form.append(k, v);
    for (const [k, f] of Object.entries(opts.files)) form.append(k, new Blob([f.content]), f.name);
    body = form;
  } else body = new URLSearchParams(pairs);
  const res = await fetch(`${base}/poms/${method}`, {
    method: 'POST',
    body,
    headers: { ...(opts.token ? { authorization: `BEARER ${opts.token}` } : {}), ...opts.headers },
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, text, location: res.headers.get('location'), json: () => JSON.parse(text) };
}
