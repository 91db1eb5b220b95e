import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { NoStore } from '../../common/http/no-store';
import type { AuthUser } from '../../common/auth/auth-user';
import { IdPipe } from '../../common/validation/id.pipe';
import { WebhooksService } from './webhooks.service';
import { CreateWebhookDto, DeliveriesQuery, UpdateWebhookDto } from './dto/webhook.dto';
import type { CreatedWebhookView, WebhookDeliveryPage, WebhookDeliveryView, WebhookEndpointView } from './webhook.views';

/** The offices' case-system endpoints (Standard Webhooks) and their deliveries. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
// The answer to POST /webhooks carries the signing secret, shown once: no cache may keep it.
@NoStore()
@Controller('admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('webhooks')
  list(@CurrentUser() user: AuthUser): Promise<WebhookEndpointView[]> {
    return this.webhooks.list(user);
  }

  /** The answer carries the signing secret; it is never shown again. */
  @Post('webhooks')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    return this.webhooks.create(user, dto);
  }

  @Patch('webhooks/:id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdPipe()) id: number,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookEndpointView> {
    return this.webhooks.update(user, id, dto);
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<void> {
    return this.webhooks.remove(user, id);
  }

  @Get('webhooks/:id/deliveries')
  deliveries(
    @CurrentUser() user: AuthUser,
    @Param('id', new IdPipe()) id: number,
    @Query() query: DeliveriesQuery,
  ): Promise<WebhookDeliveryPage> {
    return this.webhooks.deliveries(user, id, query);
  }

  @Post('webhook-deliveries/:id/replay')
  @HttpCode(200)
  replay(@CurrentUser() user: AuthUser, @Param('id', new IdPipe()) id: number): Promise<WebhookDeliveryView> {
    return this.webhooks.replay(user, id);
  }
}
