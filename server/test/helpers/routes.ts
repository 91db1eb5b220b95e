import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@mingbai/shared';
import { IS_PUBLIC, ROLES, VILLAGER } from '../../src/common/auth/decorators';

/** The global prefix set in app.factory.ts. */
export const API_PREFIX = 'api';

/** One route of a Nest controller, with the access metadata the global guard reads. */
export interface NestRoute {
  /** "METHOD /api/path", the key of the access matrix. */
  key: string;
  method: string;
  path: string;
  controller: string;
  handler: string;
  /** @Public(), or a villager route that works without a token (@VillagerRoute('optional')). */
  isPublic: boolean;
  roles: Role[] | null;
  /** 'required': a villager token only; 'optional': anyone, a villager token when sent. */
  villager: 'required' | 'optional' | null;
}

const joinPath = (...parts: string[]): string => {
  const inner = parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  return `/${inner}`;
};

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [v === undefined ? '' : String(v)]);

/**
 * Every route declared by a controller of the running app, read from Nest's own metadata
 * (the same metadata the router and the AuthGuard use).
 */
export function nestRoutes(app: NestFastifyApplication): NestRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: NestRoute[] = [];
  const seen = new Set<unknown>();
  for (const wrapper of discovery.getControllers()) {
    const cls = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!cls || seen.has(cls)) continue;
    seen.add(cls);
    const proto = cls.prototype as Record<string, unknown>;
    const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, cls));
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as (...args: unknown[]) => unknown;
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler);
      if (methodPaths === undefined) continue; // not a route handler
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const method = RequestMethod[requestMethod];
      const villager = reflector.getAllAndOverride<'required' | 'optional' | undefined>(VILLAGER, [handler, cls]) ?? null;
      const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, cls]) === true || villager === 'optional';
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES, [handler, cls]) ?? null;
      for (const cp of controllerPaths)
        for (const mp of asList(methodPaths)) {
          const path = joinPath(API_PREFIX, cp, mp);
          routes.push({ key: `${method} ${path}`, method, path, controller: cls.name, handler: name, isPublic, roles, villager });
        }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** Routes of the HTTP server that are not part of the API proper: Swagger UI and its JSON/YAML. */
export const isDocsRoute = (path: string): boolean => path === `/${API_PREFIX}/docs` || path.startsWith(`/${API_PREFIX}/docs`);

/**
 * Every route Fastify actually serves, parsed from `printRoutes({commonPrefix: false})`: this
 * also sees routes registered on Fastify directly, outside Nest (and so outside the AuthGuard).
 * HEAD routes Fastify adds for each GET are left out, as are Swagger's routes and anything
 * outside /api (the H5 static files).
 */
export function httpRoutes(app: NestFastifyApplication): string[] {
  const tree = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const keys = new Set<string>();
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2];
    stack[depth] = path;
    if (!m[3] || !path.startsWith(`/${API_PREFIX}`) || isDocsRoute(path)) continue;
    for (const method of m[3].split(',').map((s) => s.trim()))
      if (method !== 'HEAD') keys.add(`${method} ${path}`);
  }
  return [...keys].sort();
}

/** The path parameters of a route path ("/api/x/:id/y" -> ["id"]). */
export const pathParams = (path: string): string[] => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);

/** Fills the path parameters of a route path. */
export const fillPath = (path: string, values: Record<string, string | number>): string =>
  path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`no value for :${name} in ${path}`);
    return String(values[name]);
  });

/**
 * A matrix as stable, reviewable JSON: routes sorted, one route per line, callers in a fixed order.
 */
export function formatMatrix(matrix: Record<string, Record<string, number>>, callers: readonly string[]): string {
  const lines = Object.keys(matrix)
    .sort()
    .map((key) => `  ${JSON.stringify(key)}: {${callers.map((c) => `${JSON.stringify(c)}: ${matrix[key][c]}`).join(', ')}}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
