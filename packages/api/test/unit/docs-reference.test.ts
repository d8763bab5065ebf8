/**
 * The API pages in docs/api tell the truth about the CRD sources (crds-src): every row of a field
 * table names a field that exists, with its type, default, enum values, bounds, `required`, list-map
 * key and CEL marker; every field of a CRD has a row (a row whose type links to a section covers
 * the fields below it); the kubectl column tables list the printer columns; and every example in
 * docs/api/examples is shown verbatim in a page. The examples are applied to a real API server by
 * test/crds/docs-examples.integration.test.ts.
 *
 * A field table is a markdown table whose first header cell starts with "field"; a backticked path
 * in that cell (`spec.template`) is the prefix of its rows. Columns: field, type, default, rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

interface Schema {
  readonly type?: string;
  readonly format?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly additionalProperties?: unknown;
  readonly minimum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly pattern?: string;
  readonly $ref?: string;
  readonly 'x-kubernetes-validations'?: readonly unknown[];
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
}

interface Field {
  readonly schema: Schema;
  readonly required: boolean;
}

interface Row {
  readonly path: string;
  readonly type: string;
  readonly default: string;
  readonly rules: string;
}

interface Crd {
  readonly shortNames: readonly string[];
  readonly scale?: { readonly specReplicasPath: string; readonly statusReplicasPath: string; readonly labelSelectorPath: string };
  readonly columns: readonly { readonly name: string; readonly jsonPath: string; readonly priority?: number }[];
  readonly schema: Schema;
}

const docsDir = fileURLToPath(new URL('../../../../docs/api/', import.meta.url));
const crdsSrc = fileURLToPath(new URL('../../crds-src/', import.meta.url));
const generatedDir = fileURLToPath(new URL('../../src/generated/', import.meta.url));

/** The interfaces of src/generated: the type names the tables may use. */
const generatedTypes = new Set(
  readdirSync(generatedDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(`${generatedDir}${f}`, 'utf8').matchAll(/^export interface (\w+)/gm)].map((m) => m[1] ?? '')),
);

/** Each kind's page, example and CRD source. */
const PAGES = [
  { page: 'podcliqueset.md', example: 'podcliqueset.yaml', crd: 'grove.io_podcliquesets.yaml' },
  { page: 'podclique.md', example: 'podclique.yaml', crd: 'grove.io_podcliques.yaml' },
  { page: 'podcliquescalinggroup.md', example: 'podcliquescalinggroup.yaml', crd: 'grove.io_podcliquescalinggroups.yaml' },
  { page: 'clustertopologybinding.md', example: 'clustertopologybinding.yaml', crd: 'grove.io_clustertopologybindings.yaml' },
  { page: 'podgang.md', example: 'podgang.yaml', crd: 'scheduler.grove.io_podgangs.yaml' },
] as const;

function readCrd(file: string): Crd {
  const crd = parse(readFileSync(`${crdsSrc}${file}`, 'utf8'), { maxAliasCount: -1 }) as {
    spec: { names: { shortNames: string[] }; versions: { subresources?: { scale?: Crd['scale'] }; additionalPrinterColumns: Crd['columns']; schema: { openAPIV3Schema: Schema } }[] };
  };
  const [version] = crd.spec.versions;
  if (!version) throw new Error(`${file} has no version`);
  return {
    shortNames: crd.spec.names.shortNames,
    ...(version.subresources?.scale ? { scale: version.subresources.scale } : {}),
    columns: version.additionalPrinterColumns,
    schema: version.schema.openAPIV3Schema,
  };
}

/** Every field under spec and status by path (`spec.template.cliques[].name`); embedded k8s types are leaves. */
function fieldsOf(root: Schema): Map<string, Field> {
  const fields = new Map<string, Field>();
  const walk = (schema: Schema, path: string, required: boolean): void => {
    fields.set(path, { schema, required });
    if (schema.$ref) return;
    for (const [name, child] of Object.entries(schema.properties ?? {})) walk(child, `${path}.${name}`, schema.required?.includes(name) ?? false);
    if (schema.items) walk(schema.items, `${path}[]`, false);
  };
  for (const top of ['spec', 'status']) {
    const schema = root.properties?.[top];
    if (schema) walk(schema, top, root.required?.includes(top) ?? false);
  }
  return fields;
}

