import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ValidationProblem } from './problem';

/** Flattens class-validator's tree into one line per invalid field, with dotted paths. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** DTOs are the edge: unknown fields are refused, types are converted and checked, errors name the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(fieldProblems(errors)),
  });
}

/** `@Param('id', uuid('id'))`: a malformed id is a 400 naming the parameter, never a database error. */
export function uuid(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationProblem([{ field, message: 'must be a UUID' }]),
  });
}
