// The JSON shapes the teacher writes for each task (the contract in README.md). When a request
// brings its own schema, the canonical object is fitted to it (schemaFit.ts), so these names are
// what the engine should use to get meaningful content back.
import type { JsonSchema } from './protocol.ts';

export const TASK_SCHEMAS = {
  answer: {
    type: 'object',
    properties: {
      solution: { type: 'string' },
      final_answer: { type: 'string' },
    },
    required: ['solution', 'final_answer'],
    additionalProperties: false,
  },
  rephrase: {
    type: 'object',
    properties: {
      rephrasings: { type: 'array', items: { type: 'string' } },
    },
    required: ['rephrasings'],
    additionalProperties: false,
  },
  new_questions: {
    type: 'object',
    properties: {
      questions: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            question: { type: 'string' },
            answerable: { type: 'boolean' },
            reason: { type: 'string' },
          },
          required: ['question', 'answerable', 'reason'],
          additionalProperties: false,
        },
      },
    },
    required: ['questions'],
    additionalProperties: false,
  },
  self_check: {
    type: 'object',
    properties: {
      answerable: { type: 'boolean' },
      well_formed: { type: 'boolean' },
      reason: { type: 'string' },
    },
    required: ['answerable', 'well_formed', 'reason'],
    additionalProperties: false,
  },
} as const satisfies Record<string, JsonSchema>;
