import type { ColumnType } from 'kysely';

/** Column types the table interfaces share. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<unknown, string | undefined, string>;
