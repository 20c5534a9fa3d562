export { meetingsEntities } from './meetings-entities';
