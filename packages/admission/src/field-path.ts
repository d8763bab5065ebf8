/**
 * Field paths in the notation of Kubernetes API errors (`spec.template.cliques[1].spec.startsAfter[0]`,
 * map keys as `labels[app]`), so a rejection points at the field exactly as `kubectl` users read it.
 */
export class FieldPath {
  private constructor(private readonly text: string) {}

  static root(...names: string[]): FieldPath {
    return new FieldPath(names.join('.'));
  }

  child(...names: string[]): FieldPath {
    return new FieldPath([this.text, ...names].filter((part) => part !== '').join('.'));
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}
