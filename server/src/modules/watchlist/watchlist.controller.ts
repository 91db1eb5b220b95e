import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Page, WatchPersonDto } from '@mingbai/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdPipe } from '../../common/validation/id.pipe';
import { NoStore } from '../../common/http/no-store';
import { readImportUpload } from '../imports/import-upload';
import { WatchlistService, type WatchImportResult } from './watchlist.service';
import { WatchImportQueryDto, WatchListQueryDto, WatchPersonBodyDto, WatchPersonPatchDto } from './dto/watch-person.dto';

/**
 * Watch lists (比对名单) of the discipline office: inspectors only (bookkeepers and approvers are
 * among the people checked against them), for regions within their own; other regions look missing.
 */
@ApiTags('inspector')
@ApiBearerAuth()
@Roles('inspector')
@NoStore()
@Controller('inspector/watchlist')
export class WatchlistController {
  constructor(private readonly watchlist: WatchlistService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: WatchListQueryDto): Promise<Page<WatchPersonDto>> {
    return this.watchlist.list(user, query);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: WatchPersonBodyDto): Promise<WatchPersonDto> {
    return this.watchlist.create(user, dto);
  }

  /** A CSV or XLSX file (multipart field `file`) for one region's lists; all rows or none. */
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  async import(@CurrentUser() user: AuthUser, @Query() query: WatchImportQueryDto, @Req() req: FastifyRequest): Promise<WatchImportResult> {
    const { bytes } = await readImportUpload(req);
    return this.watchlist.import(user, query, bytes);
  }

  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: WatchPersonPatchDto): Promise<WatchPersonDto> {
    return this.watchlist.update(user, id, dto);
  }

  /** Deactivates the person (the row is kept for the findings made with it). */
  @Delete(':id')
  deactivate(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<WatchPersonDto> {
    return this.watchlist.deactivate(user, id);
  }
}
