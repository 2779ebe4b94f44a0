export * from './variant-assignment.ts';
export * from './variant-statistics.ts';
