// Every call to the SceneMonitor API goes through this module: it adds the bearer token, turns
// RFC 9457 problem responses into ApiError, and tells the app when a sign-in is needed (401).
// Set by app/early.js, the page's first script (a classic script: it cannot be imported).
const { TOKEN_KEY, apiHeaders: headers, takeEarly } = window.sceneMonitorEarly;

export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.url = url;
  }
  /** Validation errors keyed by field ({field: [messages]}), possibly empty. */
  get errors() { return this.problem.errors || {}; }
}

const listeners = { unauthorized: [] };
export function onUnauthorized(fn) { listeners.unauthorized.push(fn); }

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY),
};

async function parse(response) {
  const type = response.headers.get('content-type') || '';
  if (response.status === 204) return null;
  if (type.includes('json')) return response.json();
  const text = await response.text();
  return text ? { title: text.slice(0, 200) } : null;
}

/** GET/POST a JSON resource; resolves with the parsed body or rejects with ApiError. */
export async function request(path, { method = 'GET', body, signal, quiet401 = false } = {}) {
  const init = { method, headers: headers(body !== undefined ? { 'Content-Type': 'application/json' } : {}), signal };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await ((method === 'GET' && takeEarly(path)) || fetch(path, init));
  const data = await parse(response).catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && !quiet401) listeners.unauthorized.forEach((fn) => fn());
    throw new ApiError(response.status, data, path);
  }
  return data;
}

/** GET a file (an export) as a Blob; rejects with ApiError like request(). */
export async function file(path, { signal } = {}) {
  const response = await fetch(path, { headers: headers({ Accept: '*/*' }), signal });
  if (!response.ok) {
    const data = await parse(response).catch(() => null);
    if (response.status === 401) listeners.unauthorized.forEach((fn) => fn());
    throw new ApiError(response.status, data, path);
  }
  return response.blob();
}

/** Builds a query string; arrays become repeated parameters, empty values are left out. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => q.append(key, v));
    else q.append(key, value);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Follows the 'next' links of a paged FeatureCollection and returns all features. */
export async function allPages(firstUrl, { onPage, signal } = {}) {
  const features = [];
  let url = firstUrl;
  while (url) {
    const page = await request(url, { signal });
    features.push(...(page.features || []));
    onPage?.(features.length);
    url = page.next || null;
  }
  return features;
}

// The endpoints, one function each.
export const api = {
  info: (options) => request('/api/info', options),
  categories: (options) => request('/api/categories', options),
  areas: (kind, zoom) => request(`/api/areas${query({ kind, zoom })}`),
  areaSummary: (id, filter) => request(`/api/areas/${id}/summary${query(filter)}`),
  observations: (filter, options) => allPages(`/api/observations${query({ ...filter, limit: 5000 })}`, options),
  observation: (id) => request(`/api/observations/${id}`),
  // Whole-filter files, streamed by the server (no paging in the browser) and audited as exports.
  exportObservations: (filter, format) => file(`/api/exports/observations${query({ ...filter, format })}`),
  createObservation: (input) => request('/api/observations', { method: 'POST', body: input }),
  aggregateGrid: (filter, cellSize, grid = 'hex') => request(`/api/aggregates/grid${query({ ...filter, cellSize, grid })}`),
  aggregateAreas: (filter, kind = 'municipality') => request(`/api/aggregates/areas${query({ ...filter, kind })}`),
  timeSeries: (filter, bucket, { signal } = {}) => request(`/api/stats/timeseries${query({ ...filter, bucket })}`, { signal }),
  clusters: (params, { signal } = {}) => request(`/api/map/clusters${query(params)}`, { signal }),
  interventions: () => request('/api/interventions'),
  interventionDisplacement: (id, params) => request(`/api/interventions/${id}/displacement${query(params)}`),
  displacement: (body) => request('/api/displacement', { method: 'POST', body }),
  analysis: (id) => request(`/api/analyses/${id}`),
  emerging: (body) => request('/api/emerging', { method: 'POST', body }),
  emergingFrames: (body) => request('/api/emerging/frames', { method: 'POST', body }),
  login: (username, password) => request('/api/auth/login', { method: 'POST', body: { username, password }, quiet401: true }),
  me: () => request('/api/auth/me', { quiet401: true }),
  importFile,
  importStatus: (location) => request(location),
  saveImportMapping: (mapping) => request('/api/imports/mappings', { method: 'PUT', body: mapping }),
};

/** POST /api/imports with the file as the body and upload progress (XMLHttpRequest reports it;
 * fetch does not). Resolves with the report (dryRun/wait) or {location} of a running import. */
function importFile(file, { dryRun = false, wait = false, source, params = {}, onProgress } = {}) {
  const url = `/api/imports${query({ dryRun: dryRun || undefined, wait: wait || undefined, source, ...params })}`;
  const json = /\.(geo)?json$/i.test(file.name) || /json/.test(file.type);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(headers({ 'Content-Type': json ? 'application/json' : 'text/csv' }))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, { title: 'network' }, url));
    xhr.onload = () => {
      let data = null;
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { data = { title: xhr.responseText.slice(0, 200) }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve({ ...data, location: xhr.getResponseHeader('Location') });
      else {
        if (xhr.status === 401) listeners.unauthorized.forEach((fn) => fn());
        reject(new ApiError(xhr.status, data, url));
      }
    };
    xhr.send(file);
  });
}
