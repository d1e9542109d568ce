// Only the newest of a series of requests counts: an answer to an earlier one (another node, the previous day,
// an older keystroke) may arrive after it and must not overwrite what the newer one shows.
export class Newest {
  #latest = 0;

  /** The answer of `request`, or null when it failed or a newer request started (or `forget` ran) meanwhile. */
  async run(request) {
    const mine = ++this.#latest;
    const answer = await request();
    return mine === this.#latest ? answer : null;
  }

  /** Makes every request under way stale. */
  forget() {
    this.#latest++;
  }
}
