export * from './hour-of-week.ts';
export * from './send-time-choice.ts';
export * from './send-time-planner.ts';
export * from './send-time-readers.ts';
