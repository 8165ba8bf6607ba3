// What a value read from the page's URL may be, by its name: the API's own patterns. The router checks
// every value against this table before a screen sees it, and the path builders refuse anything but a
// Sid, so no value of a link reaches a request unchecked.

const HEX32 = '[0-9a-f]{32}';
const ANY_SID = new RegExp(`^[A-Z]{2}${HEX32}$`);
const EVENT_TYPE = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_CHARACTERS = /^[0-9a-fA-F:.]{2,45}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))?$/;
/** No value the console reads is longer (an event type is at most 128 characters). */
const MAX_LENGTH = 128;

export function isSid(value, prefix) {
  return typeof value === 'string' && ANY_SID.test(value) && (!prefix || value.startsWith(prefix));
}

function isIpAddress(value) {
  if (IPV4.test(value)) return true;
  if (!value.includes(':') || !IPV6_CHARACTERS.test(value)) return false;
  try {
    // The URL parser checks an IPv6 literal strictly, and resolves nothing.
    new URL(`http://[${value}]/`);
    return true;
  } catch {
    return false;
  }
}

function isCalendarDay(year, month, day) {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/** A filter bound as the API takes it: a day, or an ISO 8601 date and time (fraction and offset optional). */
function isFilterDate(value) {
  const day = DAY.exec(value);
  if (day) return isCalendarDay(day[1], day[2], day[3]);
  const moment = DATE_TIME.exec(value);
  if (!moment) return false;
  const [, year, month, date, hour, minute, second, , , offsetHours, offsetMinutes] = moment;
  return isCalendarDay(year, month, date) && Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59
    && (offsetHours === undefined || (Number(offsetHours) <= 18 && Number(offsetMinutes) <= 59));
}

/** A filter bound as milliseconds: a day starts at its midnight (UTC) and ends at its last millisecond. */
export function filterDateMillis(value, end) {
  if (DAY.test(value)) return Date.parse(`${value}T00:00:00Z`) + (end ? 86400e3 - 1 : 0);
  const moment = DATE_TIME.exec(value);
  const fraction = moment[7] ? moment[7].slice(0, 4) : '';
  return Date.parse(`${value.slice(0, 19)}${fraction}${moment[8] || 'Z'}`);
}

const sid = (prefix, what) => ({
  valid: (value) => isSid(value, prefix),
  expected: `${what} (${prefix} followed by 32 lowercase hex digits)`,
});
const oneOf = (values) => ({ valid: (value) => values.includes(value), expected: `one of ${values.join(', ')}` });

/** The query parameters the screens read. */
const QUERY_PARAMETERS = {
  AccountSid: sid('AC', 'an Account SID'),
  EventType: { valid: (value) => EVENT_TYPE.test(value), expected: 'an event type such as phone-number.created' },
  SourceIpAddress: { valid: isIpAddress, expected: 'an IPv4 or IPv6 address' },
  ActorSid: { valid: (value) => isSid(value), expected: 'a Sid (two capital letters and 32 lowercase hex digits)' },
  ResourceSid: { valid: (value) => isSid(value), expected: 'a Sid (two capital letters and 32 lowercase hex digits)' },
  StartDate: { valid: isFilterDate, expected: 'a day (YYYY-MM-DD) or an ISO 8601 date and time' },
  EndDate: { valid: isFilterDate, expected: 'a day (YYYY-MM-DD) or an ISO 8601 date and time' },
  ErrorCode: { valid: (value) => /^[0-9]{1,10}$/.test(value), expected: 'an error code of 1 to 10 digits' },
  LogLevel: oneOf(['error', 'warning', 'notice', 'debug']),
  Interval: oneOf(['minute', 'hour', 'day']),
  Range: oneOf(['1h', '24h', '7d', '30d']),
  Status: oneOf(['pending', 'delivered', 'failed']),
  SourceSid: {
    valid: (value) => isSid(value, 'AK') || isSid(value, 'UT'),
    expected: 'the Sid of an alert trigger (AK…) or a usage trigger (UT…)',
  },
  PageSize: { valid: (value) => /^[1-9][0-9]{0,3}$/.test(value) && Number(value) <= 1000, expected: 'a whole number from 1 to 1000' },
};

/** The Sids a console path may hold. */
export const PATH_PARAMETERS = {
  AlertSid: sid('NO', 'an alert Sid'),
  AlarmSid: sid('AK', 'an alert trigger Sid'),
  UsageTriggerSid: sid('UT', 'a usage trigger Sid'),
  ConnectAppSid: sid('CN', 'a Connect app Sid'),
};

/** A value as an error message quotes it: short, and its invisible characters shown as escapes. */
function quoted(value) {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return `'${shown.replace(/[\p{C}\p{Z}]/gu, (character) => (character === ' ' ? ' ' : `\\u{${character.codePointAt(0).toString(16)}}`))}'`;
}

function valid(rule, value) {
  return value.length <= MAX_LENGTH && rule.valid(value);
}

/** Null when a link's value may be used, else what is wrong with it, naming the parameter. */
export function problemOf(name, value, table, where = 'in this link') {
  const rule = table[name];
  return valid(rule, value) ? null : `${name} ${where} is ${quoted(value)}, which is not ${rule.expected}.`;
}

/** Null when a filter field's value may be used, else what it must be (for the message beside the field). */
export function fieldProblem(name, value) {
  const rule = QUERY_PARAMETERS[name];
  return valid(rule, value) ? null : `Must be ${rule.expected}.`;
}

/**
 * The known parameters of a query string, each checked: {values, problems}. An empty value counts as
 * absent; a parameter given twice is refused (which one would a screen use?). Names the console does
 * not read are left alone: nothing reads them.
 */
export function readQuery(search) {
  const values = {};
  const problems = [];
  const params = new URLSearchParams(search);
  Object.keys(QUERY_PARAMETERS).forEach((name) => {
    const given = params.getAll(name).filter((value) => value !== '');
    if (!given.length) return;
    if (given.length > 1) {
      problems.push({ name, message: `${name} is given ${given.length} times in this link.` });
      return;
    }
    const problem = problemOf(name, given[0], QUERY_PARAMETERS);
    if (problem) problems.push({ name, message: problem });
    else values[name] = given[0];
  });
  return { values, problems };
}
