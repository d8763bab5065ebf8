/**
 * @grove/planning: the decisions of Grove's controllers as pure functions. Reconcilers read the
 * world from their caches, call these, and write the difference; everything here is plain data in,
 * plain data out, so every rule of grove-spec is a table-driven unit test.
 */
export * from './conditions.js';
export * from './template.js';
