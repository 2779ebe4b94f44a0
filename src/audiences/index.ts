/**
 * Audiences: a vendor's customers (owner of vendor_customers), their segments counted and paged
 * in SQL, and the import. A vendor id is the seller's user id.
 */
export { SegmentSchema } from './audience-schemas.ts';
export type { AddMissingContacts, AudienceRecipient, Audiences, OrderCustomerChange, RecordOrderCustomer, Segment } from './audience-types.ts';
export { type AudienceDesk, createAudiences } from './audiences.ts';
export { audienceRoutes } from './audience-routes.ts';
