// The team's most recent rejected messages, newest first, with the reason each was refused.
import { $, el, clear, show } from './dom.js';
import { formatUnix } from './time.js';

const Shown = 50;
const PayloadChars = 160;

export class RejectionsPanel {
  constructor(app) {
    this.app = app;
    $('rejections-refresh').addEventListener('click', () => this.load());
  }

  async load() {
    const entries = await this.app.call((api, team) => api.rejections(team, Shown));
    if (!entries) return;
    const body = $('rejections').tBodies[0];
    clear(body);
    for (const r of entries) {
      const payload = r.payload.length > PayloadChars ? `${r.payload.slice(0, PayloadChars)}…` : r.payload;
      body.append(el('tr', {},
        el('td', {}, formatUnix(r.time)),
        el('td', {}, `${r.source} ${r.origin}`),
        el('td', {}, r.reason),
        el('td', {}, el('code', {}, payload))));
    }
    show($('rejections'), entries.length > 0);
    show($('rejections-empty'), entries.length === 0);
  }
}
