import { HttpException } from '@nestjs/common';

export interface FieldDetail {
  field: string;
  reason: string;
}

/**
 * Every error the API returns on purpose: an HTTP status, a stable string code the
 * clients can switch on, a message a person can read, and per-field details.
 */
export class AppException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details: FieldDetail[] = [],
  ) {
    super({ statusCode: status, code, message, details }, status);
  }
}

export class ValidationFailed extends AppException {
  constructor(details: FieldDetail[], message = '输入有误') {
    super(400, 'VALIDATION_FAILED', message, details);
  }
}

/** Out of scope looks exactly like missing: a user never learns what exists outside their villages. */
export class NotFound extends AppException {
  constructor(what = 'resource') {
    super(404, 'NOT_FOUND', `${what} not found`);
  }
}
