/**
 * A parser for the Google Ads Query Language subset the hub sends:
 * `SELECT f, ... FROM resource [WHERE cond AND ...] [ORDER BY f [ASC|DESC], ...] [LIMIT n]`
 * with operators =, !=, >, >=, <, <=, IN, NOT IN, LIKE, NOT LIKE, BETWEEN, DURING, IS [NOT] NULL.
 * Mistakes are reported with the `QueryError` enum value Google uses for them.
 * @see https://developers.google.com/google-ads/api/docs/query/grammar
 * @see https://github.com/googleapis/googleapis/blob/master/google/ads/googleads/v25/errors/query_error.proto
 */
export type GaqlLiteral = string | number;
export type GaqlValue = GaqlLiteral | GaqlLiteral[] | null;

export type GaqlOperator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'IN'
  | 'NOT IN'
  | 'LIKE'
  | 'NOT LIKE'
  | 'BETWEEN'
  | 'DURING'
  | 'IS NULL'
  | 'IS NOT NULL';

export interface GaqlCondition {
  field: string;
  operator: GaqlOperator;
  value: GaqlValue;
}

export interface GaqlQuery {
  fields: string[];
  resource: string;
  where: GaqlCondition[];
  orderBy: { field: string; direction: 'ASC' | 'DESC' }[];
  limit: number | undefined;
}

export class GaqlError extends Error {
  constructor(
    message: string,
    /** The QueryError enum value Google returns for this mistake. */
    readonly queryError: string,
    /** The part of the query that triggered it. */
    readonly trigger?: string,
  ) {
    super(message);
  }
}

/** Above this many values in one IN list Google answers FILTER_HAS_TOO_MANY_VALUES. */
export const MAX_FILTER_VALUES = 20_000;

type Token = { kind: 'string'; text: string } | { kind: 'word' | 'number' | 'symbol'; text: string };

const WORD = /[A-Za-z_][\w.]*/y;
const NUMBER = /-?\d+(?:\.\d+)?/y;
const SYMBOL = /(?:>=|<=|!=|[(),=<>])/y;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const at = (re: RegExp) => {
    re.lastIndex = pos;
    const m = re.exec(query);
    return m?.[0];
  };
  while (pos < query.length) {
    const ch = query[pos]!;
    if (/\s/.test(ch)) {
      pos++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let text = '';
      let i = pos + 1;
      for (; i < query.length && query[i] !== ch; i++) {
        if (query[i] === '\n') throw new GaqlError('Error in query: a string contains a newline.', 'PROHIBITED_NEWLINE_IN_STRING');
        if (query[i] === '\\') {
          const next = query[i + 1];
          if (next === undefined || !['\\', "'", '"', '%', '_'].includes(next)) {
            throw new GaqlError('Error in query: invalid escape sequence.', 'BAD_ESCAPE_SEQUENCE', query.slice(i, i + 2));
          }
          // `\%` and `\_` stay escaped for LIKE; the others are plain characters.
          text += next === '%' || next === '_' ? `\\${next}` : next;
          i++;
        } else {
          text += query[i];
        }
      }
      if (i >= query.length) throw new GaqlError('Error in query: unterminated string.', 'STRING_NOT_TERMINATED');
      tokens.push({ kind: 'string', text });
      pos = i + 1;
      continue;
    }
    const number = /[-\d]/.test(ch) ? at(NUMBER) : undefined;
    if (number !== undefined) {
      tokens.push({ kind: 'number', text: number });
      pos += number.length;
      continue;
    }
    const word = at(WORD);
    if (word !== undefined) {
      tokens.push({ kind: 'word', text: word });
      pos += word.length;
      continue;
    }
    const symbol = at(SYMBOL);
    if (symbol !== undefined) {
      tokens.push({ kind: 'symbol', text: symbol });
      pos += symbol.length;
      continue;
    }
    throw new GaqlError(`Error in query: unexpected symbol ${ch}.`, 'BAD_SYMBOL', ch);
  }
  return tokens;
}

