import { $, api, ApiError, backoff, el, explain, me, money, show, start, text, token, toast, when, wsUrl }
  from '../core.js';

// The auction room. The live feed's snapshot is the truth after every (re)connect: it replaces what the page shows,
// so a page never keeps a stale price; frames are applied in sequence order and a gap brings a fresh snapshot.

const auctionId = $('#auction').dataset.auctionId;
let auction = null;
const ended = (status) => status === 'CLOSED' || status === 'CANCELLED';
const state = { sequence: -1, endsAt: null, status: null, offset: 0, currency: 'EUR', minNextBid: null };

function showState(s) {
  state.endsAt = s.endsAt ? new Date(s.endsAt).getTime() : state.endsAt;
  state.status = s.status || state.status;
  state.minNextBid = s.minNextBid;
  text('#price', money(s.currentPrice, state.currency));
  text('#bid-count', s.bidCount);
  text('#leader', s.leadingBidder ? s.leadingBidder.displayName : 'nobody yet');
  text('#min-next', money(s.minNextBid, state.currency));
  const amount = $('#amount');
  if (amount && s.minNextBid != null && !amount.value) amount.placeholder = Number(s.minNextBid).toFixed(2);
  if (s.endsAt) { const t = $('#ends'); t.dateTime = s.endsAt; t.textContent = when(s.endsAt); }
  if (typeof s.watchers === 'number') text('#watchers', s.watchers);
  if (s.sequence !== undefined) state.sequence = s.sequence;
  if (ended(state.status)) closed(s);
}

function closed(s) {
  show('#bid-form', false);
  show('#buy-now-form', false);
  const outcome = s.outcome || auction?.outcome;
  const price = s.finalPrice ?? s.currentPrice;
  const winner = s.winner ? s.winner.displayName : (s.leadingBidder ? s.leadingBidder.displayName : null);
  const message = outcome === 'SOLD' ? 'Sold' + (winner ? ' to ' + winner : '') + ' for ' + money(price, state.currency)
    : outcome === 'CANCELLED' || s.status === 'CANCELLED' ? 'This auction was cancelled'
    : 'Ended without a sale';
  show('#outcome', true);
  text('#outcome', message);
  text('#countdown', 'Ended');
}

