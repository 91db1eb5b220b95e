/**
 * npm run create-user -- --username NAME --role ROLE [--region CODE] [--display-name NAME]
 * Creates a staff account, e.g. the first admin of a production installation.
 * The password is read from the MINGBAI_PASSWORD variable or, without it, from standard input.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '@mingbai/shared';
import { loadConfig } from '../config/config';
import { openDatabase } from '../database/data-source';
import { Db } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import { ScopeService } from '../common/scope/scope.service';
import { ValidationFailed } from '../common/errors/app-exception';
import type { AuthUser } from '../common/auth/auth-user';
import { Region } from '../modules/regions/region.entity';
import { UsersService } from '../modules/users/users.service';
import { UsersRepository } from '../modules/users/users.repository';
import { PasswordHasher } from '../modules/users/password-hasher';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateUserDto } from '../modules/users/dto/create-user.dto';
import { parseArgs } from './args';
import { runCli } from './run';

const ROOT: AuthUser = { id: 0, username: 'cli', displayName: 'cli', role: 'admin', regionId: null, regionPath: null, regionLevel: null };

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { username: 'string', role: 'string', region: 'string', 'display-name': 'string' });
  if (!args.username || !ROLES.includes(args.role as Role)) {
    console.error(`usage: npm run create-user -- --username NAME --role ${ROLES.join('|')} [--region CODE] [--display-name NAME]`);
    return 2;
  }
  const password = (process.env.MINGBAI_PASSWORD ?? readFileSync(0, 'utf8')).trim();
  const ds = await openDatabase(loadConfig().database);
  try {
    const db = new Db(ds);
    const region = args.region ? await ds.manager.findOne(Region, { where: { code: String(args.region) } }) : null;
    if (args.region && !region) throw new ValidationFailed([{ field: 'region', reason: `no region with code ${args.region}` }]);
    const users = new UsersService(db, new UsersRepository(db), new PasswordHasher(), new ScopeService(db), new Clock());
    // The same rules as POST /api/admin/users.
    const dto = plainToInstance(CreateUserDto, {
      username: String(args.username),
      password,
      displayName: String(args['display-name'] ?? args.username),
      role: args.role,
      regionId: region?.id,
    });
    const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (problems.length)
      throw new ValidationFailed(problems.flatMap((p) => Object.values(p.constraints ?? {}).map((reason) => ({ field: p.property, reason }))));
    const user = await users.create(ROOT, dto);
    console.log(`created ${user.role} ${user.username} (id ${user.id})`);
    return 0;
  } finally {
    await ds.destroy();
  }
}

runCli(main);
