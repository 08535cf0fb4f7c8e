import { $, api, el, explain, show, start, text } from '../core.js';

start(async () => {
  const resetToken = new URLSearchParams(location.search).get('token');
  show('#request-reset', !resetToken);
  show('#confirm-reset', Boolean(resetToken));
  $('#request-reset').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/api/auth/password-reset', { method: 'POST', auth: false, body: { email: $('#email').value.trim() } });
      text('#reset-result', 'If this address has an account, a link is on its way. It works once, for an hour.');
    } catch (error) { text('#reset-result', explain(error)); }
  });
  $('#confirm-reset').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/api/auth/password-reset/confirm', { method: 'POST', auth: false,
        body: { token: resetToken, newPassword: $('#new-password').value } });
      show('#confirm-reset', false);
      text('#reset-result', 'Your password is changed and every session ended. ').append(el('a', { href: '/sign-in' }, 'Sign in'));
    } catch (error) {
      text('#reset-result', error.code === 'INVALID_RESET_TOKEN' ? 'This link was used or has expired: ask for a new one.' : explain(error));
    }
  });
});
