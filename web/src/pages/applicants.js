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
  const rows = data.applicants.map((a) => ({
    applicant: a.applicant, score: a.score.toFixed(0),
    applied: new Date(a.applied_ms).toISOString().slice(0, 10),
    findings: a.findings.map((f) => `${f.detector} +${f.points}: ${f.summary}`).join(' · '),
  }));
  const clusters = data.clusters.map((c) => ({
    shared: c.kind, value: c.value, applicants: c.applicants.join(', '), size: c.size,
  }));
  app.append(h('section', { class: 'panel', id: 'applicants' },
    h('h3', null, 'Shared identity artifacts'), genericTable(clusters, 'No shared artifacts.'),
    h('h3', null, 'Applicants by score'), genericTable(rows, 'No applicants vetted yet.')));
}
