export { SendRefused, ThreadSync } from './thread-sync';
export type { SyncSocket, ThreadSyncOptions } from './thread-sync';
