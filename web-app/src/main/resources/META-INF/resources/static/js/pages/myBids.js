import { $, api, el, money, requireSession, start, when } from '../core.js';

const STATES = { LEADING: 'You lead', OUTBID: 'Outbid', WON: 'You won', LOST: 'Lost' };

start(async () => {
  if (!requireSession()) return;
  const page = await api('/api/bids/mine?size=50');
  $('#empty').hidden = page.items.length > 0;
  const titles = await Promise.all(page.items.map((b) => api('/api/auctions/' + b.auctionId).then((a) => a.title, () => 'An auction')));
  $('#list').replaceChildren(...page.items.map((b, i) => el('li', { class: 'card' },
    el('a', { href: '/auctions/' + b.auctionId }, titles[i]),
    el('p', {}, STATES[b.state] || b.state, ' · price ', money(b.currentPrice), ' · your highest ', money(b.myHighestBid)),
    el('p', { class: 'muted' }, 'ends ', when(b.endsAt)))));
});
