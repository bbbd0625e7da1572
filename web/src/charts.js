// Small SVG charts: no library, sized by viewBox so they scale with the page.
import { h, s, scoreClass } from './dom.js';

export function scoreBar(score) {
  const fill = h('span', { class: `fill ${scoreClass(score)}` });
  fill.style.width = `${Math.max(0, Math.min(100, score))}%`;
  return h('span', { class: 'scorebar', title: `score ${score.toFixed(1)} of 100` },
    fill, h('b', null, score.toFixed(0)));
}

// People per score band (20 bands of 5); click a band to filter from it.
export function histogram(bins, onPick) {
  const W = 400, H = 70, max = Math.max(1, ...bins);
  const bw = W / bins.length;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H + 14}`, class: 'histogram', role: 'img',
    'aria-label': 'people by score band' });
  bins.forEach((n, i) => {
    // Log scale: 10,000 people at score 0 must not flatten the few at 90.
    const bh = n ? Math.max(2, (Math.log10(n + 1) / Math.log10(max + 1)) * H) : 0;
    const r = s('rect', { x: i * bw + 1, y: H - bh, width: bw - 2, height: bh,
      class: `band ${scoreClass(i * 5 + 0.1)}` },
      s('title', null, `${i * 5}–${i * 5 + 5}: ${n} people`));
    if (onPick) r.addEventListener('click', () => onPick(i * 5));
    svg.append(r);
  });
  for (const x of [0, 25, 50, 75, 100])
    svg.append(s('text', { x: (x / 100) * W, y: H + 12, class: 'axis',
      'text-anchor': x === 0 ? 'start' : x === 100 ? 'end' : 'middle' }, String(x)));
  return svg;
}

// Score over time, 0..100.
export function lineChart(points, opts = {}) {
  const W = 600, H = 140, P = 28;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'linechart', role: 'img',
    'aria-label': opts.label || 'risk history' });
  if (!points.length) {
    svg.append(s('text', { x: W / 2, y: H / 2, class: 'empty', 'text-anchor': 'middle' },
      'no score history yet'));
    return svg;
  }
  const t0 = points[0].t, t1 = Math.max(points[points.length - 1].t, t0 + 1);
  const x = (t) => P + ((t - t0) / (t1 - t0)) * (W - 2 * P);
  const y = (v) => H - P + 8 - (v / 100) * (H - P - 8);
  for (const v of [0, 50, 100]) {
    svg.append(s('line', { x1: P, x2: W - P, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(s('text', { x: P - 4, y: y(v) + 3, class: 'axis', 'text-anchor': 'end' }, v));
  }
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`)
    .join('');
  const area = `${d}L${x(points[points.length - 1].t)},${y(0)}L${x(t0)},${y(0)}Z`;
  svg.append(s('path', { d: area, class: 'area' }), s('path', { d, class: 'line' }));
  for (const p of points)
    svg.append(s('circle', { cx: x(p.t), cy: y(p.v), r: 3, class: `dot ${scoreClass(p.v)}` },
      s('title', null, `${new Date(p.t).toISOString().slice(0, 10)}: ${p.v.toFixed(1)}`)));
  svg.append(
    s('text', { x: P, y: H - 4, class: 'axis' }, new Date(t0).toISOString().slice(0, 10)),
    s('text', { x: W - P, y: H - 4, class: 'axis', 'text-anchor': 'end' },
      new Date(t1).toISOString().slice(0, 10)));
  return svg;
}

// Activity per day with sign-in trouble and data movement marked, and the
// days with finding evidence ticked underneath.
export function timeline(days, marks) {
  const W = 900, H = 150, P = 30;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img',
    'aria-label': 'activity timeline' });
  if (!days.length) {
    svg.append(s('text', { x: W / 2, y: H / 2, class: 'empty', 'text-anchor': 'middle' },
      'no activity recorded'));
    return svg;
  }
  const dayMs = (d) => Date.parse(`${d}T00:00:00Z`);
  const t0 = dayMs(days[0].day), t1 = Math.max(dayMs(days[days.length - 1].day), t0) + 864e5;
  const x = (t) => P + ((t - t0) / (t1 - t0)) * (W - 2 * P);
  const bw = Math.max(1.5, (W - 2 * P) / ((t1 - t0) / 864e5) - 1);
  const max = Math.max(1, ...days.map((d) => d.events));
  const base = H - 40;
  for (const d of days) {
    const t = dayMs(d.day), bh = Math.max(1, (d.events / max) * (base - 10));
    const cls = d.moves ? 'bar move' : d.signin_flagged ? 'bar flagged' : 'bar';
    svg.append(s('rect', { x: x(t), y: base - bh, width: bw, height: bh, class: cls },
      s('title', null, `${d.day}: ${d.events} events, ${d.hours} active hours, ` +
        `${d.signins} sign-ins (${d.signin_fail} failed, ${d.signin_flagged} flagged), ` +
        `${d.moves} data movements`)));
  }
  for (const m of marks) {
    if (m.t < t0 || m.t > t1) continue;
    svg.append(s('path', { d: `M${x(m.t)},${base + 4}l-4,8h8z`, class: 'mark' },
      s('title', null, `${new Date(m.t).toISOString().slice(0, 16)}Z ${m.label}`)));
  }
  svg.append(s('line', { x1: P, x2: W - P, y1: base, y2: base, class: 'grid' }),
    s('text', { x: P, y: H - 6, class: 'axis' }, days[0].day),
    s('text', { x: W - P, y: H - 6, class: 'axis', 'text-anchor': 'end' },
      days[days.length - 1].day));
  return svg;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// 7 x 24 days-active grid; the stated working day (Mon-Fri 09-18) outlined.
export function heatmap(matrix, caption) {
  const C = 22, L = 34, T = 16;
  const W = L + 24 * C + 2, H = T + 7 * C + 2;
  const max = Math.max(1, ...matrix.flat());
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'heatmap', role: 'img',
    'aria-label': caption });
  for (let hr = 0; hr < 24; hr += 3)
    svg.append(s('text', { x: L + hr * C + C / 2, y: 11, class: 'axis', 'text-anchor': 'middle' },
      String(hr).padStart(2, '0')));
  matrix.forEach((row, d) => {
    svg.append(s('text', { x: L - 6, y: T + d * C + C * 0.68, class: 'axis', 'text-anchor': 'end' },
      WEEKDAYS[d]));
    row.forEach((n, hr) => {
      const k = n ? 0.15 + 0.85 * (n / max) : 0;
      const cell = s('rect', { x: L + hr * C + 1, y: T + d * C + 1, width: C - 2, height: C - 2,
        rx: 3, class: n ? 'cell on' : 'cell' },
        s('title', null, `${WEEKDAYS[d]} ${String(hr).padStart(2, '0')}:00 — active on ${n} days`));
      if (n) cell.style.fillOpacity = k.toFixed(2);
      svg.append(cell);
    });
  });
  svg.append(s('rect', { x: L + 9 * C, y: T + 1 * C, width: 9 * C, height: 5 * C,
    class: 'workday' }, s('title', null, 'stated working hours: Mon–Fri 09:00–18:00')));
  return h('figure', { class: 'heatfig' }, svg, h('figcaption', null, caption));
}
