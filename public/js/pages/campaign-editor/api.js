// JSON calls to the POMS API with the page's session cookie and CSRF token.

let csrfToken = '';

/** The token the layout rendered; every POST sends it as X-CSRF-Token. */
export function useCsrfToken(token) {
  csrfToken = token || '';
}

/** An API refusal: HTTP status, message and the problem list ({line, section, key, field, message}). */
export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details || [];
  }
}

async function call(method, url, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached; nothing was sent. Try again.', []);
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null; // an answer that is not JSON (a proxy's error page): only the status is known
  }
  if (!res.ok) {
    const err = (json && json.error) || {};
    throw new ApiError(res.status, err.message || `${res.status} ${res.statusText}`, err.details);
  }
  return json;
}

export const getJson = (url) => call('GET', url);
export const postJson = (url, body) => call('POST', url, body);

/** "line 12 [campaign_stage reco] job_type: message" */
export function describeProblem(p) {
  return [
    p.line ? `line ${p.line}` : '',
    p.section ? `[${p.section}]` : '',
    p.key || p.field || '',
    p.message,
  ]
    .filter(Boolean)
    .join(' ');
}
