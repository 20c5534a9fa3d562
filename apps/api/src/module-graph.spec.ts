import 'reflect-metadata';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { CONTROLLER_WATERMARK, MODULE_METADATA } from '@nestjs/common/constants';
import { GATEWAY_METADATA } from '@nestjs/websockets/constants';
import { AppModule } from './app.module';
import { WorkerModule } from './worker.module';

type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | undefined;

/** Every controller and socket gateway reachable from `root` through module imports. */
function edges(root: Type): { modules: string[]; controllers: string[]; gateways: string[] } {
  const seen = new Set<Type>();
  const controllers = new Set<string>();
  const gateways = new Set<string>();
  const classOf = (provider: Provider): Type | undefined =>
    typeof provider === 'function' ? provider : 'useClass' in provider ? provider.useClass : undefined;
  const visit = (ref: ModuleRef): void => {
    if (!ref || ref instanceof Promise) return;
    const dynamic = 'module' in ref ? ref : undefined;
    const type = dynamic ? dynamic.module : (ref as Type);
    const metadata = <T>(key: string): T[] => [
      ...((Reflect.getMetadata(key, type) as T[] | undefined) ?? []),
      ...(((dynamic as Record<string, unknown> | undefined)?.[key] as T[] | undefined) ?? []),
    ];
    if (seen.has(type) && !dynamic) return;
    seen.add(type);
    for (const controller of metadata<Type>(MODULE_METADATA.CONTROLLERS)) controllers.add(controller.name);
    for (const provider of metadata<Provider>(MODULE_METADATA.PROVIDERS)) {
      const cls = classOf(provider);
      if (cls && Reflect.getMetadata(GATEWAY_METADATA, cls)) gateways.add(cls.name);
      if (cls && Reflect.getMetadata(CONTROLLER_WATERMARK, cls)) controllers.add(cls.name);
    }
    for (const imported of metadata<ModuleRef>(MODULE_METADATA.IMPORTS)) visit(imported);
  };
  visit(root);
  return { modules: [...seen].map((type) => type.name), controllers: [...controllers], gateways: [...gateways] };
}

describe('module graphs', () => {
  it('the worker loads every core module and no controller or socket gateway', () => {
    const worker = edges(WorkerModule);
    expect(worker.controllers).toEqual([]);
    expect(worker.gateways).toEqual([]);
    expect(worker.modules).toEqual(
      expect.arrayContaining([
        'IdentityModule',
        'RealtimeModule',
        'NotificationsModule',
        'DirectoryModule',
        'MessagingModule',
      ]),
    );
    expect(worker.modules.filter((name) => name.endsWith('HttpModule'))).toEqual([]);
  });

  it('the API loads the controllers and gateways the worker leaves out', () => {
    const api = edges(AppModule);
    expect(api.controllers).toEqual(
      expect.arrayContaining(['AuthController', 'ThreadsController', 'MessagesController', 'SearchController']),
    );
    expect(api.gateways.sort()).toEqual(['MessagingGateway', 'RealtimeGateway']);
  });
});
