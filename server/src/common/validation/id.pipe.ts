import { PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../errors/app-exception';

/** Route ids: positive integers; anything else is a 400 naming the parameter. */
export class IdPipe implements PipeTransform<string, number> {
  constructor(private readonly field = 'id') {}
  transform(value: string): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647)
      throw new ValidationFailed([{ field: this.field, reason: `${this.field} must be a positive whole number` }]);
    return Number(value);
  }
}
