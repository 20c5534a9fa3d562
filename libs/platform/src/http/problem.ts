import { HttpException, HttpStatus } from '@nestjs/common';

/** One invalid input: `field` is a dotted path into the body, query or parameters (`contacts.0.email`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem details document, as the API answers every error. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types of our own; anything else is `about:blank` with the HTTP status title. */
export const ProblemType = {
  validation: '/problems/validation',
  malformedJson: '/problems/malformed-json',
  payloadTooLarge: '/problems/payload-too-large',
  overloaded: '/problems/overloaded',
} as const;

/**
 * Throw this for an error with a type of its own (`/problems/<slug>`) or extra members; plain Nest
 * HttpExceptions become `about:blank` problems.
 */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDocument) {
    super(problem, problem.status);
  }
}

export class ValidationProblem extends ProblemException {
  constructor(errors: FieldProblem[]) {
    super({
      type: ProblemType.validation,
      title: 'Your request is not valid',
      status: HttpStatus.BAD_REQUEST,
      detail: errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      errors,
    });
  }
}
