import { $, api, el, explain, requireSession, show, start, text } from '../core.js';

async function addresses() {
  const list = await api('/api/users/me/addresses');
  $('#addresses').replaceChildren(...list.map((a) => el('li', {},
    [a.fullName, a.line1, a.postalCode + ' ' + a.city, a.country].join(', '), a.principal ? ' (principal)' : '')));
}

start(async () => {
  if (!requireSession()) return;
  const user = await api('/api/users/me');
  $('#profile').replaceChildren(el('dt', {}, 'Name'), el('dd', {}, user.displayName),
    el('dt', {}, 'E-mail'), el('dd', {}, user.email + (user.emailVerified ? ' (verified)' : ' (not verified)')),
    el('dt', {}, 'Member since'), el('dd', {}, new Date(user.createdAt || user.memberSince || Date.now()).toLocaleDateString()));
  show('#verify-banner', !user.emailVerified);
  $('#resend').addEventListener('click', async () => {
    try { await api('/api/auth/verify-email/resend', { method: 'POST' }); text('#resend-state', 'Sent.'); }
    catch (error) { text('#resend-state', explain(error)); }
  });
  $('#mfa-start').addEventListener('click', async () => {
    try {
      const setup = await api('/api/auth/mfa/totp', { method: 'POST' });
      text('#mfa-secret', setup.secret);
      text('#mfa-uri', setup.otpauthUri);
      show('#mfa-setup', true);
      $('#mfa-code').focus();
    } catch (error) {
      text('#mfa-result', error.code === 'MFA_ALREADY_ENABLED' ? 'Two-factor sign-in is on already.' : explain(error));
    }
  });
  $('#mfa-confirm').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const done = await api('/api/auth/mfa/totp/confirm', { method: 'POST', body: { code: $('#mfa-code').value.trim() } });
      show('#mfa-setup', false);
      show('#mfa-codes', true);
      $('#recovery-codes').replaceChildren(...done.recoveryCodes.map((c) => el('li', {}, el('code', {}, c))));
      text('#mfa-result', 'Two-factor sign-in is on.');
    } catch (error) { text('#mfa-result', error.code === 'INVALID_MFA_CODE' ? 'That code is not right.' : explain(error)); }
  });
  $('#address').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/api/users/me/addresses', { method: 'POST', body: { label: 'Shipping', fullName: $('#a-name').value.trim(),
        line1: $('#a-line1').value.trim(), city: $('#a-city').value.trim(), postalCode: $('#a-postal').value.trim(),
        country: $('#a-country').value.trim(), principal: true } });
      text('#address-result', 'Saved. New orders ship there.');
      await addresses();
    } catch (error) { text('#address-result', explain(error)); }
  });
  await addresses();
});
