// One person's story: who (pseudonymised until an investigator reveals
// them), why the score, how it moved, when they work against their stated
// zone, what they did day by day, what they share with others.
import { api, remember, revealed } from '../api.js';
import { heatmap, lineChart, scoreBar, timeline } from '../charts.js';
import { clear, fmtDay, fmtNum, fmtTime, h, scoreClass } from '../dom.js';

function offsetText(min) {
  const sign = min < 0 ? '−' : '+';
  const a = Math.abs(min);
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function identityBox(p, session, onReveal) {
  const who = revealed(p.pseudonym);
  const box = h('div', { class: 'identity', id: 'identity' });
  if (who) {
    box.append(h('div', { class: 'revealed-id' },
      h('b', null, who.name || '(no name)'), ' · ', who.email || who.person,
      h('small', { class: 'muted' }, ` · key ${who.person}`)));
    return box;
  }
  if (!session.canReveal) {
    box.append(h('small', { class: 'muted' }, 'Identity hidden. An investigator can reveal it.'));
    return box;
  }
  const reason = h('input', { id: 'reveal-reason', placeholder: 'reason (case, ticket…)',
    'aria-label': 'reason for revealing', maxlength: 500 });
  const err = h('span', { class: 'error', hidden: true });
  const form = h('form', { class: 'reveal', id: 'reveal-form' }, reason,
    h('button', { type: 'submit', class: 'danger', id: 'reveal' }, 'Reveal identity'), err);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const id = await api(`/api/people/${p.pseudonym}/reveal`, { method: 'POST',
        body: { reason: reason.value } });
      remember(id);
      onReveal();
    } catch (e) {
      err.hidden = false;
      err.textContent = e.message;
    }
  });
  box.append(form, h('small', { class: 'muted' }, 'Every reveal is written to the audit log.'));
  return box;
}

function contributions(list) {
  if (!list.length) return h('p', { class: 'muted' }, 'No findings contribute to the score.');
  const max = Math.max(...list.map((c) => c.points), 1);
  return h('table', { class: 'contrib' }, list.map((c) => {
    const fill = h('span', { class: 'fill high' });
    fill.style.width = `${(100 * c.points) / max}%`;
    return h('tr', null, h('td', null, c.detector), h('td', { class: 'muted' }, c.family),
      h('td', { class: 'barcell' }, h('span', { class: 'scorebar' }, fill)),
      h('td', { class: 'num' }, `+${c.points.toFixed(1)}`));
  }));
}

function findings(list) {
  if (!list.length) return h('p', { class: 'muted' }, 'No findings.');
  return list.map((f) => h('details', { class: 'finding', open: true },
    h('summary', null, h('span', { class: 'chip' }, f.detector),
      h('b', null, ` +${f.points.toFixed(1)} `), f.summary,
      h('small', { class: 'muted' }, ` · ${f.count}× · ${fmtDay(f.first_ms)} → ${fmtDay(f.last_ms)}`)),
    f.evidence.length ? h('table', { class: 'evidence' },
      f.evidence.map((e) => h('tr', null, h('td', { class: 'nowrap' }, fmtTime(e.ts_ms)),
        h('td', { class: 'src' }, e.source ? `${e.source}:${e.line}` : '(aggregate)'),
        h('td', null, e.text)))) : null));
}

function artifacts(arts, pseudonym) {
  const kinds = Object.keys(arts);
  if (!kinds.length) return h('p', { class: 'muted' }, 'No artifacts.');
  return h('div', { class: 'artgrid' }, kinds.map((k) => h('div', { class: 'artkind' },
    h('h4', null, k.replace('_', ' ')),
    h('table', null, arts[k].slice(0, 12).map((a) => h('tr', { class: a.people > 1 ? 'shared' : '' },
      h('td', { class: 'val' }, a.value),
      h('td', { class: 'num' }, fmtNum(a.count)),
      h('td', null, a.people > 1 ? h('a', { href: `#/graph?person=${pseudonym}` },
        `shared by ${a.people}`) : ''))),
    arts[k].length > 12 ? h('small', { class: 'muted' }, `${arts[k].length - 12} more`) : null))));
}

