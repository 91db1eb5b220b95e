import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppException } from './app-exception';

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

/** Turns every error into `{statusCode, code, message, details}`; unexpected ones become a bare 500. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let body: { statusCode: number; code: string; message: string; details: unknown[] };
    if (exception instanceof AppException) {
      body = { statusCode: exception.getStatus(), code: exception.code, message: exception.message, details: exception.details };
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? exception.message);
      body = { statusCode: status, code: CODES[status] ?? `HTTP_${status}`, message, details: [] };
    } else if (isFastifyError(exception)) {
      const status = exception.statusCode;
      body = { statusCode: status, code: CODES[status] ?? exception.code, message: exception.message, details: [] };
    } else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      body = { statusCode: 500, code: 'INTERNAL', message: 'Internal server error', details: [] };
    }
    void reply.status(body.statusCode).header('cache-control', 'no-store').send(body);
  }
}

function isFastifyError(e: unknown): e is { statusCode: number; code: string; message: string } {
  return (
    typeof e === 'object' && e !== null && typeof (e as { statusCode?: unknown }).statusCode === 'number' &&
    (e as { statusCode: number }).statusCode >= 400 && (e as { statusCode: number }).statusCode < 500 &&
    typeof (e as { code?: unknown }).code === 'string'
  );
}
