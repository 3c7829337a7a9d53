// The calendar's CommonJS build, imported piecewise so it is bundled once: its drag-and-drop addon exists only in
// that build, and the package root would add a second copy plus every other localizer.
declare module 'react-big-calendar/lib/Calendar' {
  import { Calendar } from 'react-big-calendar';
  export default Calendar;
}

declare module 'react-big-calendar/lib/localizers/date-fns' {
  import type { Formats } from 'react-big-calendar';
  export const formats: Formats;
}

declare module 'react-big-calendar/lib/localizer' {
  import type { DateLocalizer as Localizer, Formats } from 'react-big-calendar';
  interface Span {
    start: Date;
    end: Date;
    allDay?: boolean;
  }
  /** What the constructor really accepts; the published types get the event helpers' arguments wrong. */
  export interface LocalizerSpec {
    formats: Formats;
    firstOfWeek: (culture: string) => number;
    format: (value: Date | number | string, format: string, culture: string) => string;
    inEventRange?: (args: { event: Span; range: { start: Date; end: Date } }) => boolean;
    isSameDate?: (a: Date, b: Date) => boolean;
    sortEvents?: (args: { evtA: Span; evtB: Span }) => number;
  }
  export const DateLocalizer: new (spec: LocalizerSpec) => Localizer;
}
