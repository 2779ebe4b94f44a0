import type { Db } from '../../db/connect.ts';
import { readMarketplaceRatings } from './sql/readMarketplaceRatings.ts';
import { readRatingFigures } from './sql/readRatingFigures.ts';
import { readRatingWeeks } from './sql/readRatingWeeks.ts';

/** How buyers rated a seller's communication (or every seller's) over a window. */
export interface SatisfactionFigures {
  ratings: number;
  /** Mean of the ratings, to two decimals; null without ratings. */
  averageRating: number | null;
  /** How many ratings gave 1, 2, 3, 4 and 5 stars, in that order. */
  distribution: { rating: number; count: number }[];
  /** Per ISO week (its Monday, UTC) with ratings, oldest first. */
  weekly: { week: string; ratings: number; averageRating: number }[];
}

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/** A seller's (null: every seller's) satisfaction figures over the ratings given since `since`. */
export async function satisfactionFigures(db: Db, sellerId: string | null, since: Date): Promise<SatisfactionFigures> {
  const [r, weeks] = await Promise.all([readRatingFigures(db, sellerId, since), readRatingWeeks(db, sellerId, since)]);
  return {
    ratings: r.ratings,
    averageRating: r.average === null ? null : twoDecimals(r.average),
    distribution: [r.r1, r.r2, r.r3, r.r4, r.r5].map((count, i) => ({ rating: i + 1, count })),
    weekly: weeks.map((w) => ({ week: w.week, ratings: w.ratings, averageRating: twoDecimals(w.average) })),
  };
}

/** The marketplace's median of per-seller average ratings since `since`; null when fewer than `minSellers` sellers were rated. */
export async function marketplaceAverageRating(db: Db, since: Date, minSellers: number): Promise<number | null> {
  const r = await readMarketplaceRatings(db, since);
  return r.sellers >= minSellers && r.median_average !== null ? twoDecimals(r.median_average) : null;
}
