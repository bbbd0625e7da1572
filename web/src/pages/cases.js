// Cases: the list, and one case with its hash-chained log as a timeline, its
// evidence, the response playbook, the candidates and whether the chain
// still verifies. Candidates are pseudonyms linking to their person pages;
// an identity an investigator revealed in this tab is shown beside it.
import { api, revealed } from '../api.js';
import { scoreBar } from '../charts.js';
import { fmtNum, fmtTime, h } from '../dom.js';

function short(hash) {
  return hash ? `${hash.slice(0, 12)}…` : '–';
}

function verifiedBadge(c) {
  if (c.verified === null) {
    return h('span', { class: 'verify unknown', title: c.problems.join('\n') || 'not checked' },
      'not checked');
  }
  const checked = `${c.checked.entries} entries, ${c.checked.evidence} evidence blobs checked`;
  return c.verified ? h('span', { class: 'verify ok', title: checked }, '✓ chain verified') :
    h('span', { class: 'verify bad', title: c.problems.join('\n') },
      `✗ ${c.problems.length} problem${c.problems.length === 1 ? '' : 's'}`);
}

function personLink(pseudonym) {
  if (!pseudonym) return h('span', { class: 'muted' }, '(not in the store)');
  const who = revealed(pseudonym);
  return h('span', null, h('a', { href: `#/person/${pseudonym}`, class: 'pseudo' }, pseudonym),
    who ? h('span', { class: 'revealed', title: 'revealed in this session' },
      ` ${who.name || who.person}`) : null);
}

function caseRow(c) {
  const top = c.top_candidate;
  return h('tr', { dataset: { case: c.id } },
    h('td', { class: 'num' }, h('a', { href: `#/case/${c.id}` }, `#${c.id}`)),
    h('td', null, h('a', { href: `#/case/${c.id}` }, c.title || '(untitled)'),
      h('br'), h('small', { class: 'muted' }, `opened ${fmtTime(c.opened_ms)}`)),
    h('td', null, h('span', { class: `status ${c.status}` }, c.status)),
    h('td', null, top ? personLink(top.pseudonym) : '–',
      top ? h('small', { class: 'muted' }, ` ${top.score.toFixed(1)}`) : null),
    h('td', { class: 'num' }, `${c.playbook_done}/${c.playbook_steps}`),
    h('td', { class: 'num' }, c.evidence_count),
    h('td', { class: 'num' }, c.entries, h('br'), h('small', { class: 'hash' }, short(c.head))),
    h('td', null, verifiedBadge(c)));
}

export async function casesPage(app) {
  const data = await api('/api/cases');
  app.append(h('section', { class: 'panel head' }, h('div', null, h('h1', null, 'Cases'),
    h('p', { class: 'muted' }, 'Extortion cases with candidates, evidence and the response ' +
      'playbook, from `molehunt extortion` and `molehunt case`. Each case is an append-only ' +
      'log chained by SHA-256, verified again every time this page loads.'))));
  if (!data.available || !data.cases.length) {
    app.append(h('p', { class: 'empty', id: 'cases-empty' },
      'No cases in this store yet: molehunt extortion opens one from an extortion e-mail.'));
    return;
  }
  if (data.problems.length)
    app.append(h('div', { class: 'panel error', id: 'cases-problems' }, data.problems.join('; ')));
  app.append(h('table', { class: 'people cases', id: 'cases' },
    h('thead', null, h('tr', null, ['case', 'title', 'status', 'top candidate', 'playbook',
      'evidence', 'entries', 'chain'].map((t) => h('th', null, t)))),
    h('tbody', null, data.cases.map(caseRow))));
  if (data.total > data.cases.length)
    app.append(h('p', { class: 'muted' }, `${data.cases.length} newest of ${data.total} cases.`));
}

function timeline(log) {
  return h('ol', { class: 'caselog', id: 'case-log' }, log.map((e) => h('li',
    { class: `entry kind-${(e.kind || 'bad').replace('.', '-')}` },
    h('div', { class: 'when' }, h('b', null, `#${e.seq}`), ' ', fmtTime(e.ts_ms),
      h('span', { class: 'chip' }, e.kind || 'not JSON'), h('small', { class: 'muted' }, e.by)),
    h('div', { class: 'what' }, e.text),
    h('div', { class: 'hash', title: `prev ${e.prev}\nhash ${e.hash}` },
      `${short(e.prev)} → ${short(e.hash)}`))));
}

