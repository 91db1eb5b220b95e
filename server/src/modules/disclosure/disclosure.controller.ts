import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/decorators';
import { IdPipe } from '../../common/validation/id.pipe';
import { sendVersioned } from '../../common/http/public-cache';
import { DisclosureService } from './disclosure.service';
import { PublicEntriesQuery, SummaryQuery } from './dto/public-query.dto';

@ApiTags('public')
@Public()
@Controller()
export class DisclosureController {
  constructor(private readonly disclosure: DisclosureService) {}

  @Get('villages/:id')
  async village(@Param('id', new IdPipe()) id: number, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendVersioned(req, reply, await this.disclosure.village(id));
  }

  @Get('villages/:id/summary')
  async summary(@Param('id', new IdPipe()) id: number, @Query() q: SummaryQuery, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendVersioned(req, reply, await this.disclosure.summary(id, q.year));
  }

  @Get('villages/:id/entries')
  async entries(@Param('id', new IdPipe()) id: number, @Query() q: PublicEntriesQuery, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendVersioned(req, reply, await this.disclosure.entries(id, q));
  }

  @Get('entries/:id')
  async entry(@Param('id', new IdPipe()) id: number, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendVersioned(req, reply, await this.disclosure.entry(id));
  }
}