function tick() {
  if (!state.endsAt || ended(state.status)) return;
  const left = state.endsAt - (Date.now() + state.offset);
  if (left <= 0) { text('#countdown', 'Ending…'); return; }
  const s = Math.floor(left / 1000);
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  text('#countdown', (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + m + 'm ' + String(sec).padStart(2, '0') + 's');
}

function historyRow(bid) {
  return el('tr', { 'data-bid-id': bid.bidId || bid.id },
    el('td', {}, (bid.bidder && bid.bidder.displayName) || bid.bidderDisplayName || 'bidder',
      bid.automatic ? el('span', { class: 'muted' }, ' (automatic)') : null),
    el('td', {}, money(bid.amount, state.currency)),
    el('td', {}, when(bid.placedAt)));
}

// The history is the bids the API listed merged with those the feed brought since, by bid id: a list fetched while a
// frame arrived never hides that frame's bid.
const bids = new Map();

function renderHistory() {
  const newestFirst = [...bids.values()].sort((a, b) => new Date(b.placedAt) - new Date(a.placedAt));
  $('#history').replaceChildren(...newestFirst.slice(0, 100).map(historyRow));
}

function addToHistory(bid) {
  bids.set(bid.bidId, bid);
  renderHistory();
}

async function loadHistory() {
  const page = await api('/api/bids?auctionId=' + auctionId + '&size=50', { auth: false });
  page.items.forEach((bid) => bids.set(bid.bidId, bid));
  renderHistory();
}

function feed() {
  const wait = backoff();
  const connect = () => {
    text('#feed-state', 'Connecting to the live feed…');
    const socket = new WebSocket(wsUrl('/ws/auctions/' + auctionId));
    socket.onmessage = async (message) => {
      const frame = JSON.parse(message.data);
      if (frame.serverTime) state.offset = new Date(frame.serverTime).getTime() - Date.now();
      if (frame.type === 'snapshot') {
        wait.reset();
        text('#feed-state', 'Live');
        state.sequence = -1;
        showState(frame);
        bids.clear();
        await loadHistory();
      } else if (frame.type === 'bid-placed') {
        if (frame.sequence <= state.sequence) return;
        if (state.sequence >= 0 && frame.sequence > state.sequence + 1) { socket.close(4000, 'gap'); return; }
        showState({ ...frame, leadingBidder: null, watchers: undefined });
        refreshLeader();
        addToHistory(frame);
      } else if (frame.type === 'auction-closed') {
        state.status = 'CLOSED';
        state.sequence = frame.sequence;
        closed({ ...frame, status: 'CLOSED' });
      } else if (frame.type === 'presence') {
        text('#watchers', frame.watchers);
      }
    };
    socket.onclose = (event) => {
      if (event.code === 4404) { text('#feed-state', 'This auction is not live.'); return; }
      text('#feed-state', 'Reconnecting…');
      setTimeout(connect, event.code === 4000 ? 0 : wait.next());
    };
  };
  connect();
}

async function refreshLeader() {
  const live = await api('/api/bids/auctions/' + auctionId + '/state', { auth: false });
  if (live.sequence >= state.sequence) text('#leader', live.leadingBidder ? live.leadingBidder.displayName : 'nobody yet');
}

function terms(a) {
  const rows = [['Type', a.type === 'REVERSE' ? 'Reverse (lowest wins)' : 'Forward (highest wins)'],
    ['Starting price', money(a.startingPrice, a.currency)],
    ['Minimum increment', a.minIncrement ? money(a.minIncrement, a.currency) : 'by price table'],
    ['Reserve', a.reservePrice ? money(a.reservePrice, a.currency) : (a.reserveMet ? 'none or met' : 'not met yet')],
    ['Soft close', a.softClose ? 'bids in the last ' + a.softClose.window + ' extend by ' + a.softClose.extension : 'none'],
    ['Location', a.location || '–'], ['Starts', when(a.startsAt)]];
  if (a.buyNowPrice) rows.push(['Buy now', money(a.buyNowPrice, a.currency)]);
  if (a.depositRequired) rows.push(['Deposit to bid', money(a.depositRequired, a.currency)]);
  $('#terms').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function photos(a) {
  if (!a.photos.length) return;
  const main = $('#main-photo');
  const pick = (p) => { main.src = p.url; main.alt = 'Photo of ' + a.title; };
  pick(a.photos.find((p) => p.main) || a.photos[0]);
  main.hidden = false;
  $('#thumbs').replaceChildren(...a.photos.map((p, i) => el('li', {},
    el('button', { type: 'button', class: 'thumb', 'aria-label': 'Show photo ' + (i + 1), onclick: () => pick(p) },
      el('img', { src: p.thumbnailUrl, alt: '' })))));
}

async function bid(event) {
  event.preventDefault();
  const amount = $('#amount').value;
  const max = $('#max').value;
  const body = { auctionId, amount: Number(amount) };
  if (max) body.maxAmount = Number(max);
  const result = $('#bid-result');
  result.className = '';
  try {
    const r = await api('/api/bids', { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    result.textContent = r.status === 'LEADING' ? 'You lead at ' + money(r.currentPrice, state.currency) + '.'
      : 'Accepted, but another bidder\u2019s maximum is higher: the price is now ' + money(r.currentPrice, state.currency) + '.';
    $('#amount').value = '';
    $('#max').value = '';
  } catch (error) {
    result.className = 'error';
    if (error.code === 'BID_TOO_LOW') {
      result.textContent = 'Too low: the next bid must be at least ' + money(error.problem.minNextBid, state.currency)
        + ' (the current price plus the increment).';
      text('#min-next', money(error.problem.minNextBid, state.currency));
    } else if (error.code === 'DEPOSIT_REQUIRED') {
      result.textContent = 'This auction asks for a deposit first.';
      show('#deposit-box', true);
    } else if (error.code === 'EMAIL_NOT_VERIFIED') {
      result.textContent = 'Verify your e-mail address first (see the link we sent you).';
    } else {
      result.textContent = explain(error);
    }
  }
}

async function buyNow(event) {
  event.preventDefault();
  try {
    await api('/api/bids/buy-now', { method: 'POST', body: { auctionId, expectedPrice: auction.buyNowPrice },
      headers: { 'Idempotency-Key': crypto.randomUUID() } });
    toast('It is yours', 'You bought ' + auction.title + '. Pay for it in your orders.', '/orders');
  } catch (error) {
    if (error.code === 'PRICE_CHANGED') {
      auction.buyNowPrice = error.problem.buyNowPrice;
      text('#buy-now-price', money(auction.buyNowPrice, state.currency));
      text('#bid-result', 'The buy-now price changed to ' + money(auction.buyNowPrice, state.currency) + '; nothing was bought.');
    } else {
      text('#bid-result', explain(error));
    }
  }
}

async function watch() {
  const button = $('#watch');
  const watching = button.getAttribute('aria-pressed') === 'true';
  await api('/api/watchlist/' + auctionId, { method: watching ? 'DELETE' : 'PUT' });
  button.setAttribute('aria-pressed', String(!watching));
  button.textContent = watching ? 'Watch' : 'Watching';
}

async function deposit() {
  try {
    const d = await api('/api/payments/deposits', { method: 'POST', body: { auctionId } });
    text('#deposit-state', 'Held: ' + money(d.amount, d.currency) + '. You may bid in a moment.');
  } catch (error) {
    text('#deposit-state', error.code === 'INSUFFICIENT_FUNDS' ? 'Not enough money in your wallet: top it up first.' : explain(error));
  }
}

start(async () => {
  auction = await api('/api/auctions/' + auctionId);
  state.currency = auction.currency;
  document.title = auction.title + ' · Gavel';
  text('#title', auction.title);
  text('#description', auction.description);
  $('#log-link').href = '/api/bids/auctions/' + auctionId + '/log';
  $('#seller-link').href = '/?sellerId=' + encodeURIComponent(auction.sellerId);
  terms(auction);
  photos(auction);
  const mine = me() && me().sub === auction.sellerId;
  if (token() && !mine) {
    show('#bid-form', true);
    if (auction.buyNowPrice) { show('#buy-now-form', true); text('#buy-now-price', money(auction.buyNowPrice, auction.currency)); }
    if (auction.depositRequired) { show('#deposit-box', true); text('#deposit-amount', money(auction.depositRequired, auction.currency)); }
  }
  if (mine) text('#bid-result', 'This is your auction.');
  showState({ ...auction, leadingBidder: auction.leadingBidder });
  if (auction.status === 'CLOSED' || auction.status === 'CANCELLED') closed(auction);
  $('#bid-form').addEventListener('submit', bid);
  $('#buy-now-form').addEventListener('submit', buyNow);
  $('#deposit').addEventListener('click', deposit);
  if (token()) {
    const watched = await api('/api/watchlist?size=100');
    const on = watched.items.some((a) => a.id === auctionId);
    $('#watch').setAttribute('aria-pressed', String(on));
    $('#watch').textContent = on ? 'Watching' : 'Watch';
    $('#watch').addEventListener('click', watch);
  }
  document.addEventListener('gavel:notification', (event) => {
    const n = event.detail;
    if (n.auctionId === auctionId && n.type === 'outbid') {
      const result = $('#bid-result');
      result.className = 'error';
      result.textContent = 'You were outbid: the price is now ' + money(n.currentPrice, state.currency) + '.';
    }
  });
  setInterval(tick, 250);
  feed();
});
