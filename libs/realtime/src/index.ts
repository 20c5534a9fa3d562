export { RealtimeEmitterModule, RealtimeModule } from './realtime.module';
export { RealtimeEmitter } from './realtime-emitter';
export { Presence } from './presence';
export { RealtimeGateway } from './realtime.gateway';
export { RealtimeIoAdapter, adapterKey } from './realtime-io.adapter';
export { RoomPolicies, sessionRoom, userRoom } from './rooms';
export type { RoomPolicy } from './rooms';
export { SOCKET_PATH } from '@liaison/contracts';
export type { ClientEvents, ReauthResult, RefusalCode, ResyncSignal, ServerEvents } from '@liaison/contracts';
