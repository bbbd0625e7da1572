// Shared infrastructure: people (circles, coloured by score) joined to the
// IP addresses, MFA devices, hosts and USB devices they share (squares). A
// laptop farm is one square with several red circles around it; the panel
// beside the graph lists those hubs first.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY }
  from 'd3-force';
import { api } from '../api.js';
import { clear, h } from '../dom.js';

const KINDS = ['ip', 'mfa_device', 'host', 'usb'];
const KIND_COLOUR = { ip: '#2f6fde', mfa_device: '#8a3fd1', host: '#0f8f7a', usb: '#c77d00',
  asn: '#777', country: '#777', file_hash: '#555', repo: '#555' };

function scoreColour(s) {
  if (s >= 70) return '#d7263d';
  if (s >= 40) return '#f08a24';
  if (s > 0) return '#e3c84f';
  return '#9aa5b1';
}

// Hubs whose people carry risk: the farms, listed by how many risky people.
function hubs(nodes, links) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map();
  for (const l of links) {
    const a = byId.get(l.source.id || l.source), p = byId.get(l.target.id || l.target);
    if (!out.has(a.id)) out.set(a.id, { node: a, people: [], risky: 0 });
    const e = out.get(a.id);
    e.people.push(p);
    if (p.score >= 40) e.risky++;
  }
  return [...out.values()].filter((e) => e.people.length >= 2)
    .sort((x, y) => y.risky - x.risky || y.people.length - x.people.length);
}

export async function graphPage(app, _m, params) {
  const focus = params.get('person');
  const kinds = new Set(KINDS);
  const maxPeople = h('input', { type: 'number', id: 'max-people', min: 2, max: 1000, value: 25,
    'aria-label': 'largest group per artifact' });
  const boxes = KINDS.map((k) => {
    const cb = h('input', { type: 'checkbox', checked: true, value: k });
    cb.addEventListener('change', () => {
      if (cb.checked) kinds.add(k);
      else kinds.delete(k);
      load();
    });
    return h('label', { class: 'kind' }, cb, h('i', { class: 'sw', dataset: { kind: k } }), k.replace('_', ' '));
  });
  maxPeople.addEventListener('change', () => load());
  const canvas = h('canvas', { id: 'graph', width: 1000, height: 640 });
  const tip = h('div', { class: 'tip', hidden: true });
  const side = h('aside', { class: 'hubs', id: 'hubs' });
  const status = h('p', { class: 'muted', id: 'graph-status' }, 'loading…');
  app.append(
    h('section', { class: 'panel head' }, h('div', null,
      h('h1', null, 'Shared infrastructure'),
      h('p', { class: 'muted' }, focus ? `Around ${focus}. ` : '',
        'People (circles, red = high risk) linked to the artifacts they share (squares). ',
        'Artifacts shared by more people than the limit (office egress, VPN exits) are left out.'))),
    h('div', { class: 'filters' }, boxes, h('label', null, 'at most ', maxPeople, ' people per artifact'),
      focus ? h('a', { href: '#/graph' }, 'show everyone') : null),
    h('div', { class: 'graphwrap' }, h('div', { class: 'canvaswrap' }, canvas, tip), side),
    status);

  let sim = null;
  async function load() {
    if (sim) sim.stop();
    const qs = new URLSearchParams({ kinds: [...kinds].join(','), max_people: maxPeople.value || 25 });
    if (focus) qs.set('person', focus);
    const g = await api(`/api/graph?${qs}`);
    sim = draw(canvas, tip, g, side, status);
  }
  await load();
}

