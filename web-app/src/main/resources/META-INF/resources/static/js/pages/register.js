import { $, api, COOKIE_SESSION, explain, setSession, show, start, text } from '../core.js';

start(async () => {
  $('#register').addEventListener('submit', async (event) => {
    event.preventDefault();
    text('#register-error', '');
    const body = { displayName: $('#displayName').value.trim(), email: $('#email').value.trim(),
      password: $('#password').value, accountType: $('#accountType').value,
      anonymousBidding: $('#anonymousBidding').checked };
    if ($('#company').value.trim()) body.company = $('#company').value.trim();
    try {
      const answer = await api('/api/auth/register', { method: 'POST', auth: false, headers: COOKIE_SESSION, body });
      setSession(answer.accessToken, answer.expiresIn);
      show('#register', false);
      show('#registered', true);
      text('#registered-email', body.email);
    } catch (error) {
      text('#register-error', error.code === 'EMAIL_TAKEN' ? 'An account with this e-mail exists: sign in instead.' : explain(error));
    }
  });
  $('#resend').addEventListener('click', async () => {
    try { await api('/api/auth/verify-email/resend', { method: 'POST' }); text('#resend-state', 'Sent.'); }
    catch (error) { text('#resend-state', explain(error)); }
  });
});
