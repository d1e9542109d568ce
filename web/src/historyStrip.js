// A node's history as a timeline: one strip per relationship touching it (and one for the node itself), its periods
// drawn as bars on a common time axis, the same periods written out for those who do not look at the bars.
import { $, el, clear, show } from './dom.js';
import { Newest } from './newest.js';
import { formatUnix } from './time.js';

const Svg = 'http://www.w3.org/2000/svg';
const Width = 600;
const Height = 14;

export class HistoryStrip {
  constructor(app) {
    this.app = app;
    this.newest = new Newest();
  }

  /** Fetches and draws the history of a node; returns it (null on failure or when another node was opened meanwhile). */
  async load(label, name) {
    const history = await this.newest.run(() => this.app.call((api, team) => api.history(team, label, name)));
    if (history) this.render(history);
    return history;
  }

  /** Draws `history` ({node, relationships}, as GET …/history answers). */
  render(history) {
    const list = $('history-strips');
    clear(list);
    const moments = [history.node.from, history.node.to, ...history.relationships.flatMap((r) => r.periods)].filter((m) => m != null);
    const now = Math.floor(Date.now() / 1000);
    const start = moments.length ? Math.min(...moments) : now;
    const end = Math.max(now, ...moments);
    $('history-range').textContent = `From ${formatUnix(start)} to ${formatUnix(end)} UTC; a bar is a period the link (or the node) was active.`;

    const node = history.node;
    const nodePeriods = node.from == null && node.to == null ? [] : [node.from ?? start, ...(node.to == null ? [] : [node.to])];
    list.append(strip('the node itself', nodePeriods, start, end, null));
    for (const r of history.relationships) {
      const caption = r.direction === 'out' ? `depends on ${r.name} (${r.label})` : `${r.name} (${r.label}) depends on it`;
      list.append(strip(caption, r.periods, start, end, this.app.nodeHref(r.label, r.name)));
    }
    show($('history-empty'), history.relationships.length === 0);
  }
}

function strip(caption, periods, start, end, href) {
  const spans = spansOf(periods, end);
  const words = periods.length === 0 ? 'always' : spans.map(([s, e]) => (e === end && periods.length % 2 === 1 ? `since ${formatUnix(s)}` : `${formatUnix(s)} to ${formatUnix(e)}`)).join('; ');
  const svg = document.createElementNS(Svg, 'svg');
  svg.setAttribute('viewBox', `0 0 ${Width} ${Height}`);
  svg.setAttribute('class', 'strip');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${caption}: ${words}`);
  const span = Math.max(1, end - start);
  for (const [s, e] of periods.length === 0 ? [[start, end]] : spans) {
    const bar = document.createElementNS(Svg, 'rect');
    bar.setAttribute('x', String(((s - start) / span) * Width));
    bar.setAttribute('width', String(Math.max(2, ((e - s) / span) * Width)));
    bar.setAttribute('y', '2');
    bar.setAttribute('height', String(Height - 4));
    svg.append(bar);
  }
  const title = href ? el('a', { href }, caption) : el('span', {}, caption);
  return el('li', { class: 'strip-row' }, el('span', { class: 'strip-caption' }, title), svg, el('span', { class: 'strip-periods' }, words));
}

/** [start, end] pairs of a flat period list; an open last period runs to `end`. */
function spansOf(periods, end) {
  const spans = [];
  for (let i = 0; i < periods.length; i += 2) spans.push([periods[i], i + 1 < periods.length ? periods[i + 1] : end]);
  return spans;
}
