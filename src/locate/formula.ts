import { isErrorValue, parseA1, type Sheet } from '../read/grid.js';

/**
 * Files written by scripts often save formulas without their results. The
 * formulas on this form are plain arithmetic, SUM and the template's IF, so
 * those are evaluated; anything else returns undefined and the unit is asked
 * to open and save the file in Excel.
 */
export type FormulaValue = number | string | boolean;

const MAX_DEPTH = 20;
const MAX_RANGE_CELLS = 100_000;

export function evaluateFormula(formula: string, sheet: Sheet, depth = 0): FormulaValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  try {
    const parser = new Parser(tokenize(formula), sheet, depth);
    const value = parser.expression();
    return parser.atEnd() ? value : undefined;
  } catch {
    return undefined;
  }
}

type Token =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'ref'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ') {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'num', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new Error('unterminated string');
      tokens.push({ kind: 'str', value: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const ref = /^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?/.exec(rest);
    if (ref && text[i + ref[0].length] !== '(') {
      tokens.push({ kind: 'ref', value: ref[0].replace(/\$/g, '') });
      i += ref[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', value: name[0].toUpperCase() });
      i += name[0].length;
      continue;
    }
    const op = /^(<=|>=|<>|[-+*/(),:=<>&])/.exec(rest);
    if (!op) throw new Error(`unexpected ${ch}`);
    tokens.push({ kind: 'op', value: op[0] });
    i += op[0].length;
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly sheet: Sheet,
    private readonly depth: number,
  ) {}

  atEnd(): boolean {
    return this.pos === this.tokens.length;
  }

  expression(): FormulaValue {
    const left = this.additive();
    const op = this.peekOp(['=', '<>', '<', '>', '<=', '>=']);
    if (!op) return left;
    this.pos++;
    const right = this.additive();
    return compare(left, right, op);
  }

  private additive(): FormulaValue {
    let value = this.multiplicative();
    for (let op = this.peekOp(['+', '-', '&']); op; op = this.peekOp(['+', '-', '&'])) {
      this.pos++;
      const right = this.multiplicative();
      value = op === '&' ? `${value}${right}` : op === '+' ? num(value) + num(right) : num(value) - num(right);
    }
    return value;
  }

  private multiplicative(): FormulaValue {
    let value = this.unary();
    for (let op = this.peekOp(['*', '/']); op; op = this.peekOp(['*', '/'])) {
      this.pos++;
      const right = num(this.unary());
      if (op === '/' && right === 0) throw new Error('#DIV/0!');
      value = op === '*' ? num(value) * right : num(value) / right;
    }
    return value;
  }

  private unary(): FormulaValue {
    const op = this.peekOp(['-', '+']);
    if (op) {
      this.pos++;
      const value = num(this.unary());
      return op === '-' ? -value : value;
    }
    return this.primary();
  }

  private primary(): FormulaValue {
    const token = this.tokens[this.pos++];
    if (!token) throw new Error('unexpected end');
    switch (token.kind) {
      case 'num':
      case 'str':
        return token.value;
      case 'ref':
        if (token.value.includes(':')) throw new Error('range outside a function');
        return this.cellValue(token.value);
      case 'name':
        return this.call(token.value);
      case 'op':
        if (token.value === '(') {
          const value = this.expression();
          this.expectOp(')');
          return value;
        }
        throw new Error(`unexpected ${token.value}`);
    }
  }

  private call(name: string): FormulaValue {
    if (name === 'TRUE' || name === 'FALSE') return name === 'TRUE';
    this.expectOp('(');
    const args: FormulaValue[][] = [];
    if (!this.peekOp([')'])) {
      do args.push(this.argument());
      while (this.peekOp([',']) && ++this.pos);
    }
    this.expectOp(')');
    const flat = args.flat();
    switch (name) {
      case 'SUM':
        return flat.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
      case 'IF': {
        const [cond, yes, no] = args.map((a) => a[0]);
        return truthy(cond ?? false) ? (yes ?? true) : (no ?? false);
      }
      case 'AND':
        return flat.every(truthy);
      case 'OR':
        return flat.some(truthy);
      case 'N':
        return typeof flat[0] === 'number' ? flat[0] : 0;
      case 'ISBLANK':
        return flat.every((v) => v === '');
      default:
        throw new Error(`unsupported function ${name}`);
    }
  }

  /** A range argument yields every cell in it; anything else one value. */
  private argument(): FormulaValue[] {
    const token = this.tokens[this.pos];
    const next = this.tokens[this.pos + 1];
    if (token?.kind === 'ref' && token.value.includes(':') && (!next || (next.kind === 'op' && (next.value === ',' || next.value === ')')))) {
      this.pos++;
      return this.rangeValues(token.value);
    }
    return [this.expression()];
  }

  private rangeValues(range: string): FormulaValue[] {
    const [from, to] = range.split(':').map((a) => parseA1(a));
    if (!from || !to) throw new Error('bad range');
    const top = Math.min(from.row, to.row);
    const bottom = Math.max(from.row, to.row);
    const left = Math.min(from.col, to.col);
    const right = Math.max(from.col, to.col);
    if ((bottom - top + 1) * (right - left + 1) > MAX_RANGE_CELLS) throw new Error('range too large');
    const values: FormulaValue[] = [];
    for (let r = top; r <= Math.min(bottom, this.sheet.rows.length - 1); r++) {
      for (let c = left; c <= right; c++) values.push(this.valueAt(r, c));
    }
    return values;
  }

  private cellValue(address: string): FormulaValue {
    const at = parseA1(address);
    if (!at) throw new Error('bad reference');
    return this.valueAt(at.row, at.col);
  }

  private valueAt(row: number, col: number): FormulaValue {
    const cell = this.sheet.rows[row]?.[col];
    if (!cell) return '';
    if (cell.value === null && cell.formula) {
      const value = evaluateFormula(cell.formula, this.sheet, this.depth + 1);
      if (value === undefined) throw new Error('unevaluable reference');
      return value;
    }
    if (cell.value === null) return '';
    if (isErrorValue(cell.value)) throw new Error(cell.value.error);
    return cell.value;
  }

  private peekOp(ops: string[]): string | undefined {
    const token = this.tokens[this.pos];
    return token?.kind === 'op' && ops.includes(token.value) ? token.value : undefined;
  }

  private expectOp(op: string): void {
    const token = this.tokens[this.pos++];
    if (token?.kind !== 'op' || token.value !== op) throw new Error(`expected ${op}`);
  }
}

function num(value: FormulaValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value.trim() === '') return 0;
  const n = Number(value);
  if (Number.isNaN(n)) throw new Error('#VALUE!');
  return n;
}

function truthy(value: FormulaValue): boolean {
  if (typeof value === 'string') return value !== '';
  return Boolean(value);
}

function compare(left: FormulaValue, right: FormulaValue, op: string): boolean {
  const l = typeof left === 'string' && typeof right === 'string' ? left.toLowerCase() : left;
  const r = typeof left === 'string' && typeof right === 'string' ? right.toLowerCase() : right;
  switch (op) {
    case '=':
      return l === r;
    case '<>':
      return l !== r;
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '<=':
      return l <= r;
    default:
      return l >= r;
  }
}
