import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Min, ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { IsQueryId, IsQueryInt } from '../../../common/validation/decorators';
import type { DeliveryStatus } from '../webhook-delivery.entity';

export const WEBHOOK_URL_MAX = 500;
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed', 'disabled'];

/** Why `value` is not an acceptable endpoint address, or null when it is. */
export function webhookUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'must be an http(s) URL';
  if (value.length > WEBHOOK_URL_MAX) return `must be at most ${WEBHOOK_URL_MAX} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
  if (!/^https?:\/\//i.test(value) || /\s/.test(value)) return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.hash || value.includes('#')) return 'must not have a fragment (#)';
  return null;
}

/** An absolute http(s) URL of at most 500 characters, without credentials or fragment. */
export function IsWebhookUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWebhookUrl',
      validator: {
        validate: (v) => webhookUrlProblem(v) === null,
        defaultMessage: buildMessage((_each, args) => `$property ${webhookUrlProblem(args?.value) ?? 'is invalid'}`, options),
      },
    },
    options,
  );
}

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://case.dongshan.gov.example/hooks/mingbai' })
  @IsString()
  @IsWebhookUrl()
  url: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Reports of offices under this region (city, county or town); null or absent: all (admins without a region only)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  regionId?: number | null;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsWebhookUrl()
  url?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null: all offices' })
  @IsOptional()
  @IsInt()
  @Min(1)
  regionId?: number | null;

  @ApiPropertyOptional({ description: 'false stops deliveries; true turns a disabled endpoint on again (replay what it missed)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class DeliveriesQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsQueryId()
  cursor?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @IsQueryInt(1, 100)
  limit?: number;
}
