// Time is injected so tests move it instead of waiting (STYLE.md "Naming").
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export type TestClock = Clock & { set(at: Date): void; advance(milliseconds: number): void };

export function createTestClock(start = new Date()): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;

// Calendar days (YYYY-MM-DD, UTC), as due dates, deadlines and reminders are kept.
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Whole days from one calendar day to another (negative when `to` has passed). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / days(1));

/** The calendar day some days after an instant. */
export const dayAhead = (at: Date, n: number) => dayOf(new Date(at.getTime() + days(n)));
