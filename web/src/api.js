// The Depc HTTP API as the page uses it. Every failure becomes an ApiError whose message a person can act on.

export class ApiError extends Error {
  /** @param {'unauthorized'|'forbidden'|'not-found'|'bad-request'|'unreachable'|'server'} kind */
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

const seg = (s) => encodeURIComponent(s);

export class DepcApi {
  constructor(token) {
    this.token = token;
  }

  /** Whether a team exists and, while none does, the command that creates one; asked without a token. */
  static async setup() {
    try {
      const response = await fetch('/v1/setup', { headers: { Accept: 'application/json' } });
      return response.ok ? await response.json() : null;
    } catch {
      return null;
    }
  }

  whoAmI() {
    return this.#get('/v1/whoami');
  }

  teams() {
    return this.#get('/v1/teams');
  }

  labels(team) {
    return this.#get(`/v1/teams/${seg(team)}/labels`);
  }

  nodes(team, label, name, limit) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (name) q.set('name', name);
    return this.#get(`/v1/teams/${seg(team)}/labels/${seg(label)}/nodes?${q}`);
  }

  node(team, label, name) {
    return this.#get(`${nodePath(team, label, name)}?alone=true`);
  }

  neighbours(team, label, name, { day, inactive, impacted }) {
    const q = new URLSearchParams({ day, inactive: String(inactive), impacted: String(impacted) });
    return this.#get(`${nodePath(team, label, name)}?${q}`);
  }

  impacted(team, label, name, { impactedLabel, ts, skip, limit }) {
    const q = new URLSearchParams({ impactedLabel, ts: String(ts), skip: String(skip), limit: String(limit), inactive: 'true', activeFirst: 'true' });
    return this.#get(`${nodePath(team, label, name)}/impacted?${q}`);
  }

  impactedCount(team, label, name, { impactedLabel, ts }) {
    // inactive=true like the list it heads: the count agrees with the list for the same flag.
    const q = new URLSearchParams({ impactedLabel, ts: String(ts), inactive: 'true' });
    return this.#get(`${nodePath(team, label, name)}/impacted/count?${q}`);
  }

  history(team, label, name) {
    return this.#get(`${nodePath(team, label, name)}/history`);
  }

  why(team, label, name, { impactedLabel, impactedNode, ts }) {
    const q = new URLSearchParams({ impactedLabel, impactedNode, ts: String(ts) });
    return this.#get(`${nodePath(team, label, name)}/impacted/why?${q}`);
  }

  /** What changed between two moments: the whole team, a label (`label`), or a node's neighbourhood (`label` and `node`). */
  diff(team, { from, to, label, node, limit }) {
    const q = new URLSearchParams({ from: String(from), to: String(to), limit: String(limit) });
    if (label) q.set('label', label);
    if (node) q.set('node', node);
    return this.#get(`/v1/teams/${seg(team)}/diff?${q}`);
  }

  rejections(team, limit) {
    return this.#get(`/v1/teams/${seg(team)}/rejections?limit=${limit}`);
  }

  async #get(path) {
    let response;
    try {
      response = await fetch(path, { headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json' } });
    } catch {
      throw new ApiError('unreachable', 'The Depc server cannot be reached. Check that depc serve is running, then try again.');
    }
    if (response.ok) return response.json();
    throw await toError(response);
  }
}

// A node name may contain '/': encoded whole, its slashes travel as %2F, which the server reads back as '/'.
function nodePath(team, label, name) {
  return `/v1/teams/${seg(team)}/labels/${seg(label)}/nodes/${seg(name)}`;
}

async function toError(response) {
  let detail = '';
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || '';
  } catch {
    // Not problem+json (a proxy's page, say): the status says enough.
  }
  switch (response.status) {
    case 401:
      return new ApiError('unauthorized', 'Your token is not valid any more (it may have been rotated or the team deleted). Sign in again.');
    case 403:
      return new ApiError('forbidden', 'This token does not give access to that team.');
    case 404:
      return new ApiError('not-found', detail || 'Not found.');
    case 400:
      return new ApiError('bad-request', detail || 'The request was refused.');
    default:
      return new ApiError(response.status >= 500 ? 'server' : 'bad-request', detail || `The server answered ${response.status}.`);
  }
}
