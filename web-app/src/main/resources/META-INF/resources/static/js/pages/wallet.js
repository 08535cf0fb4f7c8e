import { $, api, el, explain, money, requireSession, start, text, when } from '../core.js';

async function load() {
  const wallet = await api('/api/wallet');
  text('#balance', money(wallet.balance, wallet.currency));
  text('#held', money(wallet.held, wallet.currency));
  text('#available', money(wallet.available, wallet.currency));
  const page = await api('/api/wallet/transactions?size=50');
  $('#transactions').replaceChildren(...page.items.map((e) => el('tr', {},
    el('td', {}, when(e.createdAt)), el('td', {}, e.description), el('td', {}, e.account === 'HELD' ? 'held' : 'available'),
    el('td', { class: 'number' }, money(e.amount, e.currency)))));
}

start(async () => {
  if (!requireSession()) return;
  $('#top-up').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const checkout = await api('/api/wallet/top-ups', { method: 'POST', body: { amount: Number($('#top-up-amount').value) } });
      location.assign(checkout.checkoutUrl);
    } catch (error) { text('#wallet-result', explain(error)); }
  });
  $('#withdraw').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const w = await api('/api/wallet/withdrawals', { method: 'POST', body: { amount: Number($('#withdraw-amount').value) } });
      text('#wallet-result', 'Withdrawal of ' + money(w.amount, w.currency) + ' on its way.');
      await load();
    } catch (error) {
      text('#wallet-result', error.code === 'INSUFFICIENT_FUNDS' ? 'That is more than is available.' : explain(error));
    }
  });
  await load();
});
