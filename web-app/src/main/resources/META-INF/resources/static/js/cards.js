import { el, money, when } from './core.js';

/** An auction as a card of a list: its main photo, title, price and end. */
export function card(a) {
  const photo = a.photos && a.photos.length ? (a.photos.find((p) => p.main) || a.photos[0]) : null;
  return el('li', { class: 'card' },
    el('a', { href: '/auctions/' + a.id, class: 'card-link' },
      photo ? el('img', { src: photo.thumbnailUrl, alt: '', loading: 'lazy' }) : el('div', { class: 'no-photo' }, 'No photo'),
      el('span', { class: 'card-title' }, a.title)),
    el('p', { class: 'card-price' }, money(a.currentPrice, a.currency)),
    el('p', { class: 'muted' }, a.status + ' · ' + a.bidCount + ' bids · ends ' + when(a.endsAt)));
}
