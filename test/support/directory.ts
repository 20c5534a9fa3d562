import { randomUUID } from 'node:crypto';
import { call } from './auth';
import type { RunningApp } from './test-app';

export interface DirectoryFixture {
  stateCode: string;
  networkId: string;
  authorityId: string;
}

const week = (start: string, end: string) => {
  const day = [{ start, end }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
};

/**
 * A State (created once per run), a network with it as member and an authority in it, through the admin
 * API, for tests that need invitations to name real directory records.
 */
export async function createDirectoryFixture(
  api: RunningApp,
  adminToken: string,
  options: { stateCode?: string; timeZone?: string } = {},
): Promise<DirectoryFixture> {
  const stateCode = options.stateCode ?? 'QF';
  const suffix = randomUUID().slice(0, 8);
  const send = async <T>(method: string, path: string, body: unknown): Promise<{ status: number; body: T }> => {
    const response = await call(api, method, path, { token: adminToken, body });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
  };
  const state = await send('POST', '/api/states', {
    code: stateCode,
    name: `Fixtureland ${stateCode}`,
    untocParty: true,
    untocExtraditionBasis: true,
  });
  if (state.status !== 201 && state.status !== 409) throw new Error(`state: ${state.status}`);
  const network = await send<{ id: string }>('POST', '/api/networks', {
    slug: `fixture-${suffix}`,
    name: `Fixture network ${suffix}`,
    description: '',
    stateCodes: [stateCode],
  });
  const authority = await send<{ id: string }>('POST', '/api/authorities', {
    stateCode,
    name: `Fixture central authority ${suffix}`,
    categories: ['mla', 'extradition'],
    officeHours: week('08:00', '16:00'),
    timeZone: options.timeZone ?? 'Indian/Mauritius',
    languages: ['en', 'fr'],
    documentsRequired: [],
    channels: ['direct', 'email'],
    acceptsInterpol: true,
    urgentProcedure: null,
    remarks: null,
    contact: {},
    lastVerified: null,
  });
  if (network.status !== 201 || authority.status !== 201)
    throw new Error(`fixture: network ${network.status}, authority ${authority.status}`);
  return { stateCode, networkId: network.body.id, authorityId: authority.body.id };
}

/** Invites a new focal point of the fixture's authority into its network; returns the invitee's address. */
export async function inviteFocalPoint(
  api: RunningApp,
  adminToken: string,
  directory: DirectoryFixture,
): Promise<string> {
  const email = `invitee-${randomUUID().slice(0, 8)}@test.liaison.example`;
  const response = await call(api, 'POST', '/api/invitations', {
    token: adminToken,
    body: { email, role: 'focal_point', authorityId: directory.authorityId, networkIds: [directory.networkId] },
  });
  if (response.status !== 201) throw new Error(`inviting answered ${response.status}: ${await response.text()}`);
  return email;
}
