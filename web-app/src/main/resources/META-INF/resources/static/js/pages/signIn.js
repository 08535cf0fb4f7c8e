import { $, api, COOKIE_SESSION, explain, nextPath, setSession, show, start, text } from '../core.js';

let mfaToken = null;

function signedIn(tokens) {
  setSession(tokens.accessToken, tokens.expiresIn);
  location.assign(nextPath());
}

start(async () => {
  $('#sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    text('#sign-in-error', '');
    try {
      const answer = await api('/api/auth/login', { method: 'POST', auth: false, headers: COOKIE_SESSION,
        body: { email: $('#email').value.trim(), password: $('#password').value } });
      if (answer.mfaRequired) {
        mfaToken = answer.mfaToken;
        show('#sign-in', false);
        show('#mfa', true);
        $('#mfa-code').focus();
        return;
      }
      signedIn(answer);
    } catch (error) {
      text('#sign-in-error', error.code === 'INVALID_CREDENTIALS' ? 'That e-mail and password do not match.' : explain(error));
    }
  });
  $('#mfa-send-email').addEventListener('click', async () => {
    try {
      await api('/api/auth/mfa/email', { method: 'POST', auth: false, body: { mfaToken } });
      $('#mfa-method').value = 'email';
      text('#mfa-error', 'A code is on its way to your inbox.');
    } catch (error) { text('#mfa-error', explain(error)); }
  });
  $('#mfa').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      signedIn(await api('/api/auth/mfa/verify', { method: 'POST', auth: false, headers: COOKIE_SESSION,
        body: { mfaToken, method: $('#mfa-method').value, code: $('#mfa-code').value.trim() } }));
    } catch (error) { text('#mfa-error', error.code === 'INVALID_MFA_CODE' ? 'That code is not right.' : explain(error)); }
  });
});
