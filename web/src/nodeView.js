// One node: its bounds, a drawing of its direct neighbours on a day, and the same neighbours as a list.
import { $, el, clear, show } from './dom.js';
import { GraphDrawing } from './graph.js';
import { HistoryStrip } from './historyStrip.js';
import { Newest } from './newest.js';
import { TimeSlider } from './timeSlider.js';
import { describeBounds, todayUtc } from './time.js';

export class NodeView {
  constructor(app) {
    this.app = app;
    this.current = null;
    this.newest = new Newest();
    this.drawing = new GraphDrawing($('graph'), (label, name) => app.openNode(label, name));
    this.history = new HistoryStrip(app);
    this.slider = new TimeSlider((day) => {
      $('day').value = day;
      this.refresh();
    });
    $('day').value = todayUtc();
    $('day').addEventListener('change', () => {
      if (!$('day').value) return;
      this.slider.follow($('day').value);
      this.refresh();
    });
    $('inactive').addEventListener('change', () => this.refresh());
    for (const radio of document.querySelectorAll('input[name="direction"]')) {
      radio.addEventListener('change', () => this.refresh());
    }
  }

  reset() {
    this.current = null;
    this.newest.forget();
    this.drawing.clear();
    $('node-title').textContent = 'No node selected';
    show($('node-empty'), true);
    show($('node-details'), false);
  }

  async open(label, name) {
    const node = await this.app.call((api, team) => api.node(team, label, name), { notFound: () => this.#notFound(label, name) });
    if (!node) return false;
    this.current = { label, name };
    $('node-title').textContent = `${label}: ${name}`;
    $('node-period').textContent = describeBounds(node.from, node.to);
    show($('node-empty'), false);
    show($('node-details'), true);
    const [, history] = await Promise.all([this.refresh(), this.history.load(label, name)]);
    if (history) this.slider.setRange(history, $('day').value || todayUtc());
    return true;
  }

  async refresh() {
    if (!this.current) return;
    const { label, name } = this.current;
    const impacted = document.querySelector('input[name="direction"]:checked').value === 'dependents';
    const options = { day: $('day').value || todayUtc(), inactive: $('inactive').checked, impacted };
    const answer = await this.newest.run(() => this.app.call((api, team) => api.neighbours(team, label, name, options)));
    if (!answer) return;
    const root = answer.graph.nodes[0];
    const inactiveById = new Map();
    const list = $('neighbours');
    clear(list);
    for (const other of answer.graph.nodes.slice(1)) {
      const entry = (answer.dependencies[other.label] ?? []).find((e) => e.name === other.title);
      const inactive = Boolean(entry?.inactive);
      inactiveById.set(other.id, inactive);
      list.append(el('li', { class: inactive ? 'inactive' : '' },
        el('a', { href: this.app.nodeHref(other.label, other.title) }, other.title),
        el('span', { class: 'badge' }, other.label),
        inactive ? el('span', { class: 'badge muted' }, 'inactive') : ''));
    }
    this.drawing.draw(answer.graph, root.id, inactiveById);
    const empty = $('neighbours-empty');
    const none = answer.graph.nodes.length === 1;
    empty.textContent = impacted ? 'Nothing depends on this node on that day.' : 'This node depends on nothing on that day.';
    if (none && !options.inactive) empty.textContent += ' Tick "Show inactive links" to see links that are not active then.';
    show(empty, none);
  }

  #notFound(label, name) {
    this.reset();
    $('node-title').textContent = 'Unknown node';
    $('node-empty').textContent = `There is no ${label} node named "${name}" in this team's graph (it may have been deleted).`;
  }
}
