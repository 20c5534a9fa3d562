import { MODULE_METADATA } from '@nestjs/common/constants';
import * as api from './index';
import { meetingsEntities } from './meetings-entities';
import { MeetingsHttpModule } from './meetings-http.module';
import { MeetingsModule } from './meetings.module';

describe('the meetings library template', () => {
  it('keeps controllers out of the core module the worker imports', () => {
    expect(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, MeetingsModule) ?? []).toEqual([]);
    expect(Reflect.getMetadata(MODULE_METADATA.IMPORTS, MeetingsHttpModule)).toContain(MeetingsModule);
    expect((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, MeetingsHttpModule) as unknown[]).length).toBe(4);
  });

  it('exports the entity list, never an entity class', () => {
    const exported = new Set<unknown>(Object.values(api));
    for (const entity of meetingsEntities) expect(exported.has(entity)).toBe(false);
    expect(api.meetingsEntities).toBe(meetingsEntities);
  });
});
