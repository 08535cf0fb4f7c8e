import { $, api, requireSession, start } from '../core.js';
import { card } from '../cards.js';

start(async () => {
  if (!requireSession()) return;
  const page = await api('/api/auctions/mine?size=50');
  $('#empty').hidden = page.items.length > 0;
  $('#list').replaceChildren(...page.items.map(card));
});
