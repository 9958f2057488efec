/**
 * Jekyll front-matter dates: `YYYY-MM-DD[ HH:MM[:SS[.frac]]][ ±HHMM|±HH:MM|Z]` (also `T` between date
 * and time). The date is kept as written: its calendar day is the day in the post's own offset.
 */
export interface JekyllDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset from UTC in minutes, or null when the date has none (Jekyll then uses the site time zone). */
  offsetMinutes: number | null;
  /** `YYYY-MM-DD` as written. */
  ymd: string;
}

// Anchored, no nested quantifiers: linear on any input.
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?: ?(Z|[+-]\d{2}:?\d{2}))?$/;

export function parseJekyllDate(input: string): JekyllDate | null {
  const match = DATE.exec(input.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offsetMinutes: number | null = null;
  if (zone === 'Z') offsetMinutes = 0;
  else if (zone !== undefined) {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return { year, month, day, hour, minute, second, offsetMinutes, ymd: `${y}-${mo}-${d}` };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * `YYYY-MM-DD-slug.ext` → its parts, or null when the name is not a Jekyll post name. Jekyll's own
 * matcher takes one-digit months and days too (`2019-1-7-calendar.md`); `ymd` is written zero-padded.
 */
export function parseJekyllPostName(fileName: string): { ymd: string; slug: string; ext: string; validDate: boolean } | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})-(.*)\.([A-Za-z0-9]+)$/.exec(fileName);
  if (!match) return null;
  const [, y, mo, d, slug, ext] = match;
  const month = Number(mo);
  const day = Number(d);
  const validDate = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(y), month);
  return { ymd: `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`, slug: slug!, ext: ext!, validDate };
}

/** The file name of a path (`/` or `\` separated), extension kept: what Jekyll reads the post's date from. */
export function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
