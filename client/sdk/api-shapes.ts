import type { paths } from './api-types.ts';

/**
 * Type-level readers of the generated API types (api-types.ts): an operation's answer, query
 * and request body, by its path and method, exactly as its route's schema declares them.
 */

export type ApiPath = keyof paths;
type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type OperationOf<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body of the operation's answer with this status (never: the route declares none). */
export type Answer<P extends ApiPath, M extends Method, Status extends number> =
  OperationOf<P, M> extends { responses: { [S in Status]: { content: { 'application/json': infer Body } } } } ? Body : never;

/** The operation's query parameters. */
export type Query<P extends ApiPath, M extends Method> = OperationOf<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The operation's JSON request body. */
export type RequestBody<P extends ApiPath, M extends Method> = OperationOf<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
