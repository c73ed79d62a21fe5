// dates.mjs: dates relative to the day a test runs, so that no test depends on today's
// date. `daysAgo(n)` is the UTC date n days before today (YYYY-MM-DD), `ago(n, 'HH:MM')`
// a time on that date (ISO 8601 UTC), `born(age)` a date of birth that makes a child
// `age` years and about half a year old today (so also `age` for the weeks around it),
// and `ukDate(n)` the date n days ago written DD/MM/YYYY.
const DAY = 86400e3
const TODAY = Math.floor(Date.now() / DAY) * DAY

export function daysAgo (n) {
  return new Date(TODAY - n * DAY).toISOString().slice(0, 10)
}

export function ago (n, hhmm = '10:00') {
  return `${daysAgo(n)}T${hhmm}:00Z`
}

export function born (age) {
  const d = new Date(TODAY - 183 * DAY)
  if (d.getUTCMonth() === 1 && d.getUTCDate() === 29) d.setUTCDate(28)
  d.setUTCFullYear(d.getUTCFullYear() - age)
  return d.toISOString().slice(0, 10)
}

export function ukDate (n) {
  const [y, m, d] = daysAgo(n).split('-')
  return `${d}/${m}/${y}`
}

// The time h hours before now (ISO 8601 UTC, whole seconds): for reports that must be
// recent, such as an absence still within its managed timeframe (R-MISS-4).
export function hoursAgo (h) {
  return new Date(Math.floor(Date.now() / 1000 - h * 3600) * 1000).toISOString().replace(/\.000Z$/, 'Z')
}
