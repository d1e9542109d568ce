// The team's labels with node counts, and a searchable list of one label's nodes.
import { $, el, clear, show } from './dom.js';
import { Newest } from './newest.js';

const PageSize = 200;
const SearchDelayMs = 250;

export class Sidebar {
  constructor(app) {
    this.app = app;
    this.label = null;
    this.searchTimer = 0;
    this.newest = new Newest();
    $('node-search').addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.#loadNodes(), SearchDelayMs);
    });
  }

  async load() {
    this.label = null;
    $('node-search').value = '';
    $('node-search').disabled = true;
    clear($('nodes'));
    $('nodes-hint').textContent = '';
    const labels = await this.app.call((api, team) => api.labels(team));
    if (!labels) return [];
    const list = $('labels');
    clear(list);
    if (labels.length === 0) {
      list.append(el('li', { class: 'hint' }, 'No nodes yet: this team has not sent any accepted message.'));
    }
    for (const { name, nodes_count: count } of labels) {
      list.append(el('li', {}, el('button', { type: 'button', class: 'label-button', 'data-label': name, onclick: () => this.selectLabel(name) },
        el('span', {}, name), el('span', { class: 'count', 'aria-label': `${count} nodes` }, String(count)))));
    }
    return labels;
  }

  async selectLabel(label) {
    this.label = label;
    for (const button of $('labels').querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.label === label));
    }
    $('node-search').disabled = false;
    $('node-search').value = '';
    await this.#loadNodes();
    $('node-search').focus();
  }

  async #loadNodes() {
    const label = this.label;
    if (!label) return;
    const search = $('node-search').value.trim();
    const names = await this.newest.run(() => this.app.call((api, team) => api.nodes(team, label, search, PageSize + 1)));
    if (!names) return;
    const list = $('nodes');
    clear(list);
    for (const name of names.slice(0, PageSize)) {
      list.append(el('li', {}, el('a', { href: this.app.nodeHref(label, name) }, name)));
    }
    const hint = $('nodes-hint');
    if (names.length === 0) hint.textContent = search ? `No ${label} node's name contains "${search}".` : `No ${label} nodes.`;
    else if (names.length > PageSize) hint.textContent = `Showing the first ${PageSize}; type to narrow the list.`;
    else hint.textContent = `${names.length} node${names.length === 1 ? '' : 's'}.`;
    show(hint, true);
  }
}
