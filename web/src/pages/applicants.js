// Applicants and the clusters of applicants that share identity artifacts.
import { api } from '../api.js';
import { h } from '../dom.js';
import { genericTable } from './table.js';

export async function applicantsPage(app) {
  const data = await api('/api/applicants');
  app.append(h('section', { class: 'panel head' }, h('div', null, h('h1', null, 'Applicants'),
    h('p', { class: 'muted' }, 'Applicants who share phones, addresses, resumes or photos with ' +
      'other applicants or employees, from `molehunt vet`.'))));
  if (!data.available) {
    app.append(h('p', { class: 'empty', id: 'applicants-empty' },
      'Vetting has not run on this store: run molehunt vet with Greenhouse candidate exports.'));
    return;
  }
  app.append(h('h3', null, 'Clusters'), genericTable(data.clusters, 'No clusters.'),
    h('h3', null, 'Applicants'), genericTable(data.applicants, 'No applicants.'));
}
