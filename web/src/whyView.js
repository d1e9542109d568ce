// "Why?" on an impacted node: its witness chain to the failing node, drawn from left to right and listed with each
// link's periods; on an inactive chain the inactive nodes and links are flagged (dashed and marked "inactive").
import { $, el, clear, show } from './dom.js';
import { draw, labelColours, nodeData } from './drawing.js';
import { Newest } from './newest.js';
import { formatUnix } from './time.js';

export class WhyView {
  constructor(app) {
    this.app = app;
    this.cy = null;
    this.newest = new Newest();
  }

  /** Shows why `impacted` ({label, name}) is impacted when `failing` ({label, name}) fails at `ts`. */
  async explain(failing, impacted, ts) {
    const answer = await this.newest.run(() => this.app.call((api, team) => api.why(team, failing.label, failing.name, {
      impactedLabel: impacted.label, impactedNode: impacted.name, ts,
    })));
    if (!answer) return;
    show($('why-view'), true);
    $('why-title').textContent = `Why ${impacted.name} is impacted`;
    $('why-summary').textContent = answer.active
      ? `Every node and link of this chain is active at ${formatUnix(ts)} UTC.`
      : `No chain is wholly active at ${formatUnix(ts)} UTC: the shortest one is shown, its inactive parts marked.`;
    this.#draw(answer);
    this.#list(answer);
  }

  hide() {
    this.newest.forget();
    this.cy?.destroy();
    this.cy = null;
    show($('why-view'), false);
  }

  #draw(answer) {
    const colour = labelColours(answer.path.map((n) => n.label));
    const elements = [
      ...answer.path.map((n, i) => ({ data: nodeData(`c${i}`, n.label, n.name, colour(n.label)), classes: n.inactive ? 'inactive' : '' })),
      ...answer.relationships.map((r, i) => ({ data: { id: `l${i}`, source: `c${i}`, target: `c${i + 1}` }, classes: r.inactive ? 'inactive' : '' })),
    ];
    const container = $('why-graph');
    this.cy = draw(container, this.cy, elements, { name: 'grid', rows: 1, avoidOverlapPadding: 30 }, [
      { selector: 'edge', style: { 'line-color': '#1f5fa8', 'target-arrow-color': '#1f5fa8' } },
      { selector: 'edge.inactive', style: { 'line-color': '#6b6b6b', 'target-arrow-color': '#6b6b6b', 'line-style': 'dashed' } },
      { selector: 'node.inactive', style: { 'border-width': 3, 'border-color': '#6b6b6b', 'border-style': 'dashed' } },
    ]);
    container.setAttribute('aria-label', `Chain of ${answer.path.length} nodes from ${answer.path[0].name} to ${answer.path.at(-1).name}; listed below.`);
    container.dataset.nodes = String(answer.path.length);
    container.dataset.inactive = String(answer.path.filter((n) => n.inactive).length + answer.relationships.filter((r) => r.inactive).length);
  }

  #list(answer) {
    const list = $('why-chain');
    clear(list);
    answer.path.forEach((n, i) => {
      const item = el('li', { class: n.inactive ? 'inactive' : '' },
        el('a', { href: this.app.nodeHref(n.label, n.name) }, n.name),
        el('span', { class: 'badge' }, n.label),
        n.inactive ? el('span', { class: 'badge muted' }, 'inactive') : '');
      const link = answer.relationships[i];
      if (link) {
        item.append(el('p', { class: link.inactive ? 'hop inactive' : 'hop' },
          `depends on the next one: ${describePeriods(link.periods)}`,
          link.inactive ? el('span', { class: 'badge muted' }, 'inactive link') : ''));
      }
      list.append(item);
    });
  }
}

function describePeriods(periods) {
  if (periods.length === 0) return 'always';
  const parts = [];
  for (let i = 0; i < periods.length; i += 2) {
    parts.push(i + 1 < periods.length ? `${formatUnix(periods[i])} to ${formatUnix(periods[i + 1])}` : `since ${formatUnix(periods[i])}`);
  }
  return parts.join('; ');
}
