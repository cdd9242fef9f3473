/**
 * Turns zod's issues into problems a person reads: `params.duration: must be greater than 0 (got -5)`.
 * One unknown-keys issue becomes one problem per unknown key, with the known keys listed.
 */
import type { z } from 'zod';
import { joinPath, type Problem } from './problems.ts';

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text "${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

const TYPE_TEXT: Record<string, string> = {
  number: 'a number', string: 'a text', boolean: 'true or false', object: 'an object', array: 'a list',
  tuple: 'a list', int: 'a whole number', null: 'null', record: 'an object',
};

export function issueToProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = joinPath(issue.path);
  const got = 'input' in issue && issue.input !== undefined ? ` (got ${describeValue(issue.input)})` : '';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: joinPath([...issue.path, k]), message: `is not a known parameter; ${issue.message}` }));
    case 'invalid_type':
      if (!('input' in issue) || issue.input === undefined) return [{ path, message: 'is required' }];
      return [{ path, message: `must be ${TYPE_TEXT[issue.expected] ?? issue.expected}${got}` }];
    case 'too_small': {
      if (issue.origin === 'array') return [{ path, message: `must have at least ${issue.minimum} entries` }];
      if (issue.origin === 'string') return [{ path, message: 'must not be empty' }];
      const bound = issue.inclusive ? `at least ${issue.minimum}` : `greater than ${issue.minimum}`;
      return [{ path, message: `must be ${bound}${got}` }];
    }
    case 'too_big': {
      if (issue.origin === 'array') return [{ path, message: `must have at most ${issue.maximum} entries` }];
      const bound = issue.inclusive ? `at most ${issue.maximum}` : `less than ${issue.maximum}`;
      return [{ path, message: `must be ${bound}${got}` }];
    }
    case 'invalid_value':
      return [{ path, message: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${got}` }];
    case 'not_multiple_of':
      return [{ path, message: `must be a multiple of ${issue.divisor}${got}` }];
    case 'invalid_union':
    case 'custom':
    default:
      return [{ path, message: `${issue.message}${got}` }];
  }
}
