// The dashboard: a hash router over a handful of pages. Every page gets the
// main element and the route's parameters and renders itself from the API.
import { api, setToken, token } from './api.js';
import { clear, h } from './dom.js';
import { signinPage } from './pages/signin.js';
import { peoplePage } from './pages/people.js';
import { personPage } from './pages/person.js';
import { graphPage } from './pages/graph.js';
import { applicantsPage } from './pages/applicants.js';
import { casePage, casesPage } from './pages/cases.js';
import { auditPage } from './pages/audit.js';

const routes = [
  [/^#\/signin$/, signinPage, null],
  [/^#\/people$/, peoplePage, 'people'],
  [/^#\/person\/([a-z0-9-]+)$/, personPage, 'people'],
  [/^#\/graph$/, graphPage, 'graph'],
  [/^#\/applicants$/, applicantsPage, 'applicants'],
  [/^#\/cases$/, casesPage, 'cases'],
  [/^#\/case\/([0-9]+)$/, casePage, 'cases'],
  [/^#\/audit$/, auditPage, 'audit'],
];

export const session = { role: null, label: null, canReveal: false };

async function whoami() {
  if (session.role) return true;
  try {
    const me = await api('/api/whoami');
    Object.assign(session, { role: me.role, label: me.label, canReveal: me.can_reveal });
    return true;
  } catch {
    return false;
  }
}

function renderWho() {
  const who = clear(document.getElementById('who'));
  if (!session.role) return;
  who.append(h('span', { class: `role ${session.role}` }, session.role),
    ` ${session.label} `,
    h('button', { class: 'link', id: 'signout', onclick: () => {
      setToken(null);
      session.role = null;
      location.hash = '#/signin';
    } }, 'sign out'));
}

let current = 0;

async function route() {
  const hash = location.hash || '#/people';
  const app = document.getElementById('app');
  const seq = ++current;
  if (hash !== '#/signin' && (!token() || !(await whoami()))) {
    location.hash = '#/signin';
    return;
  }
  if (seq !== current) return;
  renderWho();
  for (const [re, page, nav] of routes) {
    const m = hash.split('?')[0].match(re);
    if (!m) continue;
    for (const a of document.querySelectorAll('#nav a'))
      a.classList.toggle('active', a.dataset.nav === nav);
    const params = new URLSearchParams(hash.split('?')[1] || '');
    clear(app);
    app.dataset.page = page.name;
    try {
      await page(app, m.slice(1), params, session);
    } catch (e) {
      console.error(e);
      clear(app).append(h('div', { class: 'error' }, `Could not load this page: ${e.message}`));
    }
    return;
  }
  location.hash = '#/people';
}

export function resetSession() {
  session.role = null;
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);
