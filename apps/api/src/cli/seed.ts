import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { hashPassword, User } from '@liaison/identity';
import { AppConfig, AuditService, PlatformModule } from '@liaison/platform';
import { featureEntities } from '../entities';
import { DEMO_USERS } from './demo-users';
import { runCli } from './run-cli';

@Module({ imports: [PlatformModule.forRoot({ entities: featureEntities })] })
class SeedModule {}

/** `npm run db:seed`: adds the demo data that is not there yet. Never in production. */
runCli(async () => {
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    if (app.get(AppConfig).isProduction) throw new Error('the demo seed never runs in production');
    const dataSource = app.get(DataSource);
    let added = 0;
    for (const demo of DEMO_USERS) {
      if (await dataSource.getRepository(User).exists({ where: { email: demo.email } })) continue;
      const user = await dataSource.getRepository(User).save({
        email: demo.email,
        displayName: demo.displayName,
        role: demo.role,
        passwordHash: await hashPassword(demo.password),
        totpSecret: demo.totpSecret,
      });
      await app.get(AuditService).append({ action: 'demo.user-seeded', targetType: 'user', targetId: user.id, details: { role: demo.role } });
      added++;
    }
    console.log(added ? `demo data: added ${added} users` : 'demo data already present');
  } finally {
    await app.close();
  }
});