const cellsOf = (line: string): string[] => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
const firstCode = (cell: string): string | undefined => /`([^`]+)`/.exec(cell)?.[1];

/** The markdown tables of a page: header cells and body rows. */
function tablesOf(markdown: string): { header: string[]; rows: string[][] }[] {
  const lines = markdown.split('\n');
  const tables: { header: string[]; rows: string[][] }[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]?.startsWith('|') || !/^\|[-| ]+\|$/.test(lines[i + 1] ?? '')) continue;
    const header = cellsOf(lines[i] ?? '');
    const rows: string[][] = [];
    for (i += 2; lines[i]?.startsWith('|'); i++) rows.push(cellsOf(lines[i] ?? ''));
    tables.push({ header, rows });
  }
  return tables;
}

function fieldRows(markdown: string): Row[] {
  return tablesOf(markdown)
    .filter((t) => t.header[0]?.startsWith('field'))
    .flatMap((t) => {
      const prefix = firstCode(t.header[0] ?? '');
      return t.rows.map(([field = '', type = '', dflt = '', rules = '']) => {
        const name = firstCode(field) ?? field;
        return { path: prefix ? `${prefix}.${name}` : name, type, default: dflt, rules };
      });
    });
}

function typeProblem(s: Schema, cell: string): string | undefined {
  const refName = (ref: string): string => ref.slice(ref.lastIndexOf('.') + 1);
  if (s.$ref) return cell.includes(refName(s.$ref)) ? undefined : `should name ${refName(s.$ref)}`;
  const scalar = (t: Schema): string | undefined =>
    t.type === 'integer' ? (t.format ?? 'int') : t.type === 'string' || t.type === 'boolean' || t.type === 'number' ? t.type : undefined;
  if (s.type === 'array') {
    if (!cell.includes('[]')) return 'should be a list ([]…)';
    const item = s.items?.$ref ? refName(s.items.$ref) : s.items ? scalar(s.items) : undefined;
    return item === undefined || cell.includes(item) ? undefined : `should be a list of ${item}`;
  }
  if (s.type === 'object') return s.additionalProperties && !cell.includes('map[') ? 'should be a map[…]' : undefined;
  const expected = scalar(s);
  return expected === undefined || cell.includes(expected) ? undefined : `should be ${expected}`;
}

const renderDefault = (value: unknown): string =>
  value !== null && typeof value === 'object'
    ? `{${Object.entries(value).map(([k, v]) => `${k}: ${renderDefault(v)}`).join(', ')}}`
    : String(value);

function range(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  if (min !== undefined && max !== undefined) return `${min}–${max} ${unit}`;
  if (max !== undefined) return `≤ ${max} ${unit}`;
  return min !== undefined ? `≥ ${min} ${unit}` : undefined;
}

/** What the rules cell must say about a field's schema. */
function expectedRuleTokens({ schema: s, required }: Field): string[] {
  const itemChars = s.items && !s.items.properties ? range(s.items.minLength, s.items.maxLength, 'chars') : undefined;
  return [
    required ? 'required' : undefined,
    s.minimum !== undefined ? `≥ ${s.minimum}` : undefined,
    range(s.minLength, s.maxLength, 'chars'),
    range(s.minItems, s.maxItems, 'items'),
    itemChars ? `of ${itemChars}` : undefined,
    s.pattern ? `\`${s.pattern}\`` : undefined,
    ...(s.enum ?? []).map((v) => `\`${String(v)}\``),
    ...(s['x-kubernetes-list-map-keys'] ?? []).map((k) => `keyed by \`${k}\``),
    s['x-kubernetes-validations'] ? 'CEL' : undefined,
  ].filter((t): t is string => t !== undefined);
}

