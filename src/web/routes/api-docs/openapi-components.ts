// The shapes every /api/v1 route shares, as OpenAPI components: the error answer, the page of a
// list, the standard error responses and the two ways to authenticate.

/** Error codes (src/lib/errors.ts) plus the token rate limiter's. */
const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'locked',
  'rate_limited',
  'unavailable',
  'internal',
];

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

/** Standard error answers, by status; each operation lists the ones that apply to it. */
export const ERROR_RESPONSES: Record<string, { name: string; description: string }> = {
  '400': { name: 'InvalidInput', description: 'Invalid input: `details` names each field and what is wrong' },
  '401': {
    name: 'Unauthenticated',
    description: 'No credentials, or an unknown, revoked or expired API token',
  },
  '403': {
    name: 'Forbidden',
    description: 'Your role (or the token’s experiment or role) does not allow this',
  },
  '404': { name: 'NotFound', description: 'No such object in this experiment' },
  '429': { name: 'RateLimited', description: 'Over the API token’s request rate; see Retry-After' },
};

export const components = {
  schemas: {
    ProblemDetail: {
      type: 'object',
      description: 'One problem: where it is and what is wrong',
      properties: {
        field: { type: 'string', description: 'field name, .ini "section/key", or path' },
        line: { type: 'integer', minimum: 1, description: '1-based line, for text input such as .ini files' },
        section: { type: 'string' },
        key: { type: 'string' },
        message: { type: 'string' },
      },
      required: ['message'],
    },
    Error: {
      type: 'object',
      description: 'Every error answer has this shape',
      properties: {
        error: {
          type: 'object',
          properties: {
            code: { type: 'string', enum: ERROR_CODES },
            message: { type: 'string' },
            details: { type: 'array', items: { $ref: '#/components/schemas/ProblemDetail' } },
          },
          required: ['code', 'message', 'details'],
        },
      },
      required: ['error'],
    },
    Page: {
      type: 'object',
      description: 'One page of a list (query parameters page, 1-based, and page_size, at most 500)',
      properties: {
        items: { type: 'array', items: {} },
        page: { type: 'integer', minimum: 1 },
        pageSize: { type: 'integer', minimum: 1, maximum: 500 },
        total: { type: 'integer', minimum: 0 },
        pages: { type: 'integer', minimum: 1 },
      },
      required: ['items', 'page', 'pageSize', 'total', 'pages'],
    },
  } as Record<string, unknown>,
  responses: Object.fromEntries(
    Object.values(ERROR_RESPONSES).map(({ name, description }) => [
      name,
      name === 'RateLimited'
        ? {
            description,
            headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
            content: errorContent,
          }
        : { description, content: errorContent },
    ]),
  ),
  securitySchemes: {
    bearerToken: {
      type: 'http',
      scheme: 'bearer',
      description:
        'A personal API token from your profile page (/profile), limited to an experiment and a maximum role; rate-limited per token',
    },
    sessionCookie: {
      type: 'apiKey',
      in: 'cookie',
      name: 'poms.sid',
      description: 'A signed-in browser session; state-changing requests also need the X-CSRF-Token header',
    },
  },
};
