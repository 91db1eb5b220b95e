import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import type { AppConfig } from '../../config/config';

/** The parts of a request a log line may hold: never the query string (an inbox search, a signed file URL). */
interface LoggedRequest {
  method?: string;
  url?: string;
  hostname?: string;
  ip?: string;
}

const requestSerializer = (req: LoggedRequest): Record<string, unknown> => ({
  method: req.method,
  url: typeof req.url === 'string' ? req.url.split('?')[0] : req.url,
  hostname: req.hostname,
});

/**
 * Structured JSON logs, on stdout or appended to LOG_FILE; credentials, tokens and what identifies
 * a reporter are never written.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'logFile'>): Logger {
  const destination = config.logFile ? pino.destination({ dest: config.logFile, sync: true, append: true, mkdir: true }) : undefined;
  return pino({
    level: config.logLevel,
    base: { service: 'mingbai' },
    serializers: { req: requestSerializer },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        // @fastify/multipart logs the request's headers at trace level before each upload.
        'busboyOptions.headers',
        // A retry with the same key replays the stored answer (a receipt code): the key is a secret too.
        'req.headers["idempotency-key"]',
        'password',
        'refreshToken',
        'accessToken',
        // Reporters: never their receipt codes or identities (docs/reports.md).
        'receiptCode',
        'openid',
        'reporterName',
        'reporterPhone',
        'idempotencyKey',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  }, destination);
}

/** Lets Nest's own messages go through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
