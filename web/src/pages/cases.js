// Cases: extortion and insider cases with their evidence and playbook.
import { api } from '../api.js';
import { h } from '../dom.js';
import { genericTable } from './table.js';

export async function casesPage(app) {
  const data = await api('/api/cases');
  app.append(h('section', { class: 'panel head' }, h('div', null, h('h1', null, 'Cases'),
    h('p', { class: 'muted' }, 'Extortion cases with candidates, evidence and the response ' +
      'playbook, from `molehunt extortion` and `molehunt case`.'))));
  if (!data.available) {
    app.append(h('p', { class: 'empty', id: 'cases-empty' },
      'No cases in this store yet: molehunt extortion opens one from an extortion e-mail.'));
    return;
  }
  app.append(h('section', { class: 'panel', id: 'cases' }, genericTable(data.cases, 'No cases.')));
}
