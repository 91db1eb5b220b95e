import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators';
import { Db } from '../../database/db.service';
import { AppException } from '../../common/errors/app-exception';

@ApiTags('public')
@Controller('healthz')
export class HealthController {
  constructor(private readonly db: Db) {}

  /** 200 when the database answers; 503 otherwise. */
  @Public()
  @Get()
  async check(): Promise<{ status: 'ok'; database: 'ok' }> {
    try {
      await this.db.dataSource.query('SELECT 1');
    } catch {
      throw new AppException(503, 'DATABASE_UNAVAILABLE', 'database is not reachable');
    }
    return { status: 'ok', database: 'ok' };
  }
}
