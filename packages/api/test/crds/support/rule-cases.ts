/**
 * Table-driven rule tests: each case is one validation rule with a valid and an invalid variant of a
 * base object. Create cases use server-side dry run (nothing is stored); update cases create the
 * object once, then dry-run the changed object as an update.
 */
import { describe, expect, it } from 'vitest';
import { type CrdApi, type Kind, rejection } from './api.js';
import { type Manifest, type Patch, patched } from './manifest.js';

export interface RuleCase {
  /** The rule as listed in docs-rules.md. */
  readonly rule: string;
  /** Applied to the base object: must be accepted (the boundary the rule allows). */
  readonly valid: Patch;
  /** Applied to the base object: must be rejected. */
  readonly invalid: Patch;
  /** The field path the error must name, e.g. `spec.template.cliques[0].spec.replicas`. */
  readonly field: string;
  /** Text of the rule's message (or the API server's for schema keywords). */
  readonly message: string | RegExp;
}

export interface UpdateCase extends RuleCase {
  /** Applied to the base object before it is created (the "old" object). */
  readonly initial?: Patch;
}

export interface RuleContext {
  readonly api: () => CrdApi;
  readonly namespace: () => string;
  readonly kind: Kind;
  readonly base: (name: string) => Manifest;
}

export function expectNamed(message: string, c: RuleCase): void {
  expect(message).toContain(c.field);
  if (typeof c.message === 'string') expect(message).toContain(c.message);
  else expect(message).toMatch(c.message);
}

/** One `describe` per rule: the valid variant is created, the invalid one refused naming its field. */
export function createRuleTests(ctx: RuleContext, cases: readonly RuleCase[]): void {
  describe.each(cases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    it('accepts the valid variant', async () => {
      await ctx.api().create(ctx.kind, ctx.namespace(), patched(ctx.base('valid'), c.valid), { dryRun: true });
    });
    it('rejects the invalid variant, naming the field', async () => {
      const message = await rejection(ctx.api().create(ctx.kind, ctx.namespace(), patched(ctx.base('invalid'), c.invalid), { dryRun: true }));
      expectNamed(message, c);
    });
  });
}

/** One `describe` per rule: after a real create, the allowed change passes and the forbidden one fails. */
export function updateRuleTests(ctx: RuleContext, cases: readonly UpdateCase[]): void {
  describe.each(cases.map((c, i) => [c.rule, c, i] as const))('%s', (_rule, c, i) => {
    it('allows the valid change and refuses the invalid one, naming the field', async () => {
      const api = ctx.api();
      const stored = await api.create(ctx.kind, ctx.namespace(), patched(ctx.base(`update-${i}`), c.initial));
      // The update carries what the server stored (defaults, resourceVersion) plus the change.
      await api.replace(ctx.kind, ctx.namespace(), patched(stored, c.valid), { dryRun: true });
      const message = await rejection(api.replace(ctx.kind, ctx.namespace(), patched(stored, c.invalid), { dryRun: true }));
      expectNamed(message, c);
    });
  });
}
