// What a failure of the open node impacts at a moment: active nodes first, then the others, a page at a time.
import { $, el, clear, show } from './dom.js';
import { Newest } from './newest.js';
import { formatUnix, nowUtcLocalInput, unixSecondsOf } from './time.js';
import { WhyView } from './whyView.js';

const PageSize = 20;

export class ImpactedPanel {
  constructor(app) {
    this.app = app;
    this.query = null;
    this.newest = new Newest();
    this.skip = 0;
    this.total = 0;
    this.why = new WhyView(app);
    $('impacted-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#start();
    });
    $('impacted-prev').addEventListener('click', () => this.#page(this.skip - PageSize));
    $('impacted-next').addEventListener('click', () => this.#page(this.skip + PageSize));
  }

  show(labels, node) {
    this.node = node;
    const select = $('impacted-label');
    const previous = select.value;
    clear(select);
    for (const { name } of labels) select.append(el('option', { value: name }, name));
    if (labels.some((l) => l.name === previous)) select.value = previous;
    if (!$('impacted-moment').value) $('impacted-moment').value = nowUtcLocalInput();
    this.query = null;
    clear($('impacted'));
    $('impacted-summary').textContent = '';
    $('impacted-prev').disabled = true;
    $('impacted-next').disabled = true;
    this.why.hide();
    show($('impacted-panel'), true);
  }

  hide() {
    show($('impacted-panel'), false);
  }

  async #start() {
    const ts = unixSecondsOf($('impacted-moment').value);
    if (!Number.isFinite(ts)) {
      $('impacted-summary').textContent = 'Pick a moment first.';
      return;
    }
    this.query = { ...this.node, impactedLabel: $('impacted-label').value, ts };
    this.why.hide();
    const q = this.query;
    const counted = await this.app.call((api, team) => api.impactedCount(team, q.label, q.name, q));
    if (!counted || this.query !== q) return;
    this.total = counted.count;
    await this.#page(0);
  }

  async #page(skip) {
    const q = this.query;
    if (!q) return;
    const page = await this.newest.run(() => this.app.call((api, team) => api.impacted(team, q.label, q.name, { ...q, skip, limit: PageSize })));
    if (!page) return;
    this.skip = skip;
    const list = $('impacted');
    clear(list);
    list.start = skip + 1;
    for (const node of page) {
      list.append(el('li', { class: node.active ? '' : 'inactive' },
        el('a', { href: this.app.nodeHref(q.impactedLabel, node.name) }, node.name),
        el('span', { class: node.active ? 'badge' : 'badge muted' }, node.active ? 'active' : 'inactive'),
        el('button', {
          type: 'button',
          class: 'why',
          'aria-label': `Why is ${node.name} impacted?`,
          onclick: () => this.why.explain(q, { label: q.impactedLabel, name: node.name }, q.ts),
        }, 'why?')));
    }
    const at = `${formatUnix(q.ts)} UTC`;
    $('impacted-summary').textContent = this.total === 0
      ? `No ${q.impactedLabel} node is impacted at ${at}.`
      : `${this.total} ${q.impactedLabel} node${this.total === 1 ? '' : 's'} impacted at ${at}; showing ${skip + 1}–${skip + page.length}, active first.`;
    $('impacted-prev').disabled = skip === 0;
    $('impacted-next').disabled = skip + page.length >= this.total;
  }
}
