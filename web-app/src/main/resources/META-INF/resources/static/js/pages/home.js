import { $, api, el, start, text } from '../core.js';
import { card } from '../cards.js';

// Browse and search: every filter and sort of the catalog's search, kept in the URL, so a page survives a reload and
// can be shared; the pager's links are real links.

const FIELDS = ['q', 'category', 'status', 'type', 'minPrice', 'maxPrice', 'ending', 'sellerId', 'sort'];
const ENDING = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3 };
const SIZE = 20;

function flatten(categories, depth = 0, out = []) {
  for (const c of categories) {
    out.push({ id: c.id, slug: c.slug, name: '\u2014 '.repeat(depth) + c.name });
    flatten(c.children || [], depth + 1, out);
  }
  return out;
}

async function load() {
  const params = new URLSearchParams(location.search);
  for (const name of FIELDS) { const field = $('#' + name); if (field) field.value = params.get(name) || field.value; }
  const query = new URLSearchParams();
  for (const name of FIELDS) { const value = params.get(name); if (value && name !== 'ending') query.set(name, value); }
  // "ending within" is kept in the URL as a span and asked for as an instant, from now
  if (ENDING[params.get('ending')]) query.set('endingBefore', new Date(Date.now() + ENDING[params.get('ending')]).toISOString());
  if (query.get('sort') === 'relevance' && !query.get('q')) query.delete('sort');
  const page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
  query.set('page', page);
  query.set('size', SIZE);
  const result = await api('/api/auctions?' + query, { auth: false });
  $('#results').replaceChildren(...result.items.map(card));
  text('#count', result.totalItems === 0 ? 'No auctions match.'
    : (result.totalItemsExact === false ? 'Over ' + result.totalItems : result.totalItems) + ' auctions');
  const link = (n) => { const p = new URLSearchParams(params); p.set('page', n); return '?' + p; };
  const prev = $('#prev'); const next = $('#next');
  prev.hidden = page === 0; prev.href = link(page - 1);
  next.hidden = page + 1 >= result.totalPages; next.href = link(page + 1);
  text('#page-no', result.totalPages > 1 ? 'Page ' + (page + 1) + ' of ' + result.totalPages : '');
}

start(async () => {
  const categories = await api('/api/categories', { auth: false });
  $('#category').append(...flatten(categories).map((c) => el('option', { value: c.slug || c.id }, c.name)));
  $('#search').addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of FIELDS) { const value = $('#' + name).value.trim(); if (value) params.set(name, value); }
    history.pushState(null, '', '?' + params);
    load();
  });
  window.addEventListener('popstate', load);
  await load();
});
