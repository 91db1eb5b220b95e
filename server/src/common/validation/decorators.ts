import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, MaxLength, Min, ValidateBy, ValidationOptions, buildMessage } from 'class-validator';
import { isCalendarDate, isValidAmountFen, MAX_AMOUNT_FEN, personalDataProblem } from '@mingbai/shared';

/** An amount in integer fen: a JSON number, > 0 and ≤ 10^12. Strings, floats, zero and negatives fail. */
export function IsAmountFen(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAmountFen',
      validator: {
        validate: (v) => isValidAmountFen(v),
        defaultMessage: buildMessage(
          () => `$property must be a whole number of fen greater than 0 and at most ${MAX_AMOUNT_FEN}`,
          options,
        ),
      },
    },
    options,
  );
}

/** A real calendar date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (v) => isCalendarDate(v),
        defaultMessage: buildMessage(() => '$property must be a real date written YYYY-MM-DD', options),
      },
    },
    options,
  );
}

/** Free text that must not carry ID-card or mobile numbers. */
export function NoPersonalData(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noPersonalData',
      validator: {
        validate: (v) => typeof v !== 'string' || personalDataProblem(v) === null,
        defaultMessage: buildMessage(
          (_each, args) => `$property ${personalDataProblem(String(args?.value)) === '不得包含身份证号码' ? 'must not contain an ID-card number' : 'must not contain a phone number'}`,
          options,
        ),
      },
    },
    options,
  );
}

/** Text of 1..max characters (counted as Unicode code points), not only spaces, free of personal numbers. */
export function IsPublicText(max: number): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(/\S/, { message: '$property must not be empty' }),
    ValidateBy({
      name: 'maxChars',
      validator: {
        validate: (v) => typeof v === 'string' && Array.from(v).length <= max,
        defaultMessage: () => `$property must be at most ${max} characters`,
      },
    }),
    MaxLength(max * 4),
    NoPersonalData(),
  );
}

/** A positive integer id given in a query string. */
export function IsQueryId(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value)),
    IsInt({ message: '$property must be a positive whole number' }),
    Min(1, { message: '$property must be a positive whole number' }),
  );
}

/** An integer given in a query string, within bounds. */
export function IsQueryInt(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value)),
    IsInt({ message: `$property must be a whole number from ${min} to ${max}` }),
    Min(min, { message: `$property must be a whole number from ${min} to ${max}` }),
    ValidateBy({
      name: 'maxInt',
      validator: { validate: (v) => typeof v === 'number' && v <= max, defaultMessage: () => `$property must be a whole number from ${min} to ${max}` },
    }),
  );
}