function draw(canvas, tip, g, side, status) {
  const nodes = g.nodes.map((n) => ({ ...n }));
  const links = g.links.map((l) => ({ ...l }));
  const degree = new Map();
  for (const l of links) degree.set(l.source, (degree.get(l.source) || 0) + 1);
  for (const n of nodes) n.r = n.type === 'person' ? 5 + n.score / 25 : 5 + Math.sqrt(degree.get(n.id) || 1) * 2.2;
  const dpr = window.devicePixelRatio || 1;
  const W = canvas.clientWidth || 1000, H = canvas.clientHeight || 640;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  const ctx = canvas.getContext('2d');
  const view = { k: 1, x: 0, y: 0 };
  const found = hubs(nodes, links);

  clear(side).append(h('h3', null, 'Most people per artifact'),
    found.length ? h('ol', null, found.slice(0, 12).map((e) => h('li', { class: e.risky >= 2 ? 'farm' : '' },
      h('span', { class: 'sw', dataset: { kind: e.node.kind } }), h('b', null, e.node.label),
      h('small', null, ` ${e.node.kind.replace('_', ' ')} · ${e.people.length} people` +
        (e.risky ? ` · ${e.risky} at risk` : '')),
      h('div', { class: 'members' }, e.people.map((p) => h('a', { href: `#/person/${p.label}` }, p.label)))))) :
      h('p', { class: 'muted' }, 'Nobody shares infrastructure under these settings.'));
  status.textContent = `${nodes.filter((n) => n.type === 'person').length} people, ` +
    `${nodes.filter((n) => n.type === 'artifact').length} shared artifacts, ${links.length} links` +
    (g.truncated ? ' (truncated)' : '');
  canvas.dataset.nodes = String(nodes.length);
  canvas.dataset.links = String(links.length);

  // Zoom so the whole layout fills the canvas (a small graph is not a speck).
  function fit() {
    if (!nodes.length) return;
    const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    view.k = Math.max(0.2, Math.min(3, W / (x1 - x0 + 160), H / (y1 - y0 + 120)));
    view.x = W / 2 - (view.k * (x0 + x1)) / 2;
    view.y = H / 2 - (view.k * (y0 + y1)) / 2;
  }

  function paint() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.translate(view.x, view.y);
    ctx.scale(view.k, view.k);
    ctx.strokeStyle = 'rgba(90,100,120,0.35)';
    ctx.lineWidth = 1 / view.k;
    ctx.beginPath();
    for (const l of links) {
      ctx.moveTo(l.source.x, l.source.y);
      ctx.lineTo(l.target.x, l.target.y);
    }
    ctx.stroke();
    for (const n of nodes) {
      ctx.fillStyle = n.type === 'person' ? scoreColour(n.score) : KIND_COLOUR[n.kind] || '#555';
      ctx.beginPath();
      if (n.type === 'person') ctx.arc(n.x, n.y, n.r, 0, 2 * Math.PI);
      else ctx.rect(n.x - n.r, n.y - n.r, 2 * n.r, 2 * n.r);
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1.2 / view.k;
      ctx.stroke();
    }
    ctx.fillStyle = '#1d2733';
    ctx.font = `${11 / view.k}px system-ui, sans-serif`;
    for (const n of nodes)
      if ((n.type === 'artifact' && (degree.get(n.id) || 0) >= 3) || (n.type === 'person' && n.score >= 70))
        ctx.fillText(n.label, n.x + n.r + 2, n.y + 3);
  }

  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((d) => d.id).distance(28).strength(0.9))
    .force('charge', forceManyBody().strength(-40).distanceMax(220))
    .force('collide', forceCollide((d) => d.r + 1.5))
    .force('center', forceCenter(W / 2, H / 2))
    .force('x', forceX(W / 2).strength(0.04))
    .force('y', forceY(H / 2).strength(0.06))
    .on('tick', paint)
    .on('end', () => {
      canvas.dataset.ready = '1';
    });
  // Settle most of the layout before the first paint so a farm is visible at once.
  sim.stop();
  sim.tick(Math.min(300, 60 + nodes.length / 4));
  fit();
  paint();
  canvas.dataset.ready = '1';
  sim.alpha(0.05).restart();

  const at = (ev) => {
    const b = canvas.getBoundingClientRect();
    const x = (ev.clientX - b.left - view.x) / view.k, y = (ev.clientY - b.top - view.y) / view.k;
    return nodes.find((n) => (n.x - x) ** 2 + (n.y - y) ** 2 <= (n.r + 2) ** 2);
  };
  let drag = null;
  canvas.onmousedown = (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
  };
  canvas.onmousemove = (ev) => {
    if (drag) {
      view.x = drag.vx + ev.clientX - drag.x;
      view.y = drag.vy + ev.clientY - drag.y;
      drag.moved = drag.moved || Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3;
      paint();
      return;
    }
    const n = at(ev);
    tip.hidden = !n;
    if (n) {
      tip.textContent = n.type === 'person' ?
        `${n.label} · score ${n.score.toFixed(0)} · ${n.department || 'no department'}` :
        `${n.kind.replace('_', ' ')} ${n.label} · shared by ${n.people}`;
      tip.style.left = `${ev.offsetX + 12}px`;
      tip.style.top = `${ev.offsetY + 12}px`;
    }
    canvas.style.cursor = n && n.type === 'person' ? 'pointer' : 'default';
  };
  canvas.onmouseup = (ev) => {
    const moved = drag && drag.moved;
    drag = null;
    const n = !moved && at(ev);
    if (n && n.type === 'person') location.hash = `#/person/${n.label}`;
  };
  canvas.onwheel = (ev) => {
    ev.preventDefault();
    const b = canvas.getBoundingClientRect();
    const mx = ev.clientX - b.left, my = ev.clientY - b.top;
    const k = Math.max(0.2, Math.min(6, view.k * (ev.deltaY < 0 ? 1.15 : 1 / 1.15)));
    view.x = mx - ((mx - view.x) * k) / view.k;
    view.y = my - ((my - view.y) * k) / view.k;
    view.k = k;
    paint();
  };
  return sim;
}
