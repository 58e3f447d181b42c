// China's official working-day calendar for the duty verifier (docs/calendar.md, the one explanation of the data and
// the counting): Monday to Friday, less the State Council's days off, plus its working weekend days (调休). The notices
// are typed here again from docs/calendar.md rather than read from the server, so that a verifier does not take the
// calendar from the party it checks; docs/working-day-vectors.json (written by the .NET calendar) cross-checks every day.
// Dates are ISO "yyyy-MM-dd" strings; a date in a year without its notice throws, naming the year, never a guess.

/** Each year's notice: days off beyond weekends and weekend days worked, in the notice's notation (docs/calendar.md). */
export const NOTICES = [
  { year: 2021, number: '国办发明电〔2020〕27号', issued: '2020-11-25',
    daysOff: ['01-01..03', '02-11..17', '04-03..05', '05-01..05', '06-12..14', '09-19..21', '10-01..07'],
    workingWeekendDays: ['02-07', '02-20', '04-25', '05-08', '09-18', '09-26', '10-09'] },
  { year: 2022, number: '国办发明电〔2021〕11号', issued: '2021-10-25',
    daysOff: ['01-01..03', '01-31..02-06', '04-03..05', '04-30..05-04', '06-03..05', '09-10..12', '10-01..07'],
    workingWeekendDays: ['01-29', '01-30', '04-02', '04-24', '05-07', '10-08', '10-09'] },
  { year: 2023, number: '国办发明电〔2022〕16号', issued: '2022-12-08',
    daysOff: ['2022-12-31', '01-01..02', '01-21..27', '04-05', '04-29..05-03', '06-22..24', '09-29..10-06'],
    workingWeekendDays: ['01-28', '01-29', '04-23', '05-06', '06-25', '10-07', '10-08'] },
  { year: 2024, number: '国办发明电〔2023〕7号', issued: '2023-10-25',
    daysOff: ['01-01', '02-10..17', '04-04..06', '05-01..05', '06-10', '09-15..17', '10-01..07'],
    workingWeekendDays: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'] },
  { year: 2025, number: '国办发明电〔2024〕12号', issued: '2024-11-12',
    daysOff: ['01-01', '01-28..02-04', '04-04..06', '05-01..05', '05-31..06-02', '10-01..08'],
    workingWeekendDays: ['01-26', '02-08', '04-27', '09-28', '10-11'] },
  { year: 2026, number: '国办发明电〔2025〕7号', issued: '2025-11-04',
    daysOff: ['01-01..03', '02-15..23', '04-04..06', '05-01..05', '06-19..21', '09-25..27', '10-01..07'],
    workingWeekendDays: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'] },
];

/** The publication deadline (§二.七): this many working days from the inspection date. */
export const PUBLICATION_PERIOD = 20;

const DAY_MS = 86400000;
const toDays = (date) => {
  const match = typeof date === 'string' && /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(+match[1], +match[2] - 1, +match[3]) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`"${date}" is not a yyyy-MM-dd date`);
  return ms / DAY_MS;
};
const fromDays = (days) => new Date(days * DAY_MS).toISOString().slice(0, 10);

/** The days one entry of a notice names ("MM-dd", "MM-dd..dd", "MM-dd..MM-dd" or "yyyy-MM-dd"), as ISO dates. */
export function noticeDates(year, entry) {
  const full = (text) => (text.length === 5 ? `${year}-${text}` : text);
  const [from, to, extra] = entry.split('..');
  if (extra !== undefined) throw new Error(`notice entry '${entry}' has more than one '..'`);
  const first = toDays(full(from));
  const last = to === undefined ? first : toDays(to.length === 2 ? `${fromDays(first).slice(0, 8)}${to}` : `${fromDays(first).slice(0, 4)}-${to}`);
  if (last < first) throw new Error(`notice entry '${entry}' ends before it begins`);
  return Array.from({ length: last - first + 1 }, (_, i) => fromDays(first + i));
}

const datesOf = (member) => new Set(NOTICES.flatMap((notice) => notice[member].flatMap((entry) => noticeDates(notice.year, entry))));
const DAYS_OFF = datesOf('daysOff');
const WORKING_WEEKEND_DAYS = datesOf('workingWeekendDays');
const YEARS = new Set(NOTICES.map((notice) => notice.year));

/** Thrown for a date whose year has no notice; `year` names it. */
export class CalendarYearMissing extends Error {
  constructor(year) {
    super(`没有${year}年的工作日历（国务院办公厅部分节假日安排的通知），无法计算工作日 / no working-day calendar for ${year} `
      + "(the State Council's holiday notice): working days cannot be counted");
    this.year = year;
  }
}

function requireCovered(date) {
  const year = Number(date.slice(0, 4));
  if (!YEARS.has(year)) throw new CalendarYearMissing(year);
}

/** Whether the ISO date is a working day. */
export function isWorkingDay(date) {
  const days = toDays(date);
  requireCovered(date);
  const weekday = new Date(days * DAY_MS).getUTCDay();
  return WORKING_WEEKEND_DAYS.has(date) || (weekday !== 0 && weekday !== 6 && !DAYS_OFF.has(date));
}

/** The `count`th working day after `start` (the start never counts; `start` itself when 0). */
export function addWorkingDays(start, count) {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`a working-day count is a whole number from 0, got ${count}`);
  let days = toDays(start);
  requireCovered(start);
  for (let counted = 0; counted < count;) {
    days += 1;
    if (isWorkingDay(fromDays(days))) counted += 1;
  }
  return fromDays(days);
}

/** The working days after `from` up to and including `to`; negative, the same count, when `to` is earlier. */
export function workingDaysBetween(from, to) {
  const [first, last] = [toDays(from), toDays(to)];
  if (last < first) return -workingDaysBetween(to, from);
  requireCovered(from);
  let count = 0;
  for (let days = first + 1; days <= last; days += 1) {
    if (isWorkingDay(fromDays(days))) count += 1;
  }
  return count;
}
