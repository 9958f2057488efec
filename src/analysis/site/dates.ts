import { parseJekyllDate, type JekyllDate } from '../../text/jekyll-date.js';

/**
 * Dates as the generators read them. Jekyll parses a post's date with `Time.parse(input).localtime`
 * in the process zone that `timezone:` sets, so a date written with another offset moves to the site's
 * calendar day; a date without an offset is read in the site's zone as written.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** A calendar date and clock time, without a zone. */
export type WallTime = Pick<JekyllDate, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>;

/** The wall-clock time of an instant in `zone` (UTC when undefined). */
export function wallTimeIn(epochMs: number, zone: string | undefined): WallTime {
  if (!zone) {
    const d = new Date(epochMs);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  }
  // A site's posts are dated by a few instants each, asked for by the site index and by each date rule:
  // ICU's formatToParts costs microseconds, a look-up none. Keyed by value; bounded.
  const key = `${zone} ${epochMs}`;
  let wall = wallTimes.get(key);
  if (!wall) {
    if (wallTimes.size >= MAX_WALL_TIMES) wallTimes.clear();
    const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
    wall = { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second) };
    wallTimes.set(key, wall);
  }
  return { ...wall };
}

const wallTimes = new Map<string, WallTime>();
const MAX_WALL_TIMES = 10_000;

/** Offset of `zone` from UTC at an instant, in minutes. */
export function zoneOffsetMinutes(epochMs: number, zone: string | undefined): number {
  const w = wallTimeIn(epochMs, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

export function ymd(w: { year: number; month: number; day: number }): string {
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The instant a written date stands for, when it carries an offset. */
export function instantOf(date: JekyllDate): number | null {
  if (date.offsetMinutes === null) return null;
  return Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute, date.second) - date.offsetMinutes * 60_000;
}

/**
 * The calendar day Jekyll files a post under: the written date converted to the site's zone when it
 * has an offset, else the date as written.
 */
export function jekyllDay(written: string, zone: string | undefined): { ymd: string; date: JekyllDate } | null {
  const date = parseJekyllDate(written);
  if (!date) return null;
  const instant = instantOf(date);
  return { ymd: instant === null ? date.ymd : ymd(wallTimeIn(instant, zone)), date };
}

/** `+0900`-style offset text, in the style of `like` (`+09:00` when it has a colon, `Z` stays `Z` only for 0). */
export function formatOffset(minutes: number, like = '+0000'): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return like.includes(':') ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}
