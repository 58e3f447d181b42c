// node --test verifier/  — the JavaScript working-day calendar against docs/working-day-vectors.json, which the .NET
// calendar writes (tests/Ledger.Tests/Calendar/WorkingDayVectorTests.cs), and docs/calendar.md's worked example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  addWorkingDays, CalendarYearMissing, isWorkingDay, noticeDates, PUBLICATION_PERIOD, workingDaysBetween,
} from './working-days.mjs';

const vectors = JSON.parse(await readFile(new URL('../docs/working-day-vectors.json', import.meta.url), 'utf8'));
const dayOf = (year, offset) => new Date(Date.UTC(year, 0, 1 + offset)).toISOString().slice(0, 10);

test('every covered day is worked or off as the .NET calendar says', () => {
  assert.deepEqual(Object.keys(vectors.years), ['2021', '2022', '2023', '2024', '2025', '2026']);
  for (const [year, days] of Object.entries(vectors.years)) {
    const ours = Array.from(days, (_, offset) => (isWorkingDay(dayOf(Number(year), offset)) ? '1' : '0')).join('');
    assert.equal(ours, days, `the working days of ${year}`);
  }
});

test('every addition of the vectors ends on the same date or names the same missing year', () => {
  assert.ok(vectors.add.length > 400);
  for (const { from, add, date, missingYear } of vectors.add) {
    if (date !== undefined) {
      assert.equal(addWorkingDays(from, add), date, `${from} + ${add}`);
      assert.equal(workingDaysBetween(from, date), add);
      assert.equal(workingDaysBetween(date, from), -add);
    } else {
      assert.throws(() => addWorkingDays(from, add), (error) => error instanceof CalendarYearMissing && error.year === missingYear);
    }
  }
});

test('the brief\'s example: 20 working days from Friday 2021-09-10 end on Thursday 2021-10-14', () => {
  assert.equal(addWorkingDays('2021-09-10', PUBLICATION_PERIOD), '2021-10-14');
  assert.equal(addWorkingDays('2021-10-01', 1), '2021-10-08');
  assert.equal(addWorkingDays('2021-09-10', 0), '2021-09-10');
  // 2023's New Year began on Saturday 2022-12-31, a day of the 2023 notice.
  assert.equal(addWorkingDays('2022-12-30', 1), '2023-01-03');
  assert.equal(workingDaysBetween('2021-10-14', '2021-10-18'), 2);
});

test('a year without its notice is an error naming the year, in Chinese and English', () => {
  for (const [run, year] of [[() => isWorkingDay('2027-01-04'), 2027], [() => addWorkingDays('2020-12-31', 1), 2020],
    [() => addWorkingDays('2026-12-31', 1), 2027], [() => workingDaysBetween('2027-01-05', '2026-12-30'), 2027]]) {
    assert.throws(run, (error) => error instanceof CalendarYearMissing && error.year === year
      && error.message.includes(`没有${year}年`) && error.message.includes(`for ${year}`));
  }
  assert.equal(workingDaysBetween('2026-12-30', '2026-12-31'), 1);
});

test('the notices\' notation and bad input', () => {
  assert.deepEqual(noticeDates(2022, '01-31..02-06'), ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04', '2022-02-05', '2022-02-06']);
  assert.equal(noticeDates(2022, '09-29..10-06').length, 8);
  assert.deepEqual(noticeDates(2023, '2022-12-31'), ['2022-12-31']);
  assert.throws(() => noticeDates(2022, '05-03..01'), /ends before it begins/);
  assert.throws(() => isWorkingDay('2021-02-30'), /not a yyyy-MM-dd date/);
  assert.throws(() => addWorkingDays('2021-09-10', -1), RangeError);
});
