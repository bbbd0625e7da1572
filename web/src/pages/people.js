// The ranked list: everyone by score, paged on the server (the list holds
// 10,000 people easily because only one page crosses the wire), searchable
// by pseudonym, department, title, country, zone or detector.
import { api, revealed } from '../api.js';
import { histogram, scoreBar } from '../charts.js';
import { clear, debounce, fmtDay, fmtNum, h } from '../dom.js';

const PAGE = 50;

function personCell(p) {
  const who = revealed(p.pseudonym);
  return h('td', { class: 'who' },
    h('a', { href: `#/person/${p.pseudonym}`, class: 'pseudo' }, p.pseudonym),
    who ? h('span', { class: 'revealed', title: 'revealed in this session' },
      ` ${who.name || who.person}`) : null,
    p.resolved ? null : h('span', { class: 'tag', title: 'not on the roster' }, 'unresolved'));
}

function reasons(p) {
  if (!p.reasons.length) return h('td', { class: 'reasons muted' }, '–');
  return h('td', { class: 'reasons' },
    p.reasons.map((r) => h('span', { class: 'chip', title: r.summary },
      r.detector, h('small', null, ` +${r.points.toFixed(0)}`))),
    p.finding_count > p.reasons.length ?
      h('small', { class: 'muted' }, ` and ${p.finding_count - p.reasons.length} more`) : null);
}

function row(p) {
  return h('tr', { dataset: { pseudonym: p.pseudonym } },
    h('td', { class: 'num' }, p.rank),
    personCell(p),
    h('td', { class: 'score' }, scoreBar(p.score)),
    reasons(p),
    h('td', null, p.department || '–', h('br'), h('small', { class: 'muted' }, p.title || '')),
    h('td', null, p.country || '–', h('br'), h('small', { class: 'muted' }, p.timezone || '')),
    h('td', { class: 'num' }, fmtNum(p.events), h('br'),
      h('small', { class: 'muted' }, fmtDay(p.last_ms))));
}

export async function peoplePage(app, _m, params) {
  const state = {
    q: params.get('q') || '',
    min: Number(params.get('min') || 0),
    offset: Number(params.get('offset') || 0),
  };
  const stats = h('div', { class: 'stats' });
  const hist = h('div', { class: 'histwrap' });
  const search = h('input', { type: 'search', id: 'search', value: state.q,
    placeholder: 'search pseudonym, department, title, country, detector…',
    'aria-label': 'search people' });
  const min = h('input', { type: 'range', id: 'minscore', min: 0, max: 95, step: 5,
    value: state.min, 'aria-label': 'minimum score' });
  const minLabel = h('output', null, `score ≥ ${state.min}`);
  const tbody = h('tbody');
  const pager = h('div', { class: 'pager' });
  app.append(
    h('section', { class: 'panel head' },
      h('div', null, h('h1', null, 'People by risk'), stats),
      hist),
    h('div', { class: 'filters' }, search, h('label', null, min, minLabel)),
    h('table', { class: 'people', id: 'people' },
      h('thead', null, h('tr', null, h('th', null, '#'), h('th', null, 'person'),
        h('th', null, 'score'), h('th', null, 'top reasons'), h('th', null, 'department'),
        h('th', null, 'location'), h('th', null, 'events'))),
      tbody),
    pager);

  async function load() {
    const qs = new URLSearchParams({ offset: state.offset, limit: PAGE, min_score: state.min });
    if (state.q) qs.set('q', state.q);
    const data = await api(`/api/people?${qs}`);
    clear(stats).append(
      h('span', null, h('b', null, fmtNum(data.total)), ' people'),
      h('span', null, h('b', null, fmtNum(data.flagged)), ' with findings'),
      h('span', { class: 'muted' }, `as of ${new Date(data.as_of_ms).toISOString().slice(11, 19)} UTC`));
    clear(hist).append(histogram(data.histogram, (v) => {
      state.min = v;
      min.value = v;
      minLabel.value = `score ≥ ${v}`;
      state.offset = 0;
      load();
    }));
    clear(tbody).append(...data.people.map(row));
    if (!data.people.length)
      tbody.append(h('tr', null, h('td', { colspan: 7, class: 'empty' }, 'Nobody matches.')));
    const last = Math.min(data.offset + data.people.length, data.matched);
    clear(pager).append(
      h('button', { disabled: state.offset === 0, onclick: () => {
        state.offset = Math.max(0, state.offset - PAGE);
        load();
      } }, '← previous'),
      h('span', { id: 'range' }, data.matched ?
        `${fmtNum(data.offset + 1)}–${fmtNum(last)} of ${fmtNum(data.matched)}` : '0'),
      h('button', { disabled: last >= data.matched, onclick: () => {
        state.offset += PAGE;
        load();
      } }, 'next →'));
  }

  search.addEventListener('input', debounce(() => {
    state.q = search.value.trim();
    state.offset = 0;
    load();
  }, 200));
  min.addEventListener('input', debounce(() => {
    state.min = Number(min.value);
    minLabel.value = `score ≥ ${state.min}`;
    state.offset = 0;
    load();
  }, 150));
  await load();
}
