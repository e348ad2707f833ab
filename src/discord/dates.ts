/** Parses the /timeline `from`/`to` options: 2023, 2023-11, 2023-11-01 (also "Nov 2023", "1 Nov 2023"). */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A `YYYY-MM-DD` bound: `from` takes the first day of the period named, `to` the last.
 * `null` when the text is not a date.
 */
export function parseDateBound(text: string, side: 'from' | 'to'): string | null {
  const s = text.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  let year: number;
  let month: number | null = null;
  let day: number | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(s))) {
    year = Number(m[1]);
    month = m[2] ? Number(m[2]) : null;
    day = m[3] ? Number(m[3]) : null;
  } else if ((m = /^(?:(\d{1,2}) )?([a-z]{3})[a-z]*\.? (\d{4})$/.exec(s))) {
    const idx = MONTHS.indexOf(m[2] ?? '');
    if (idx < 0) return null;
    year = Number(m[3]);
    month = idx + 1;
    day = m[1] ? Number(m[1]) : null;
  } else if ((m = /^([a-z]{3})[a-z]*\.? (\d{1,2}) (\d{4})$/.exec(s))) {
    const idx = MONTHS.indexOf(m[1] ?? '');
    if (idx < 0) return null;
    year = Number(m[3]);
    month = idx + 1;
    day = Number(m[2]);
  } else {
    return null;
  }
  if (year < 1000 || year > 9999) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (month === null) return side === 'from' ? `${year}-01-01` : `${year}-12-31`;
  const last = daysIn(year, month);
  if (day !== null && (day < 1 || day > last)) return null;
  const d = day ?? (side === 'from' ? 1 : last);
  return `${year}-${pad(month)}-${pad(d)}`;
}
