import { $, api, el, explain, money, requireSession, start, text, when } from '../core.js';

// Orders, as buyer or seller: pay from the wallet or at the provider's checkout, ship, confirm receipt, offer a
// cancelled order's item to the runner-up.

let role = 'buyer';

function action(label, run) {
  return el('button', { type: 'button', onclick: async () => {
    try { await run(); await load(); } catch (error) { text('#order-result', explain(error)); }
  } }, label);
}

function shipForm(order) {
  const carrier = 'carrier-' + order.id;
  const tracking = 'tracking-' + order.id;
  return el('form', { class: 'inline', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api('/api/orders/' + order.id + '/shipment', { method: 'POST',
        body: { carrier: $('#' + CSS.escape(carrier)).value.trim(), trackingNumber: $('#' + CSS.escape(tracking)).value.trim() } });
      await load();
    } catch (error) { text('#order-result', explain(error)); }
  } },
  el('div', { class: 'field' }, el('label', { for: carrier }, 'Carrier'), el('input', { id: carrier, required: true, maxlength: '60' })),
  el('div', { class: 'field' }, el('label', { for: tracking }, 'Tracking number'), el('input', { id: tracking, required: true, maxlength: '100' })),
  el('button', { type: 'submit' }, 'Mark as shipped'));
}

function actions(o) {
  if (role === 'buyer' && o.status === 'AWAITING_PAYMENT') {
    return [action('Pay ' + money(o.amountDue, o.currency) + ' from my wallet', () =>
      api('/api/orders/' + o.id + '/payments', { method: 'POST', body: { method: 'WALLET' } })),
    action('Pay at the checkout', async () => {
      const checkout = await api('/api/orders/' + o.id + '/payments', { method: 'POST', body: { method: 'PROVIDER' } });
      location.assign(checkout.checkoutUrl);
    })];
  }
  if (role === 'buyer' && o.status === 'SHIPPED') {
    return [action('I received it', () => api('/api/orders/' + o.id + '/receipt', { method: 'POST' }))];
  }
  if (role === 'seller' && o.status === 'PAID') return [shipForm(o)];
  if (role === 'seller' && o.secondChanceAvailable) {
    return [action('Offer it to the runner-up', () => api('/api/orders/' + o.id + '/second-chance', { method: 'POST' }))];
  }
  return [];
}

function item(o) {
  const address = o.shippingAddress;
  return el('li', { class: 'order', 'data-order-id': o.id },
    el('h2', {}, el('a', { href: '/auctions/' + o.auctionId }, o.title), o.secondChance ? ' (second chance)' : ''),
    el('p', {}, el('strong', { class: 'status' }, o.status.replace('_', ' ').toLowerCase()), ' · total ', money(o.total, o.currency),
      ' (hammer ', money(o.hammerPrice, o.currency), ' + premium ', money(o.buyerPremium, o.currency), ')',
      Number(o.depositApplied) > 0 ? ' · deposit applied ' + money(o.depositApplied, o.currency) : ''),
    o.status === 'AWAITING_PAYMENT' ? el('p', {}, 'Due by ', when(o.dueAt)) : null,
    o.trackingNumber ? el('p', {}, 'Shipped with ', o.carrier, ', tracking ', o.trackingNumber) : null,
    address ? el('p', { class: 'muted' }, 'Ships to ', [address.fullName, address.line1, address.postalCode + ' ' + address.city, address.country].join(', ')) : null,
    role === 'seller' && o.sellerCredit != null ? el('p', { class: 'muted' }, 'You receive ', money(o.sellerCredit, o.currency), ' once the buyer confirms receipt') : null,
    el('div', { class: 'actions' }, ...actions(o)));
}

async function load() {
  const page = await api('/api/orders?role=' + role + '&size=50');
  $('#empty').hidden = page.items.length > 0;
  $('#orders').replaceChildren(...page.items.map(item));
}

function choose(which) {
  role = which;
  $('#as-buyer').setAttribute('aria-pressed', String(which === 'buyer'));
  $('#as-seller').setAttribute('aria-pressed', String(which === 'seller'));
  return load();
}

start(async () => {
  if (!requireSession()) return;
  $('#as-buyer').addEventListener('click', () => choose('buyer'));
  $('#as-seller').addEventListener('click', () => choose('seller'));
  document.addEventListener('gavel:notification', (event) => { if (event.detail.orderId) load(); });
  await choose(new URLSearchParams(location.search).get('role') === 'seller' ? 'seller' : 'buyer');
});
