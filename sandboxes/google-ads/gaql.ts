/**
 * A parser for the Google Ads Query Language subset the hub sends:
 * `SELECT f, ... FROM resource [WHERE cond AND ...] [ORDER BY f [ASC|DESC], ...] [LIMIT n]`
 * with operators =, !=, >, >=, <, <=, IN, NOT IN, LIKE, BETWEEN, DURING.
 * @see https://developers.google.com/google-ads/api/docs/query/grammar
 */
export type GaqlValue = string | number | (string | number)[];

export interface GaqlCondition {
  field: string;
  operator: '=' | '!=' | '>' | '>=' | '<' | '<=' | 'IN' | 'NOT IN' | 'LIKE' | 'BETWEEN' | 'DURING';
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
  ) {
    super(message);
  }
}

const TOKEN = /\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|>=|<=|!=|[(),=<>]|[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?)/y;

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < query.length) {
    if (/^\s*$/.test(query.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const match = TOKEN.exec(query);
    if (!match) throw new GaqlError(`Error in query: unexpected input ${query.slice(pos, pos + 20)}`, 'UNEXPECTED_INPUT');
    tokens.push(match[1]!);
    pos = TOKEN.lastIndex;
  }
  return tokens;
}

export function parseGaql(query: string): GaqlQuery {
  const tokens = tokenize(query);
  let i = 0;
  const peek = () => tokens[i]?.toUpperCase();
  const take = () => {
    const token = tokens[i++];
    if (token === undefined) throw new GaqlError('Error in query: unexpected end of query.', 'UNEXPECTED_END_OF_QUERY');
    return token;
  };
  const keyword = (word: string) => {
    if (peek() !== word) throw new GaqlError(`Error in query: expected ${word}.`, 'EXPECTED_' + word.replace(' ', '_'));
    i++;
  };
  const literal = (): string | number => {
    const token = take();
    if (/^['"]/.test(token)) return token.slice(1, -1).replace(/\\(.)/g, '$1');
    if (/^-?\d/.test(token)) return Number(token);
    return token; // enum values and date ranges such as LAST_30_DAYS
  };

  keyword('SELECT');
  const fields = [take()];
  while (tokens[i] === ',') {
    i++;
    fields.push(take());
  }
  keyword('FROM');
  const resource = take();
  const where: GaqlCondition[] = [];
  if (peek() === 'WHERE') {
    i++;
    for (;;) {
      const field = take();
      let operator = take().toUpperCase() as GaqlCondition['operator'] | 'NOT';
      if (operator === 'NOT') {
        keyword('IN');
        operator = 'NOT IN';
      }
      let value: GaqlValue;
      if (operator === 'IN' || operator === 'NOT IN') {
        if (take() !== '(') throw new GaqlError('Error in query: expected (.', 'EXPECTED_LEFT_PARENTHESIS');
        const list: (string | number)[] = [];
        while (tokens[i] !== ')') {
          list.push(literal());
          if (tokens[i] === ',') i++;
        }
        i++;
        value = list;
      } else if (operator === 'BETWEEN') {
        const low = literal();
        keyword('AND');
        value = [low, literal()];
      } else if (['=', '!=', '>', '>=', '<', '<=', 'LIKE', 'DURING'].includes(operator)) {
        value = literal();
      } else {
        throw new GaqlError(`Error in query: invalid operator ${operator}.`, 'INVALID_OPERATOR');
      }
      where.push({ field, operator, value });
      if (peek() !== 'AND') break;
      i++;
    }
  }
  const orderBy: GaqlQuery['orderBy'] = [];
  if (peek() === 'ORDER') {
    i++;
    keyword('BY');
    for (;;) {
      const field = take();
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (peek() === 'ASC' || peek() === 'DESC') direction = take().toUpperCase() as 'ASC' | 'DESC';
      orderBy.push({ field, direction });
      if (tokens[i] !== ',') break;
      i++;
    }
  }
  let limit: number | undefined;
  if (peek() === 'LIMIT') {
    i++;
    limit = Number(take());
  }
  if (i < tokens.length) throw new GaqlError(`Error in query: unexpected input ${tokens[i]}.`, 'UNEXPECTED_INPUT');
  return { fields, resource, where, orderBy, limit };
}
