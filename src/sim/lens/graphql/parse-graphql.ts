import type { GraphqlDocument, GraphqlField, GraphqlValue } from './graphql-ast.js';
import { GraphqlSyntaxError } from './graphql-syntax-error.js';
import { lexGraphql, type GraphqlToken } from './lex-graphql.js';

/**
 * Parses one query operation: `{ … }` or `query [Name] { … }`. Fields may have an alias and
 * literal arguments (string, int, float, boolean, null, enum). Variables, directives, fragments,
 * list/object values, mutations and several operations are refused with a GraphqlSyntaxError.
 */
export function parseGraphql(src: string): GraphqlDocument {
  const p = new Parser(lexGraphql(src));
  const doc = p.document();
  p.expectEnd();
  return doc;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: GraphqlToken[]) {}

  document(): GraphqlDocument {
    const t = this.peek();
    if (this.isPunct('{')) return { operation: 'query', selections: this.selectionSet() };
    if (t.kind === 'name' && t.value === 'query') {
      this.i++;
      const name = this.peek().kind === 'name' ? this.next().value : undefined;
      if (this.isPunct('(')) this.fail('Variables are not supported.');
      this.refuseDirective();
      return { operation: 'query', ...(name ? { name } : {}), selections: this.selectionSet() };
    }
    if (t.kind === 'name' && ['mutation', 'subscription', 'fragment'].includes(t.value)) {
      this.fail(`Only query operations are supported, found "${t.value}".`);
    }
    return this.unexpected();
  }

  expectEnd(): void {
    if (this.peek().kind === 'eof') return;
    if (this.isPunct('{') || this.peek().value === 'query') this.fail('Only one operation is supported.');
    this.unexpected();
  }

  private selectionSet(): GraphqlField[] {
    this.expectPunct('{');
    const fields: GraphqlField[] = [this.field()];
    while (!this.isPunct('}')) fields.push(this.field());
    this.i++;
    return fields;
  }

  private field(): GraphqlField {
    const first = this.expectName();
    let alias: string | undefined;
    let name = first.value;
    if (this.isPunct(':')) {
      this.i++;
      alias = name;
      name = this.expectName().value;
    }
    const args = this.isPunct('(') ? this.args() : {};
    this.refuseDirective();
    const selections = this.isPunct('{') ? this.selectionSet() : [];
    return { ...(alias ? { alias } : {}), name, args, selections, loc: first.loc };
  }

  private args(): Record<string, GraphqlValue> {
    this.expectPunct('(');
    const args: Record<string, GraphqlValue> = {};
    do {
      const name = this.expectName();
      if (Object.hasOwn(args, name.value))
        this.fail(`There can be only one argument named "${name.value}".`, name);
      this.expectPunct(':');
      args[name.value] = this.value();
    } while (!this.isPunct(')'));
    this.i++;
    return args;
  }

  private value(): GraphqlValue {
    const t = this.next();
    if (t.kind === 'string') return t.value;
    if (t.kind === 'int' || t.kind === 'float') return Number(t.value);
    if (t.kind === 'name') {
      if (t.value === 'true' || t.value === 'false') return t.value === 'true';
      return t.value === 'null' ? null : { enum: t.value };
    }
    if (t.value === '$') this.fail('Variables are not supported.', t);
    if (t.value === '[' || t.value === '{') this.fail('List and object values are not supported.', t);
    return this.unexpected(t);
  }

  private refuseDirective(): void {
    if (this.isPunct('@')) this.fail('Directives are not supported.');
  }

  private peek(): GraphqlToken {
    return this.tokens[this.i];
  }

  private next(): GraphqlToken {
    const t = this.tokens[this.i];
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isPunct(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.value === p;
  }

  private expectPunct(p: string): void {
    if (!this.isPunct(p)) this.fail(`Expected "${p}", found ${describe(this.peek())}.`);
    this.i++;
  }

  private expectName(): GraphqlToken {
    const t = this.peek();
    if (t.kind !== 'name') this.fail(`Expected Name, found ${describe(t)}.`);
    return this.next();
  }

  private unexpected(t: GraphqlToken = this.peek()): never {
    return this.fail(`Unexpected ${describe(t)}.`, t);
  }

  private fail(message: string, at: GraphqlToken = this.peek()): never {
    throw new GraphqlSyntaxError(`Syntax Error: ${message}`, at.loc);
  }
}

function describe(t: GraphqlToken): string {
  switch (t.kind) {
    case 'eof':
      return '<EOF>';
    case 'punct':
      return `"${t.value}"`;
    case 'name':
      return `Name "${t.value}"`;
    case 'string':
      return `String ${JSON.stringify(t.value)}`;
    default:
      return `${t.kind === 'int' ? 'Int' : 'Float'} "${t.value}"`;
  }
}
