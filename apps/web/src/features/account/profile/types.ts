import type { Answer } from '../../../api/client';

export type Me = Answer<'/api/auth/me', 'get'>;
export type Session = Answer<'/api/sessions', 'get'>[number];
export type Preference = Answer<'/api/me/notification-preferences', 'get'>[number];
