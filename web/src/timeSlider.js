// Scrubbing days on the node view: a slider over the days of the node's history (its bounds and its links' periods,
// up to today); moving it sets the day, and the drawing follows.
import { $ } from './dom.js';
import { dayNumberOfUnix, dayOfNumber, numberOfDay, todayUtc } from './time.js';

const DefaultSpanDays = 365;

export class TimeSlider {
  /** @param {(day: string) => void} onDay called with the day picked, as the thumb moves */
  constructor(onDay) {
    this.input = $('day-slider');
    this.output = $('day-slider-value');
    this.input.addEventListener('input', () => {
      const day = dayOfNumber(Number(this.input.value));
      this.#show(day);
      onDay(day);
    });
  }

  /** Spans the days from the first moment of `history` (node bounds and periods) to today (or its last moment), at `day`. */
  setRange(history, day) {
    const moments = [history.node.from, history.node.to, ...history.relationships.flatMap((r) => r.periods)].filter((m) => m != null);
    const today = numberOfDay(todayUtc());
    const first = moments.length ? dayNumberOfUnix(Math.min(...moments)) : today - DefaultSpanDays;
    const last = Math.max(today, moments.length ? dayNumberOfUnix(Math.max(...moments)) : today);
    this.input.min = String(Math.min(first, last - 1));
    this.input.max = String(last);
    this.follow(day);
  }

  /** Moves the thumb to `day` (the day field changed by hand) without calling back. */
  follow(day) {
    this.input.value = String(numberOfDay(day));
    this.#show(dayOfNumber(Number(this.input.value)));
  }

  #show(day) {
    this.output.textContent = day;
    this.input.setAttribute('aria-valuetext', day);
  }
}
