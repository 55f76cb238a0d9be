// Every error the dimension engine raises. The simulator answers all of them with HTTP 400 and the
// message as body (SAM answers 400 for bad dimensions and for an unknown defname in files/count).

export class DimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DimsError';
  }
}

export class DimsSyntaxError extends DimsError {
  /** 1-based line and column of `position` in the text that failed. */
  readonly line: number;
  readonly column: number;
  constructor(
    readonly reason: string,
    /** 0-based character offset in the text that failed. */
    readonly position: number,
    text: string,
    /** Set when the text that failed is the stored dimension of this definition. */
    readonly definition?: string,
  ) {
    const before = text.slice(0, position).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    const where = definition === undefined ? '' : `in definition '${definition}': `;
    super(`${where}Parse error at line ${line}, column ${column}: ${reason}`);
    this.name = 'DimsSyntaxError';
    this.line = line;
    this.column = column;
  }
}

export class DimsUnknownDefinitionError extends DimsError {
  constructor(readonly definitionName: string) {
    super(`Definition '${definitionName}' not found`);
    this.name = 'DimsUnknownDefinitionError';
  }
}

export class DimsDefinitionLoopError extends DimsError {
  /** Definition names from the outermost to the one that closes the loop. */
  constructor(readonly chain: string[]) {
    super(`Definition loop: ${chain.join(' -> ')}`);
    this.name = 'DimsDefinitionLoopError';
  }
}
