import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import { constants as zlibConstants } from 'node:zlib';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/config';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation/validation.pipe';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { createLogger, PinoNestLogger } from './common/logging/logger';
import { openDatabase } from './database/data-source';

export interface CreatedApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  logger: Logger;
}

/** Hashed bundles never change under their name; index.html must be revalidated to pick up a new build. */
function h5CacheHeaders(reply: { header(name: string, value: string): unknown }, filePath: string): void {
  const hashed = /\.[0-9a-f]{8}\.(js|css)(\.br|\.gz)?$/.test(filePath) || /[\\/]static[\\/]/.test(filePath);
  reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/** Builds the whole API (used by main.ts, the tests and the benchmarks). */
export async function createApp(config: AppConfig, existing?: DataSource): Promise<CreatedApp> {
  const logger = createLogger(config);
  const dataSource = existing ?? (await openDatabase(config.database));
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One line per request only when debugging: URLs may carry what must not be logged.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, dataSource), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  await app.register(multipart as never, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  // JSON answers shrink four- to sixfold: a ledger page that takes a second on a weak village
  // network takes a quarter of it. Brotli at a low quality costs little CPU per request; request
  // bodies are never inflated (no decompression bombs). The H5 files come precompressed.
  await app.register(compress as never, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
    globalDecompression: false,
  });

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Mingbai 明白账 API')
      .setDescription('Village collective accounts in the open. Public disclosure endpoints need no login.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  if (config.h5Dir) {
    await app.register(fastifyStatic as never, {
      root: config.h5Dir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // The H5 build writes .br/.gz next to each asset (miniapp/scripts/precompress.mjs).
      preCompressed: true,
      setHeaders: h5CacheHeaders,
    });
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, dataSource, logger };
}
