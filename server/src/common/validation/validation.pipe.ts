import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldDetail, ValidationFailed } from '../errors/app-exception';

function flatten(errors: ValidationError[], prefix = ''): FieldDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Route and query primitives reach their own pipes (IdPipe) as the strings they came as:
 * Nest's default `+value` would let "1e0", "0x1" or "+1" through as 1.
 */
class StrictValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }
}

/** The one global pipe: unknown fields are refused, and every failure names its field (once). */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(dedupe(flatten(errors))),
  });
}

function dedupe(details: FieldDetail[]): FieldDetail[] {
  const seen = new Set<string>();
  return details.filter((d) => {
    const key = `${d.field}\u0000${d.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
