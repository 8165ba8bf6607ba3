// Formatting shared by the screens.
const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

const dayOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: '2-digit' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Parses ISO 8601 and the 2010-04-01 API's RFC 2822 dates. */
export function parseDate(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function localDate(value) {
  const date = parseDate(value);
  return date ? dateTime.format(date) : '';
}

export function localDay(value) {
  const date = parseDate(value);
  return date ? dayOnly.format(date) : '';
}

export function localTime(value) {
  const date = parseDate(value);
  return date ? timeOnly.format(date) : '';
}

export function utcDate(value) {
  const date = parseDate(value);
  return date ? date.toISOString().replace('.000Z', 'Z') : '';
}

/** A moment as the API's filters take it: YYYY-MM-DDThh:mm:ssZ. */
export function apiMoment(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function number(value) {
  return Number(value).toLocaleString();
}

/**
 * What a reader cannot see, and a spreadsheet may skip, before a cell's first sign: whitespace and
 * every Unicode space (NBSP U+00A0, U+2000-U+200A, U+3000, ...), controls, format characters (zero-width
 * space U+200B, joiners U+200C U+200D U+2060, BOM U+FEFF, direction marks, soft hyphen), and the blank
 * letters and marks that draw nothing (Hangul fillers, the braille blank, the grapheme joiner, variation selectors).
 */
const INVISIBLE = /^[\s\p{Z}\p{Cc}\p{Cf}\u034F\u115F\u1160\u2800\u3164\uFFA0\uFE00-\uFE0F]*/u;
/** = + - @ and the signs a spreadsheet may read as them: full-width, small forms, the minus sign U+2212. */
const FORMULA_SIGN = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]/u;

/**
 * One CSV cell per RFC 4180, with spreadsheet formulas neutralised: a cell whose first visible
 * character is a formula sign, or that starts with a tab, CR or LF, gets a leading quote (').
 */
export function csvCell(value) {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[\t\r\n]/.test(text) || FORMULA_SIGN.test(text.replace(INVISIBLE, ''))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values) {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Twilio's field names (friendly_name, triggerValue) as words. */
export function label(name) {
  return name.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
