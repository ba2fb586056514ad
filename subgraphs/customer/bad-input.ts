import { GraphQLError } from 'graphql';

/** The error for an argument the caller got wrong: names the argument, changes nothing. */
export const badInput = (argument: string, problem: string): GraphQLError =>
  new GraphQLError(`The ${argument} argument ${problem}.`, { extensions: { code: 'BAD_USER_INPUT', argument } });
