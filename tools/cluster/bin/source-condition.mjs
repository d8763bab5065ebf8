// Module resolve hook: workspace packages (e.g. @grove/pki) resolve to their TypeScript sources
// through the `@grove/source` export condition, as under vitest, so the CLI needs no build step.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, '@grove/source'] });
}
