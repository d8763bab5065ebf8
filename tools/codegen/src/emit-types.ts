/**
 * Type emission, delegated to openapi-typescript 7: it turns each named schema into a TypeScript
 * type (JSDoc from descriptions, enums as unions, `--empty-objects-unknown` so free-form objects
 * are `Record<string, unknown>`). It emits them as members of one `components` interface; this
 * module lifts each member into its own exported declaration and rewrites
 * `components["schemas"]["X"]` into `X`.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import type { K8sTypeMapping } from './k8s-refs.js';
import { K8S_TYPE_MARKER, type SchemaNode } from './schema.js';

const f = ts.factory;

function keyword(name: 'string' | 'number'): ts.TypeNode {
  return f.createKeywordTypeNode(name === 'string' ? ts.SyntaxKind.StringKeyword : ts.SyntaxKind.NumberKeyword);
}

/** The type for a `k8s:` marker: the client-node model, or the scalar's JSON type. */
function k8sTypeNode(mapping: K8sTypeMapping): ts.TypeNode {
  if ('model' in mapping) return f.createTypeReferenceNode(mapping.model);
  const parts = mapping.scalar.map(keyword);
  return parts.length === 1 && parts[0] ? parts[0] : f.createUnionTypeNode(parts);
}

/** The hook for what OpenAPI has no word for: the k8s marker (components.ts). */
function transform(schema: SchemaNode): ts.TypeNode | undefined {
  const mapping = schema[K8S_TYPE_MARKER] as K8sTypeMapping | undefined;
  if (!mapping) return undefined;
  const type = k8sTypeNode(mapping);
  return schema['nullable'] === true ? f.createUnionTypeNode([type, f.createLiteralTypeNode(f.createNull())]) : type;
}

/** `components["schemas"]["X"]` → the name X, else undefined. */
function schemaRefName(node: ts.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const outer = node.objectType;
  const root = outer.objectType;
  const literal = (n: ts.TypeNode): string | undefined =>
    ts.isLiteralTypeNode(n) && ts.isStringLiteral(n.literal) ? n.literal.text : undefined;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName)) return undefined;
  if (root.typeName.text !== 'components' || literal(outer.indexType) !== 'schemas') return undefined;
  return literal(node.indexType);
}

function rewriteRefs<T extends ts.Node>(node: T): T {
  const rewrite: ts.TransformerFactory<T> = (context) => (root) => {
    const visit = (n: ts.Node): ts.Node => {
      const name = schemaRefName(n);
      return name === undefined ? ts.visitEachChild(n, visit, context) : f.createTypeReferenceNode(name);
    };
    return visit(root) as T;
  };
  const result = ts.transform(node, [rewrite]);
  const [out] = result.transformed;
  result.dispose();
  return out ?? node;
}

function memberName(member: ts.PropertySignature): string {
  const name = member.name;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  throw new Error(`unexpected schema member name kind ${ts.SyntaxKind[name.kind]}`);
}

/** One member of `components.schemas` as `export interface X {...}` or `export type X = ...`. */
function declaration(member: ts.PropertySignature): ts.Statement {
  const name = memberName(member);
  const type = rewriteRefs(member.type ?? f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword));
  const exported = [f.createModifier(ts.SyntaxKind.ExportKeyword)];
  const decl: ts.Statement = ts.isTypeLiteralNode(type)
    ? f.createInterfaceDeclaration(exported, name, undefined, undefined, type.members)
    : f.createTypeAliasDeclaration(exported, name, undefined, type);
  const comments = ts.getSyntheticLeadingComments(member);
  if (comments) ts.setSyntheticLeadingComments(decl, comments);
  return decl;
}

function schemasMembers(nodes: readonly ts.Node[]): ts.PropertySignature[] {
  for (const node of nodes) {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'components') continue;
    for (const member of node.members) {
      if (ts.isPropertySignature(member) && ts.isIdentifier(member.name) && member.name.text === 'schemas') {
        const type = member.type;
        if (type && ts.isTypeLiteralNode(type)) return type.members.filter(ts.isPropertySignature);
      }
    }
  }
  throw new Error('openapi-typescript emitted no components.schemas');
}

/** Halves the printer's 4-space indentation to the workspace's 2. */
function twoSpaceIndent(source: string): string {
  return source.replace(/^( {4})+/gm, (m) => ' '.repeat(m.length / 2));
}

/**
 * One TypeScript declaration per schema, by name. All schemas go through openapi-typescript
 * together so that references between them resolve.
 */
export async function emitTypes(schemas: ReadonlyMap<string, SchemaNode>): Promise<Map<string, string>> {
  const document = {
    openapi: '3.1.0',
    info: { title: 'grove-codegen', version: '0' },
    components: { schemas: Object.fromEntries(schemas) },
  };
  const nodes = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    emptyObjectsUnknown: true,
    // Defaulted fields stay optional: the same types describe objects we write (create, and
    // server-side apply, where sending a field claims ownership of it).
    defaultNonNullable: false,
    silent: true,
    transform: (schema) => transform(schema as SchemaNode),
  });
  const out = new Map<string, string>();
  for (const member of schemasMembers(nodes)) {
    out.set(memberName(member), twoSpaceIndent(astToString(declaration(member))).trimEnd());
  }
  return out;
}
