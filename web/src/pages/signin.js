import { api, setToken } from '../api.js';
import { h } from '../dom.js';
import { resetSession } from '../main.js';

export async function signinPage(app) {
  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off',
    placeholder: 'bearer token', 'aria-label': 'bearer token', required: true });
  const msg = h('p', { class: 'error', id: 'signin-error', hidden: true });
  const form = h('form', { class: 'signin', id: 'signin-form' },
    h('h1', null, 'Sign in'),
    h('p', null, 'Paste the token you were given (a line of the server\'s token file). ' +
      'It stays in this tab only.'),
    input, h('button', { type: 'submit', class: 'primary' }, 'Sign in'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    setToken(input.value.trim());
    resetSession();
    try {
      await api('/api/whoami', { noRedirect: true });
      location.hash = '#/people';
    } catch (e) {
      setToken(null);
      msg.hidden = false;
      msg.textContent = e.status === 401 ? 'That token is not valid.' : e.message;
    }
  });
  app.append(form);
  input.focus();
}
