// Gavel's pages share this module: the API client, the session (access token in memory only), the page chrome,
// toasts and the personal notification feed. Text from users is only ever put into the page as text (el(), text()).

const SIGNED_IN_MARK = 'gavel.signedIn'; // not a secret: only whether to try the refresh cookie on load
let accessToken = null;
let claims = null;
let refreshTimer = null;
const sessionListeners = [];

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code;
  }
}

/** Calls the API of this origin; problem+json answers become ApiErrors. */
export async function api(path, options = {}) {
  const { method = 'GET', body, form, auth = true, headers = {} } = options;
  const send = async () => {
    const h = { Accept: 'application/json', ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    if (auth && accessToken) h.Authorization = 'Bearer ' + accessToken;
    return fetch(path, { method, headers: h, credentials: 'same-origin',
      body: form !== undefined ? form : (body !== undefined ? JSON.stringify(body) : undefined) });
  };
  let res = await send();
  if (res.status === 401 && auth && accessToken && await refresh()) {
    res = await send();
  }
  if (!res.ok) {
    let problem = {};
    try { problem = await res.json(); } catch (e) { problem = {}; }
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204 || res.status === 202) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

function decode(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch (e) {
    return null;
  }
}

/** Takes a new access token (from sign-in, registration or refresh) and plans its refresh a minute before expiry. */
export function setSession(token, expiresIn) {
  accessToken = token;
  claims = token ? decode(token) : null;
  clearTimeout(refreshTimer);
  if (token) {
    localStorage.setItem(SIGNED_IN_MARK, '1');
    const seconds = Math.max(30, (expiresIn || 900) - 60);
    refreshTimer = setTimeout(() => { refresh(); }, seconds * 1000);
  } else {
    localStorage.removeItem(SIGNED_IN_MARK);
  }
  sessionListeners.forEach((listener) => listener(claims));
}

export function onSession(listener) { sessionListeners.push(listener); }
export function token() { return accessToken; }
export function me() { return claims; }

async function doRefresh() {
  const res = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Gavel-Refresh-Cookie': 'true' }, body: '{}' });
  if (!res.ok) { setSession(null); return false; }
  const data = await res.json();
  setSession(data.accessToken, data.expiresIn);
  return true;
}

/** A new access token from the HttpOnly refresh cookie; tabs take turns, as each refresh spends the cookie. */
export function refresh() {
  if (navigator.locks) return navigator.locks.request('gavel-refresh', doRefresh);
  return doRefresh();
}

/** The headers that ask user-service to put the refresh token in its HttpOnly cookie. */
export const COOKIE_SESSION = { 'Gavel-Refresh-Cookie': 'true' };

// ---- the page -------------------------------------------------------------------------------------------------

/** An element with attributes and children; strings become text nodes, never markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (selector) => document.querySelector(selector);
export function text(selector, value) { const n = $(selector); if (n) n.textContent = value == null ? '' : String(value); return n; }
export function show(selector, visible) { const n = $(selector); if (n) n.hidden = !visible; return n; }

export function money(amount, currency = 'EUR') {
  if (amount === null || amount === undefined) return '–';
  return currency + ' ' + Number(amount).toFixed(2);
}

export function when(instant) { return instant ? new Date(instant).toLocaleString() : '–'; }

/** The message a person should read for an API error. */
export function explain(error) {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.status === 0 || error.status >= 500) return 'Gavel is busy or unreachable right now. Please try again in a moment.';
  const fields = (error.problem.errors || []).map((e) => e.field + ' ' + e.message).join('; ');
  return (error.problem.detail || error.message) + (fields ? ' (' + fields + ')' : '');
}

// ---- toasts ----------------------------------------------------------------------------------------------------

/** Shows a toast; it never takes the focus, can be reached with the keyboard and closed with its button or Escape. */
export function toast(title, body, href) {
  const region = $('#toasts');
  if (!region) return;
  const close = () => {
    const hadFocus = item.contains(document.activeElement);
    item.remove();
    if (hadFocus) ($('#main') || document.body).focus();
  };
  const item = el('div', { class: 'toast', role: 'status', tabindex: '0' },
    el('strong', { class: 'toast-title' }, title),
    body ? el('p', {}, body) : null,
    href ? el('a', { href }, 'Open') : null,
    el('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss notification', onclick: close }, '×'));
  item.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });
  region.append(item);
  let timer = setTimeout(close, 12000);
  item.addEventListener('focusin', () => clearTimeout(timer));
  item.addEventListener('mouseenter', () => clearTimeout(timer));
  item.addEventListener('focusout', () => { timer = setTimeout(close, 6000); });
}

// ---- the personal feed -----------------------------------------------------------------------------------------

/** Reconnects with growing, jittered waits (0.5 s … 15 s); a fresh connection resets the wait. */
export function backoff() {
  let attempt = 0;
  return {
    next() { const base = Math.min(15000, 500 * 2 ** attempt++); return base / 2 + Math.random() * base / 2; },
    reset() { attempt = 0; },
  };
}

function wsUrl(path) {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
}
export { wsUrl };

let unread = 0;
function setUnread(count) {
  unread = Math.max(0, count);
  const badge = $('#unread');
  if (badge) { badge.textContent = String(unread); badge.setAttribute('aria-label', unread + ' unread notifications'); }
}

function personalFeed() {
  const wait = backoff();
  const connect = () => {
    if (!accessToken) return;
    const socket = new WebSocket(wsUrl('/ws/notifications'), ['bearer', accessToken]);
    socket.onopen = () => wait.reset();
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === 'unread-count') { setUnread(frame.count); return; }
      if (frame.notificationId) {
        setUnread(unread + 1);
        const href = frame.orderId ? '/orders' : (frame.auctionId ? '/auctions/' + frame.auctionId : '/notifications');
        toast(frame.title || frame.type, frame.body, href);
        document.dispatchEvent(new CustomEvent('gavel:notification', { detail: frame }));
      }
    };
    socket.onclose = async (event) => {
      if (event.code === 4401) {
        if (!(await refresh())) return; // signed out elsewhere
      }
      setTimeout(connect, wait.next());
    };
  };
  connect();
}

function chrome(signedIn) {
  document.querySelectorAll('[data-signed-in]').forEach((n) => { n.hidden = !signedIn; });
  document.querySelectorAll('[data-signed-out]').forEach((n) => { n.hidden = signedIn; });
}

/** Where to go after signing in: a path of this site only. */
export function nextPath() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** Sends someone who is not signed in to the sign-in page, and back here afterwards. */
export function requireSession() {
  if (accessToken) return true;
  location.assign('/sign-in?next=' + encodeURIComponent(location.pathname + location.search));
  return false;
}

/** Every page starts here: the session from the refresh cookie (if there was one), the chrome, the feed. */
export async function start(page) {
  if (localStorage.getItem(SIGNED_IN_MARK)) {
    try { await refresh(); } catch (e) { setSession(null); }
  }
  chrome(Boolean(accessToken));
  onSession((c) => chrome(Boolean(c)));
  const signOut = $('#sign-out');
  if (signOut) {
    signOut.addEventListener('click', async () => {
      try {
        await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' }, body: '{}' });
      } finally {
        setSession(null);
        location.assign('/');
      }
    });
  }
  if (accessToken) personalFeed();
  try {
    await page();
  } catch (error) {
    const main = $('#main');
    if (main) main.prepend(el('p', { class: 'error', role: 'alert' }, explain(error)));
  } finally {
    document.body.dataset.ready = 'true'; // the page has what it needs (tests wait for this)
  }
}
