// The calendar's public API for other modules (matters, supervision, web-facing routes).
export {
  type CalendarDay,
  type CalendarDayKind,
  type CalendarYearData,
  calendarYearMissing,
  type Deadline,
  type Provisional,
  WORKING_HOURS,
  WorkingCalendar,
} from './calendar.ts';
export {
  addCalendarMonths,
  addDays,
  beijingDateOf,
  endOfBeijingDay,
  type IsoDate,
  isIsoDate,
  isoWeekday,
  startOfBeijingDay,
} from './dates.ts';
export {
  type CalendarChange,
  type CalendarYearSummary,
  currentCalendar,
  getCalendarYear,
  listCalendarYears,
  onCalendarChanged,
  putCalendarYear,
} from './service.ts';
