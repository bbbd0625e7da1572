// A table of uniform objects: one column per key of the first row.
import { h } from '../dom.js';

function cell(v) {
  if (v === null || v === undefined) return '–';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : x)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function genericTable(rows, empty) {
  if (!rows || !rows.length) return h('p', { class: 'muted' }, empty);
  const keys = Object.keys(rows[0]);
  return h('table', { class: 'generic' },
    h('thead', null, h('tr', null, keys.map((k) => h('th', null, k.replace(/_/g, ' '))))),
    h('tbody', null, rows.map((r) => h('tr', null, keys.map((k) => h('td', null, cell(r[k])))))));
}
