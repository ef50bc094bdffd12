// The structured-output schemas of the augmenter tasks. Their `name` is the task name of the
// model-facing contract, so an endpoint that honours response_format knows the task from it.
// Strict mode needs every property required and no extras.
import type { JsonSchemaFormat } from '../model/chat.ts';

export const REPHRASE_FORMAT: JsonSchemaFormat = Object.freeze({
  name: 'rephrase',
  strict: true,
  schema: {
    type: 'object',
    properties: { rephrasings: { type: 'array', items: { type: 'string' } } },
    required: ['rephrasings'],
    additionalProperties: false,
  },
});

export const NEW_QUESTIONS_FORMAT: JsonSchemaFormat = Object.freeze({
  name: 'new_questions',
  strict: true,
  schema: {
    type: 'object',
    properties: {
      questions: {
        type: 'array',
        items: {
          type: 'object',
          properties: { question: { type: 'string' }, answerable: { type: 'boolean' }, reason: { type: 'string' } },
          required: ['question', 'answerable', 'reason'],
          additionalProperties: false,
        },
      },
    },
    required: ['questions'],
    additionalProperties: false,
  },
});

export const SELF_CHECK_FORMAT: JsonSchemaFormat = Object.freeze({
  name: 'self_check',
  strict: true,
  schema: {
    type: 'object',
    properties: { answerable: { type: 'boolean' }, well_formed: { type: 'boolean' }, reason: { type: 'string' } },
    required: ['answerable', 'well_formed', 'reason'],
    additionalProperties: false,
  },
});
