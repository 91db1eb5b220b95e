/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.{ts,tsx}'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // @tarojs/components-react ships ES modules: let babel turn them into CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|swiper)/)'],
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/taro-components.ts',
    '^@tarojs/taro$': '<rootDir>/test/taro-mock.ts',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/style-stub.js',
    '^@/(.*)$': '<rootDir>/src/$1'
  },
  // Build flags that Taro's webpack DefinePlugin normally injects; @tarojs/runtime reads them
  // (needed as soon as a test loads @tarojs/runtime or the real @tarojs/taro).
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true
  }
}
