import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RegionDto } from '@mingbai/shared';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdPipe } from '../../common/validation/id.pipe';
import { RegionsService } from './regions.service';
import { RegionChildrenQuery, VillageSearchQuery } from './dto/region-query.dto';
import { UpdateRegionDto } from './dto/update-region.dto';

@ApiTags('public')
@Controller()
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Public()
  @Get('regions')
  children(@Query() query: RegionChildrenQuery): Promise<RegionDto[]> {
    return this.regions.children(query.parent);
  }

  @Public()
  @Get('villages')
  search(@Query() query: VillageSearchQuery): Promise<RegionDto[]> {
    return this.regions.searchVillages(query.q, query.region, query.limit);
  }

  @ApiTags('admin')
  @ApiBearerAuth()
  @Roles('admin')
  @Patch('admin/regions/:id')
  update(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number, @Body() dto: UpdateRegionDto): Promise<RegionDto> {
    return this.regions.update(user, id, dto);
  }
}
