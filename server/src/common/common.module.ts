import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Clock } from './clock/clock';
import { ScopeService } from './scope/scope.service';
import { IdentityCipher } from './crypto/identity-cipher';
import { IdNumberHasher } from './crypto/id-number-hasher';
import { DomainEvents } from './events/domain-events';

@Global()
@Module({})
export class CommonModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        Clock,
        ScopeService,
        IdNumberHasher,
        DomainEvents,
        { provide: IdentityCipher, useFactory: () => new IdentityCipher(config.identityKeys) },
      ],
      exports: [APP_CONFIG, Clock, ScopeService, IdentityCipher, IdNumberHasher, DomainEvents],
    };
  }
}