export function parseGaql(query: string): GaqlQuery {
  const tokens = tokenize(query);
  let i = 0;
  const peekWord = () => (tokens[i]?.kind === 'word' ? tokens[i]!.text.toUpperCase() : undefined);
  const take = (): Token => {
    const token = tokens[i++];
    if (token === undefined) throw new GaqlError('Error in query: unexpected end of query.', 'UNEXPECTED_END_OF_QUERY');
    return token;
  };
  const keyword = (word: string, error: string) => {
    if (peekWord() !== word) throw new GaqlError(`Error in query: expected ${word}.`, error, tokens[i]?.text);
    i++;
  };
  const field = (): string => {
    const token = take();
    if (token.kind !== 'word') throw new GaqlError(`Error in query: expected a field name, got ${token.text}.`, 'BAD_FIELD_NAME', token.text);
    return token.text;
  };
  const literal = (): GaqlLiteral => {
    const token = take();
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'word') return token.text; // enum constants and date range literals such as LAST_30_DAYS
    throw new GaqlError(`Error in query: expected a value, got ${token.text}.`, 'BAD_VALUE', token.text);
  };
  const list = (): GaqlLiteral[] => {
    if (tokens[i]?.text !== '(') throw new GaqlError('Error in query: the operator requires a list.', 'EXPECTED_LIST', tokens[i]?.text);
    i++;
    const values: GaqlLiteral[] = [];
    while (tokens[i]?.text !== ')') {
      values.push(literal());
      if (tokens[i]?.text === ',') i++;
      else if (tokens[i]?.text !== ')') throw new GaqlError('Error in query: expected , or ).', 'UNEXPECTED_INPUT', tokens[i]?.text);
    }
    i++;
    if (values.length === 0) throw new GaqlError('Error in query: a condition has an empty list.', 'PROHIBITED_EMPTY_LIST_IN_CONDITION');
    if (values.length > MAX_FILTER_VALUES) {
      throw new GaqlError(`Error in query: a filter has more than ${MAX_FILTER_VALUES} values.`, 'FILTER_HAS_TOO_MANY_VALUES');
    }
    return values;
  };

  keyword('SELECT', 'EXPECTED_SELECT');
  const fields = [field()];
  while (tokens[i]?.text === ',') {
    i++;
    fields.push(field());
  }
  keyword('FROM', 'EXPECTED_FROM');
  const resourceToken = take();
  if (resourceToken.kind !== 'word') throw new GaqlError('Error in query: invalid resource in FROM.', 'BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', resourceToken.text);
  const resource = resourceToken.text;

  const where: GaqlCondition[] = [];
  if (peekWord() === 'WHERE') {
    i++;
    for (;;) {
      where.push(condition());
      if (peekWord() !== 'AND') break;
      i++;
    }
  }
  const orderBy: GaqlQuery['orderBy'] = [];
  if (peekWord() === 'ORDER') {
    i++;
    keyword('BY', 'EXPECTED_BY');
    for (;;) {
      const name = field();
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (peekWord() === 'ASC' || peekWord() === 'DESC') direction = take().text.toUpperCase() as 'ASC' | 'DESC';
      orderBy.push({ field: name, direction });
      if (tokens[i]?.text !== ',') break;
      i++;
    }
  }
  let limit: number | undefined;
  if (peekWord() === 'LIMIT') {
    i++;
    const token = take();
    if (token.kind !== 'number' || !Number.isInteger(Number(token.text))) {
      throw new GaqlError('Error in query: invalid LIMIT value.', 'BAD_LIMIT_VALUE', token.text);
    }
    limit = Number(token.text);
    if (limit <= 0) throw new GaqlError('Error in query: LIMIT must be positive.', 'LIMIT_VALUE_TOO_LOW', token.text);
  }
  if (i < tokens.length) throw new GaqlError(`Error in query: unexpected input ${tokens[i]!.text}.`, 'UNEXPECTED_INPUT', tokens[i]!.text);
  return { fields, resource, where, orderBy, limit };

  function condition(): GaqlCondition {
    const name = field();
    const op = take();
    const word = op.text.toUpperCase();
    if (op.kind === 'symbol' && ['=', '!=', '>', '>=', '<', '<='].includes(op.text)) {
      return { field: name, operator: op.text as GaqlOperator, value: literal() };
    }
    switch (word) {
      case 'IN':
        return { field: name, operator: 'IN', value: list() };
      case 'LIKE':
      case 'DURING':
        return { field: name, operator: word, value: literal() };
      case 'BETWEEN': {
        if (i >= tokens.length) throw new GaqlError('Error in query: BETWEEN needs two values.', 'EXPECTED_VALUE_WITH_BETWEEN_OPERATOR');
        const low = literal();
        keyword('AND', 'EXPECTED_AND');
        if (i >= tokens.length) throw new GaqlError('Error in query: BETWEEN needs two values.', 'EXPECTED_VALUE_WITH_BETWEEN_OPERATOR');
        return { field: name, operator: 'BETWEEN', value: [low, literal()] };
      }
      case 'NOT': {
        const next = take().text.toUpperCase();
        if (next === 'IN') return { field: name, operator: 'NOT IN', value: list() };
        if (next === 'LIKE') return { field: name, operator: 'NOT LIKE', value: literal() };
        throw new GaqlError(`Error in query: invalid operator NOT ${next}.`, 'BAD_OPERATOR', `NOT ${next}`);
      }
      case 'IS': {
        if (peekWord() === 'NOT') {
          i++;
          keyword('NULL', 'BAD_OPERATOR');
          return { field: name, operator: 'IS NOT NULL', value: null };
        }
        keyword('NULL', 'BAD_OPERATOR');
        return { field: name, operator: 'IS NULL', value: null };
      }
      default:
        throw new GaqlError(`Error in query: invalid operator ${op.text}.`, 'BAD_OPERATOR', op.text);
    }
  }
}
