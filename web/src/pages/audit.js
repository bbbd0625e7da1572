// The audit log: every identity reveal (and refused attempt), newest first.
import { api } from '../api.js';
import { fmtTime, h } from '../dom.js';

export async function auditPage(app) {
  const data = await api('/api/audit?limit=500');
  app.append(h('section', { class: 'panel head' }, h('div', null, h('h1', null, 'Audit log'),
    h('p', { class: 'muted' }, 'Every time an identity was revealed, or someone without the ' +
      'investigator role tried to.'))));
  if (!data.entries.length) {
    app.append(h('p', { class: 'muted', id: 'audit-empty' }, 'No reveals yet.'));
    return;
  }
  app.append(h('table', { class: 'audit', id: 'audit' },
    h('thead', null, h('tr', null, ['when', 'action', 'person', 'by', 'role', 'from', 'reason']
      .map((t) => h('th', null, t)))),
    h('tbody', null, data.entries.map((e) => h('tr', { class: e.action },
      h('td', { class: 'nowrap' }, fmtTime(e.at_ms)), h('td', null, e.action),
      h('td', null, h('a', { href: `#/person/${e.pseudonym}` }, e.pseudonym)),
      h('td', null, e.by), h('td', null, e.role), h('td', null, e.client),
      h('td', null, e.reason))))));
}