function reveals(list) {
  if (!list.length) return h('p', { class: 'muted', id: 'reveals' }, 'Never revealed.');
  return h('table', { class: 'audit', id: 'reveals' }, list.map((a) => h('tr', null,
    h('td', { class: 'nowrap' }, fmtTime(a.at_ms)), h('td', null, a.action),
    h('td', null, `${a.by} (${a.role})`), h('td', null, a.reason))));
}

export async function personPage(app, [pseudonym], _params, session) {
  const p = await api(`/api/people/${pseudonym}`);
  const act = p.activity;
  let local = true;
  const heat = h('div', { id: 'heat' });
  const zone = act.timezone ? `${act.timezone} (${offsetText(act.utc_offset_min)})` : 'UTC (no stated zone)';
  const drawHeat = () => clear(heat).append(local ?
    heatmap(act.heat_local, `Days active by hour, in the stated zone ${zone}`) :
    heatmap(act.heat_utc, 'Days active by hour, UTC'));
  drawHeat();
  const marks = p.findings.flatMap((f) => f.evidence.filter((e) => e.ts_ms)
    .map((e) => ({ t: e.ts_ms, label: `${f.detector}: ${e.text}` })));
  app.append(
    h('a', { href: '#/people', class: 'back' }, '← all people'),
    h('section', { class: 'panel head person' },
      h('div', null,
        h('h1', { id: 'pseudonym' }, p.pseudonym, ' ',
          h('span', { class: `badge ${scoreClass(p.score)}` }, `#${p.rank}`)),
        h('p', null, [p.title, p.department, p.country, act.timezone].filter(Boolean).join(' · ') ||
          'not on the roster'),
        h('p', { class: 'muted' }, `${fmtNum(p.events)} events · first ${fmtDay(p.first_ms)} · ` +
          `last ${fmtDay(p.last_ms)}`),
        identityBox(p, session, () => personPage(clear(app), [pseudonym], _params, session))),
      h('div', { class: 'bigscore' }, scoreBar(p.score), h('small', null, 'risk score'))),
    h('section', { class: 'cols' },
      h('div', { class: 'panel' }, h('h3', null, 'Why this score'), contributions(p.contributions)),
      h('div', { class: 'panel' }, h('h3', null, 'Risk history'),
        lineChart(p.score_history.filter((x) => x.as_of_ms > 0)
          .map((x) => ({ t: x.as_of_ms, v: x.score }))))),
    h('section', { class: 'panel' }, h('h3', null, 'Timeline'),
      h('p', { class: 'legend' }, h('i', { class: 'k bar' }), 'events ',
        h('i', { class: 'k flagged' }), 'flagged sign-in ', h('i', { class: 'k move' }),
        'data movement ', h('i', { class: 'k mark' }), 'finding evidence'),
      timeline(act.days, marks)),
    h('section', { class: 'panel' }, h('h3', null, 'When they work'),
      h('div', { class: 'toggle' },
        h('button', { class: 'on', id: 'heat-local', onclick: (ev) => {
          local = true;
          ev.target.classList.add('on');
          ev.target.nextSibling.classList.remove('on');
          drawHeat();
        } }, 'stated zone'),
        h('button', { id: 'heat-utc', onclick: (ev) => {
          local = false;
          ev.target.classList.add('on');
          ev.target.previousSibling.classList.remove('on');
          drawHeat();
        } }, 'UTC')),
      heat),
    h('section', { class: 'panel' }, h('h3', null, 'Findings'), findings(p.findings)),
    h('section', { class: 'panel' }, h('h3', null, 'Artifacts'), artifacts(p.artifacts, p.pseudonym)),
    h('section', { class: 'panel' }, h('h3', null, 'Identity reveals (audit)'), reveals(p.reveals)));
}
