import { $, api, el, requireSession, start, when } from '../core.js';

function item(n) {
  const href = n.orderId ? '/orders' : (n.auctionId ? '/auctions/' + n.auctionId : null);
  return el('li', { class: n.readAt ? 'read' : 'unread' },
    el('h2', {}, href ? el('a', { href }, n.title) : n.title),
    el('p', {}, n.body),
    el('p', { class: 'muted' }, when(n.createdAt), n.readAt ? ' · read' : ' · new'),
    n.readAt ? null : el('button', { type: 'button', onclick: async () => {
      await api('/api/notifications/' + n.id + '/read', { method: 'POST' });
      await load();
    } }, 'Mark as read'));
}

async function load() {
  const page = await api('/api/notifications?size=50');
  $('#empty').hidden = page.items.length > 0;
  $('#inbox').replaceChildren(...page.items.map(item));
}

start(async () => {
  if (!requireSession()) return;
  $('#read-all').addEventListener('click', async () => { await api('/api/notifications/read-all', { method: 'POST' }); await load(); });
  document.addEventListener('gavel:notification', load);
  await load();
});
