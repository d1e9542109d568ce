// Days and moments are UTC everywhere in Depc; the page shows and picks them as UTC too.

export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The value for an <input type="datetime-local"> showing now in UTC, to the second. */
export const nowUtcLocalInput = () => new Date().toISOString().slice(0, 19);

/** Unix seconds of a datetime-local value read as UTC. */
export function unixSecondsOf(localInput) {
  const withSeconds = localInput.length === 16 ? `${localInput}:00` : localInput;
  return Math.floor(Date.parse(`${withSeconds}Z`) / 1000);
}

export const formatUnix = (seconds) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);

/** A node's or entry's from/to bounds (Unix seconds, either may be absent) in words. */
export function describeBounds(from, to) {
  if (from == null && to == null) return 'Exists at all times.';
  if (to == null) return `Exists from ${formatUnix(from)} UTC.`;
  if (from == null) return `Exists until ${formatUnix(to)} UTC.`;
  return `Exists from ${formatUnix(from)} to ${formatUnix(to)} UTC.`;
}

const DaySeconds = 86_400;

/** The UTC day (YYYY-MM-DD) of a day number (days since 1970-01-01), and back. */
export const dayOfNumber = (n) => new Date(n * DaySeconds * 1000).toISOString().slice(0, 10);
export const numberOfDay = (day) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000 / DaySeconds);

/** The day number of a Unix time in seconds. */
export const dayNumberOfUnix = (seconds) => Math.floor(seconds / DaySeconds);
