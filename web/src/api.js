// The API client: the bearer token lives in sessionStorage (gone when the tab
// closes); a 401 sends the user back to sign in. Identities an investigator
// revealed are kept for the session only, next to the token.

const TOKEN = 'molehunt.token';
const REVEALED = 'molehunt.revealed';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function setToken(t) {
  if (t) sessionStorage.setItem(TOKEN, t);
  else {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(REVEALED);
  }
}

export async function api(path, opts = {}) {
  const headers = { Authorization: `Bearer ${token() || ''}` };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method: opts.method || 'GET',
    headers,
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const msg = data && data.error ? data.error.message : `HTTP ${res.status}`;
    if (res.status === 401 && !opts.noRedirect) {
      setToken(null);
      location.hash = '#/signin';
    }
    throw new ApiError(res.status, msg);
  }
  return data;
}

export function revealed(pseudonym) {
  const all = JSON.parse(sessionStorage.getItem(REVEALED) || '{}');
  return pseudonym ? all[pseudonym] : all;
}

export function remember(identity) {
  const all = revealed();
  all[identity.pseudonym] = identity;
  sessionStorage.setItem(REVEALED, JSON.stringify(all));
}
