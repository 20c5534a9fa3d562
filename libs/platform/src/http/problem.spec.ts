import { NotFoundException } from '@nestjs/common';
import { toProblem } from './problem-details.filter';
import { ProblemType, ValidationProblem } from './problem';

describe('toProblem', () => {
  it('keeps our problems and HTTP errors as they are', () => {
    expect(toProblem(new ValidationProblem([{ field: 'q', message: 'is empty' }]))).toMatchObject({
      status: 400,
      errors: [{ field: 'q' }],
    });
    expect(toProblem(new NotFoundException('No such thread'))).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No such thread',
    });
  });

  it('answers an exhausted connection pool with a 503 that says when to come back, not a 500', () => {
    expect(toProblem(new Error('timeout exceeded when trying to connect'))).toMatchObject({
      type: ProblemType.overloaded,
      status: 503,
      retryAfterMs: 1000,
    });
  });

  it('hides anything else behind a bare 500', () => {
    expect(toProblem(new Error('relation "secrets" does not exist'))).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
  });
});
