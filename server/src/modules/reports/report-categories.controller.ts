import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ReportCategoryDto } from '@mingbai/shared';
import { Public, Roles } from '../../common/auth/decorators';
import { NoStore } from '../../common/http/no-store';
import { ReportCategoriesService } from './report-categories.service';
import { AdminReportCategoryDto, CreateReportCategoryBody, UpdateReportCategoryBody } from './dto/report-category.dto';

@NoStore()
@Controller()
export class ReportCategoriesController {
  constructor(private readonly categories: ReportCategoriesService) {}

  /** The categories a villager can choose from, in order. */
  @ApiTags('reports')
  @Public()
  @Get('report-categories')
  list(): Promise<ReportCategoryDto[]> {
    return this.categories.listActive();
  }

  @ApiTags('admin')
  @ApiBearerAuth()
  @Roles('admin')
  @Post('admin/report-categories')
  create(@Body() body: CreateReportCategoryBody): Promise<AdminReportCategoryDto> {
    return this.categories.create(body);
  }

  @ApiTags('admin')
  @ApiBearerAuth()
  @Roles('admin')
  @Patch('admin/report-categories/:code')
  update(@Param('code') code: string, @Body() body: UpdateReportCategoryBody): Promise<AdminReportCategoryDto> {
    return this.categories.update(code, body);
  }
}
