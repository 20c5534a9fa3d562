import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { configFromProcessEnv, dataSourceOptions } from '@liaison/platform';
import { MailCatcher } from '@liaison/notifications';
import { featureEntities } from '../entities';

/**
 * `npm start` runs this when no SMTP relay is configured outside production: a local SMTP listener whose
 * catch admins read in the web app (Admin → Mail). Refuses to run in production.
 */
async function main(): Promise<void> {
  const config = configFromProcessEnv();
  if (!config.mailCatcher) {
    console.error('the mail catcher runs only outside production and when SMTP_HOST is not set');
    process.exit(1);
  }
  const dataSource = await new DataSource(
    dataSourceOptions({
      url: config.DATABASE_URL,
      entities: featureEntities,
      poolSize: 2,
      applicationName: 'liaison-mail-catcher',
    }),
  ).initialize();
  const catcher = new MailCatcher(dataSource);
  const port = await catcher.listen(config.MAIL_CATCHER_PORT);
  console.log(`mail catcher listening on 127.0.0.1:${port}`);
  const stop = () =>
    void catcher
      .close()
      .then(() => dataSource.destroy())
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