function evidenceTable(list) {
  if (!list.length) return h('p', { class: 'muted' }, 'No evidence stored.');
  return h('table', { class: 'generic', id: 'case-evidence' },
    h('thead', null, h('tr', null, ['role', 'name', 'size', 'SHA-256'].map((t) => h('th', null, t)))),
    h('tbody', null, list.map((e) => h('tr', null, h('td', null, e.role), h('td', null, e.name),
      h('td', { class: 'num' }, `${fmtNum(e.size)} B`), h('td', { class: 'hash' }, e.sha256)))));
}

function playbookList(steps) {
  if (!steps.length) return h('p', { class: 'muted' }, 'No playbook in this case.');
  return h('ol', { class: 'playbook', id: 'case-playbook' }, steps.map((s) => h('li',
    { class: s.done ? 'done' : 'todo', dataset: { step: s.id } },
    h('span', { class: 'check', 'aria-label': s.done ? 'done' : 'to do' }, s.done ? '☑' : '☐'),
    h('div', null, h('b', null, s.title), h('small', { class: 'muted' }, ` (${s.id})`),
      s.done ? h('div', { class: 'donemark' }, `done ${fmtTime(s.done_ms)} by ${s.done_by}` +
        (s.done_text ? `: ${s.done_text}` : '')) : null,
      h('p', null, s.action), h('small', { class: 'muted' }, s.source)))));
}

function candidateTable(list) {
  if (!list.length) return h('p', { class: 'muted' }, 'No candidates.');
  return h('table', { class: 'people', id: 'case-candidates' },
    h('thead', null, h('tr', null, ['#', 'person', 'attribution score', 'leaked files matched',
      'risk', 'why'].map((t) => h('th', null, t)))),
    h('tbody', null, list.map((c) => h('tr', { dataset: { pseudonym: c.pseudonym || '' } },
      h('td', { class: 'num' }, c.rank), h('td', null, personLink(c.pseudonym)),
      h('td', { class: 'num' }, c.score.toFixed(1)),
      h('td', { class: 'num' }, `${c.matched_files} (${Math.round(100 * c.coverage)}%)`),
      h('td', { class: 'score' }, scoreBar(c.risk)),
      h('td', null, h('ul', { class: 'reasons-list' }, c.reasons.map((r) => h('li', null, r))))))));
}

export async function casePage(app, [id]) {
  const c = await api(`/api/cases/${id}`);
  app.append(
    h('a', { href: '#/cases', class: 'back' }, '← all cases'),
    h('section', { class: 'panel head' },
      h('div', null,
        h('h1', { id: 'case-title' }, `Case #${c.id}: ${c.title}`),
        h('p', null, h('span', { class: `status ${c.status}` }, c.status),
          ` · opened ${fmtTime(c.opened_ms)}`,
          c.closed_ms ? ` · closed ${fmtTime(c.closed_ms)}${c.close_reason ? `: ${c.close_reason}` : ''}` : '',
          ` · ${c.entries} entries · playbook ${c.playbook_done}/${c.playbook_steps}`),
        h('p', { class: 'hash' }, `head ${c.head}`)),
      h('div', { id: 'case-verify', class: 'verifybox' }, verifiedBadge(c),
        c.problems.length ? h('ul', { class: 'error' }, c.problems.map((p) => h('li', null, p))) :
          h('small', { class: 'muted block' }, `${c.checked.entries} entries and ` +
            `${c.checked.evidence} evidence blobs checked just now`))),
    h('section', { class: 'panel' }, h('h3', null, 'Candidates'), candidateTable(c.candidates)),
    h('section', { class: 'cols' },
      h('div', { class: 'panel' }, h('h3', null, 'Playbook'), playbookList(c.playbook)),
      h('div', { class: 'panel' }, h('h3', null, 'Log (hash-chained)'), timeline(c.log),
        c.log_truncated ? h('small', { class: 'muted' }, 'later entries not shown') : null)),
    h('section', { class: 'panel' }, h('h3', null, 'Evidence'), evidenceTable(c.evidence)));
}
