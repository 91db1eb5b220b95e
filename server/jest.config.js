/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec|int-spec)\\.ts$',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // NestJS 12 is ESM-only: let swc turn it (and its ESM dependencies) into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|@borewit|uint8array-extras|uid|load-esm|content-disposition)/)'],
  testTimeout: 60000,
  // Every run's server logs are searched for reporters' secrets afterwards (test/log-audit).
  globalSetup: '<rootDir>/test/log-audit/setup.js',
  globalTeardown: '<rootDir>/test/log-audit/teardown.js',
  maxWorkers: 1,
};
