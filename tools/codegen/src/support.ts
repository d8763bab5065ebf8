/** The generated `support.ts`: what every kind file uses. Fixed text, no input. */
export const SUPPORT_FILE = 'support.ts';

export const SUPPORT_SOURCE = `/**
 * Where a kind embeds @kubernetes/client-node models, as a tree that mirrors the object: a string
 * names the model at that field, \`[x]\` means "every item of this list", \`{ '*': x }\` "every
 * value of this map". The typed client uses it to turn the raw JSON of custom objects into what
 * the client-node types promise (\`Date\` timestamps); fields without models are left alone.
 */
export type ModelPaths = string | readonly [ModelPaths] | { readonly [field: string]: ModelPaths };

/** Everything a client needs to address and decode a kind. */
export interface ResourceDescriptor {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly listKind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly subresources: { readonly status: boolean; readonly scale: boolean };
  readonly models: ModelPaths;
}

/** True for an object with this apiVersion and kind (the type guards; fields are not validated). */
export function hasKind(value: unknown, apiVersion: string, kind: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'apiVersion' in value &&
    value.apiVersion === apiVersion &&
    'kind' in value &&
    value.kind === kind
  );
}
`;
