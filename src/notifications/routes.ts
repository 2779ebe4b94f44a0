import type { Principal } from '../auth/principal.ts';
import { forbidden } from '../errors.ts';

/**
 * Deprecated: notification routes declare `config: { access }` and the policy (src/access/policy.ts)
 * decides. Kept only while src/marketplace/routes.ts still imports it; delete with that import.
 */
export function requireOperator(principal: Principal, what: string): void {
  if (principal.role !== 'operator') throw forbidden('operator_only', `Only the marketplace backend (an API key) or an operator may ${what}.`);
}
