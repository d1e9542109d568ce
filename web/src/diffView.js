// What changed between two moments around the open node (or in its label, or the whole team): relationships that
// appeared drawn in green, those that disappeared dashed in red, with a legend, and every change listed in words.
import { $, el, clear, show } from './dom.js';
import { draw, labelColours, nodeData } from './drawing.js';
import { Newest } from './newest.js';
import { formatUnix, unixSecondsOf } from './time.js';

const Limit = 200;
const WeekSeconds = 7 * 86_400;

// Both keep more than 4.5:1 against the white drawing and page (5.6:1 and 6.5:1).
const Appeared = '#1b7a36';
const Disappeared = '#b3261e';

export class DiffView {
  constructor(app) {
    this.app = app;
    this.node = null;
    this.cy = null;
    this.newest = new Newest();
    $('diff-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#compare();
    });
  }

  show(node) {
    this.node = node;
    if (!$('diff-to').value) {
      const now = Math.floor(Date.now() / 1000);
      $('diff-to').value = new Date(now * 1000).toISOString().slice(0, 19);
      $('diff-from').value = new Date((now - WeekSeconds) * 1000).toISOString().slice(0, 19);
    }
    this.#clear();
    show($('diff-panel'), true);
  }

  hide() {
    this.newest.forget();
    show($('diff-panel'), false);
  }

  async #compare() {
    const from = unixSecondsOf($('diff-from').value);
    const to = unixSecondsOf($('diff-to').value);
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
      $('diff-summary').textContent = 'Pick two moments, the first one earlier.';
      return;
    }
    const scope = $('diff-scope').value;
    const query = { from, to, limit: Limit };
    if (scope !== 'team') query.label = this.node.label;
    if (scope === 'node') query.node = this.node.name;
    const answer = await this.newest.run(() => this.app.call((api, team) => api.diff(team, query)));
    if (!answer) return;
    this.#draw(answer);
    this.#list($('diff-appeared'), answer.appeared);
    this.#list($('diff-disappeared'), answer.disappeared);
    const count = (side) => side.nodes.length + side.relationships.length;
    const where = scope === 'team' ? 'in the team' : scope === 'label' ? `among ${this.node.label} nodes` : `around ${this.node.name}`;
    $('diff-summary').textContent = count(answer.appeared) + count(answer.disappeared) === 0
      ? `Nothing changed ${where} between ${formatUnix(from)} and ${formatUnix(to)} UTC.`
      : `${count(answer.appeared)} appeared and ${count(answer.disappeared)} disappeared ${where} between ${formatUnix(from)} and ${formatUnix(to)} UTC`
        + (answer.appeared.relationships.length === Limit || answer.disappeared.relationships.length === Limit ? ` (the first ${Limit} of each).` : '.');
  }

  #draw(answer) {
    const links = [
      ...answer.appeared.relationships.map((r) => ({ ...r, change: 'appeared' })),
      ...answer.disappeared.relationships.map((r) => ({ ...r, change: 'disappeared' })),
    ];
    const nodes = new Map();
    const key = (n) => `${n.label}\u0000${n.name}`;
    for (const n of links.flatMap((r) => [r.source, r.target])) nodes.set(key(n), { ...n, change: '' });
    for (const n of answer.appeared.nodes) nodes.set(key(n), { ...n, change: 'appeared' });
    for (const n of answer.disappeared.nodes) nodes.set(key(n), { ...n, change: 'disappeared' });
    const ids = new Map([...nodes.keys()].map((k, i) => [k, `d${i}`]));
    const colour = labelColours([...nodes.values()].map((n) => n.label));
    const elements = [
      ...[...nodes.entries()].map(([k, n]) => ({ data: nodeData(ids.get(k), n.label, n.name, colour(n.label)), classes: n.change })),
      ...links.map((r, i) => ({ data: { id: `e${i}`, source: ids.get(key(r.source)), target: ids.get(key(r.target)) }, classes: r.change })),
    ];
    const container = $('diff-graph');
    show(container, elements.length > 0);
    this.cy = draw(container, this.cy, elements, { name: 'breadthfirst', directed: true, spacingFactor: 1.1 }, [
      { selector: 'edge.appeared', style: { 'line-color': Appeared, 'target-arrow-color': Appeared, width: 3 } },
      { selector: 'edge.disappeared', style: { 'line-color': Disappeared, 'target-arrow-color': Disappeared, 'line-style': 'dashed', width: 3 } },
      { selector: 'node.appeared', style: { 'border-width': 4, 'border-color': Appeared } },
      { selector: 'node.disappeared', style: { 'border-width': 4, 'border-color': Disappeared, 'border-style': 'dashed' } },
    ]);
    container.setAttribute('aria-label', `Changes drawn: ${answer.appeared.relationships.length} links appeared (green), ${answer.disappeared.relationships.length} disappeared (dashed red); the same changes are listed below.`);
    container.dataset.appeared = String(answer.appeared.relationships.length);
    container.dataset.disappeared = String(answer.disappeared.relationships.length);
  }

  #list(list, side) {
    clear(list);
    for (const n of side.nodes) list.append(el('li', {}, el('a', { href: this.app.nodeHref(n.label, n.name) }, n.name), el('span', { class: 'badge' }, n.label)));
    for (const r of side.relationships) {
      list.append(el('li', {},
        el('a', { href: this.app.nodeHref(r.source.label, r.source.name) }, r.source.name),
        ' depends on ',
        el('a', { href: this.app.nodeHref(r.target.label, r.target.name) }, r.target.name)));
    }
    if (side.nodes.length + side.relationships.length === 0) list.append(el('li', { class: 'hint' }, 'nothing'));
  }

  #clear() {
    this.cy?.destroy();
    this.cy = null;
    show($('diff-graph'), false);
    $('diff-summary').textContent = '';
    clear($('diff-appeared'));
    clear($('diff-disappeared'));
  }
}
