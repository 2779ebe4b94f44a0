export type UserRole = 'buyer' | 'seller' | 'moderator' | 'operator';
export const userRoles: readonly UserRole[] = ['buyer', 'seller', 'moderator', 'operator'];

/** Who is calling. Operators (and the marketplace backend's API key) may see everything. */
export interface Principal {
  userId: string;
  role: UserRole;
  name?: string;
  /** The user's locale from the token's optional `locale` claim (a language tag such as de or pt-BR), as given. */
  locale?: string;
  /** true for the marketplace backend calling with an API key (on its own behalf or for a user). */
  viaApiKey: boolean;
}

export const isOperator = (p: Principal) => p.role === 'operator';
