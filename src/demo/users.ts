import type { UserRole } from '../auth/principal.ts';

/** Someone to be in demo mode: who they are, and how Parley reaches them (example addresses only). */
export interface DemoUser {
  userId: string;
  name: string;
  role: UserRole;
  /** What there is to see as this user, for the sign-in page. */
  description: string;
  contact: { email: string; phoneNumber?: string; locale: string };
}

/** The demo marketplace's moderator: disputes opened in demo mode go to them (unless PARLEY_MODERATORS names others). */
export const DEMO_MODERATOR_ID = 'demo-moderator-sam';

/**
 * The people of the demo marketplace. Ids start with `demo-` so they never meet a real
 * marketplace's users. The order of this list is the order of the sign-in page.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    userId: 'demo-buyer-ana',
    name: 'Ana Martins',
    role: 'buyer',
    description: 'Buyer with an order at every stage: placed, paid, shipped (with tracking), delivered, cancelled, refunded, and one in dispute',
    contact: { email: 'ana.martins@example.com', locale: 'en' },
  },
  {
    userId: 'demo-buyer-ben',
    name: 'Ben Okafor',
    role: 'buyer',
    description: 'Buyer whose product question turned into an order; shared his phone number in the chat (masked for the seller)',
    contact: { email: 'ben.okafor@example.com', phoneNumber: '+14155550134', locale: 'en' },
  },
  {
    userId: 'demo-buyer-chloe',
    name: 'Chloé Dubois',
    role: 'buyer',
    description: 'Buyer with an open question about a vase, not yet answered by the seller',
    contact: { email: 'chloe.dubois@example.com', locale: 'fr' },
  },
  {
    userId: 'demo-seller-larkspur',
    name: 'Larkspur Ceramics',
    role: 'seller',
    description: 'Seller of handmade ceramics: templates with shortcuts, quick replies, an unanswered inquiry, a dispute and analytics',
    contact: { email: 'hello@larkspur-ceramics.example.com', locale: 'en' },
  },
  {
    userId: 'demo-seller-northwind',
    name: 'Northwind Outfitters',
    role: 'seller',
    description: 'Seller of outdoor gear: an inquiry converted to an order, a refund, a cancellation, and a buyer phone number masked',
    contact: { email: 'orders@northwind-outfitters.example.com', locale: 'en' },
  },
  {
    userId: DEMO_MODERATOR_ID,
    name: 'Sam Rivera',
    role: 'moderator',
    description: 'Moderator with a dispute in the queue and a conversation flagged for negative sentiment',
    contact: { email: 'sam.rivera@example.com', locale: 'en' },
  },
  {
    userId: 'demo-operator-olivia',
    name: 'Olivia Chen',
    role: 'operator',
    description: 'Marketplace operator: sees every conversation, order and dispute, every notification\'s deliveries and every seller\'s analytics',
    contact: { email: 'olivia.chen@example.com', locale: 'en' },
  },
];

export function demoUser(userId: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.userId === userId);
}