function rowProblems(row: Row, field: Field | undefined): string[] {
  if (!field) return [`${row.path}: no such field in the CRD`];
  const problems: string[] = [];
  const type = typeProblem(field.schema, row.type);
  if (type) problems.push(`${row.path}: type ${row.type} ${type}`);
  // A bare type name (`PodCliqueSpec`, `[]PodGroup`) is a generated interface; `core/v1 PodSpec` is a Kubernetes type.
  const named = /^(?:\[\])?([A-Z]\w*)$/.exec(firstCode(row.type) ?? '')?.[1];
  if (named && !generatedTypes.has(named)) problems.push(`${row.path}: ${named} is not a generated type`);
  if (field.schema.default !== undefined) {
    const want = `\`${renderDefault(field.schema.default)}\``;
    if (!row.default.includes(want)) problems.push(`${row.path}: default should be ${want}, not ${row.default}`);
  } else if (row.default !== '—' && !row.default.includes('webhook')) {
    problems.push(`${row.path}: the CRD has no default (write — or say which webhook default applies), not ${row.default}`);
  }
  for (const token of expectedRuleTokens(field)) {
    if (!row.rules.includes(token)) problems.push(`${row.path}: rules should say ${token}`);
  }
  return problems;
}

/** CRD fields without a row, unless a row whose type links to a section covers them. */
function missingRows(fields: Map<string, Field>, rows: readonly Row[]): string[] {
  const documented = new Set(rows.map((r) => r.path));
  const linked = rows.filter((r) => r.type.includes('](')).map((r) => r.path);
  const covered = (path: string): boolean => linked.some((l) => path.startsWith(`${l}.`) || path.startsWith(`${l}[].`));
  return [...fields.keys()].filter((p) => p !== 'spec' && p !== 'status' && !p.endsWith('[]') && !documented.has(p) && !covered(p));
}

const pageText = (page: string): string => readFileSync(`${docsDir}${page}`, 'utf8');
const exampleText = (file: string): string => readFileSync(`${docsDir}examples/${file}`, 'utf8').trimEnd();
const shown = (markdown: string, example: string): boolean => markdown.includes(`\`\`\`yaml\n${example}\n\`\`\``);

describe.each(PAGES)('docs/api/$page', ({ page, example, crd: crdFile }) => {
  const crd = readCrd(crdFile);
  const fields = fieldsOf(crd.schema);
  const markdown = pageText(page);
  const rows = fieldRows(markdown);

  it('has a row for every field, true to the CRD', () => {
    expect(rows.length).toBeGreaterThan(0);
    const problems = rows.flatMap((row) => rowProblems(row, fields.get(row.path)));
    expect([...problems, ...missingRows(fields, rows).map((path) => `${path}: no row`)]).toEqual([]);
  });

  it('lists the printer columns, short name and scale subresource', () => {
    const columnTable = tablesOf(markdown).find((t) => t.header[0] === 'column');
    const documented = (columnTable?.rows ?? []).map(([name = '', path = '', shownWhen]) => ({
      name,
      jsonPath: firstCode(path),
      ...(shownWhen?.includes('priority 1') ? { priority: 1 } : {}),
    }));
    expect(documented).toEqual(crd.columns.map((c) => ({ name: c.name, jsonPath: c.jsonPath, ...(c.priority ? { priority: c.priority } : {}) })));
    for (const short of crd.shortNames) expect(markdown).toContain(`short name \`${short}\``);
    if (crd.scale) {
      expect(markdown).toContain(`\`scale\` (\`${crd.scale.specReplicasPath}\`, \`${crd.scale.statusReplicasPath}\``);
      expect(markdown).toContain(crd.scale.labelSelectorPath);
    } else {
      expect(markdown).toContain('(no scale)');
    }
  });

  it(`shows examples/${example}`, () => {
    expect(shown(markdown, exampleText(example))).toBe(true);
  });
});

describe('docs/api/examples', () => {
  it('are each shown verbatim in a page', () => {
    const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md')).map(pageText);
    const examples = readdirSync(`${docsDir}examples`).filter((f) => f.endsWith('.yaml'));
    expect(examples.filter((file) => !pages.some((markdown) => shown(markdown, exampleText(file))))).toEqual([]);
  });
});
