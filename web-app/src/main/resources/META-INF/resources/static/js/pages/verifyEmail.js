import { $, api, el, explain, refresh, start, text, token } from '../core.js';

start(async () => {
  const verificationToken = new URLSearchParams(location.search).get('token');
  if (!verificationToken) { text('#verify-result', 'This link has no token: open the link from the mail.'); $('#verify').hidden = true; return; }
  $('#verify').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/api/auth/verify-email', { method: 'POST', auth: false, body: { token: verificationToken } });
      if (token()) await refresh(); // the next access token says the address is verified
      $('#verify').hidden = true;
      const result = text('#verify-result', 'Your address is verified. ');
      result.append(el('a', { href: '/' }, 'Start browsing'));
    } catch (error) {
      text('#verify-result', error.code === 'INVALID_VERIFICATION_TOKEN'
        ? 'This link was used already, has expired, or is not ours. Ask for a new one from your account page.' : explain(error));
    }
  });
});
