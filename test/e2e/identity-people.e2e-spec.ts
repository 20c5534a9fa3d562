import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PeopleService } from '@liaison/identity';
import { ValidationProblem } from '@liaison/platform';
import { User } from '../support/entities';
import { createUser, TestUser } from '../support/factories';
import { RunningApp, startApp } from '../support/test-app';

describe('identity: people, for other libraries', () => {
  let api: RunningApp;
  let people: PeopleService;
  // An authority id of this suite's own, so other suites' users never match its filters.
  const authorityId = randomUUID();
  let ana: TestUser;
  let bo: TestUser;
  let suspended: TestUser;
  let coordinator: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startApp();
    people = api.app.get(PeopleService);
    ana = await createUser(api.app, 'focal_point', { authorityId, displayName: 'Ana People', locale: 'fr' });
    bo = await createUser(api.app, 'focal_point', { authorityId, displayName: 'Bo People', timeZone: 'Africa/Dakar' });
    suspended = await createUser(api.app, 'focal_point', {
      authorityId,
      displayName: 'Cy People',
      status: 'suspended',
    });
    coordinator = await createUser(api.app, 'coordinator', { authorityId, displayName: 'Di People' });
    admin = await createUser(api.app, 'admin');
  });

  afterAll(() => api.close());

  it('reads a person without their credentials, and null for nobody', async () => {
    const person = await people.get(ana.id);
    expect(person).toEqual({
      id: ana.id,
      email: ana.email,
      displayName: 'Ana People',
      role: 'focal_point',
      status: 'active',
      authorityId,
      language: 'fr',
      timeZone: 'UTC',
    });
    expect(person?.constructor).toBe(Object);
    expect(await people.get(randomUUID())).toBeNull();
  });

  it('reads many by id, by display name, leaving out unknown ids', async () => {
    const found = await people.many([bo.id, randomUUID(), ana.id, bo.id]);
    expect(found.map((person) => person.id)).toEqual([ana.id, bo.id]);
    expect(await people.many([])).toEqual([]);
  });

  it('finds people by role, authority and status', async () => {
    const ids = (list: { id: string }[]) => list.map((person) => person.id);
    expect(ids(await people.byAuthority(authorityId))).toEqual([ana.id, bo.id, suspended.id, coordinator.id]);
    expect(ids(await people.byAuthority(authorityId, { status: 'active' }))).toEqual([ana.id, bo.id, coordinator.id]);
    expect(ids(await people.find({ authorityIds: [authorityId], roles: ['coordinator'] }))).toEqual([coordinator.id]);
    expect(ids(await people.find({ authorityIds: [authorityId], status: 'suspended' }))).toEqual([suspended.id]);
    expect(await people.find({ roles: [] })).toEqual([]);
  });

  it('reads inside the caller’s transaction', async () => {
    await api.app.get(DataSource).transaction(async (manager) => {
      await manager.update(User, { id: bo.id }, { displayName: 'Bo Renamed' });
      expect((await people.get(bo.id, manager))?.displayName).toBe('Bo Renamed');
      expect((await people.get(bo.id))?.displayName).toBe('Bo People');
      await manager.update(User, { id: bo.id }, { displayName: 'Bo People' });
    });
  });

  it('changes only the authority and the time zone', async () => {
    const other = randomUUID();
    const moved = await people.assign(bo.id, { authorityId: other, timeZone: 'Europe/Paris' });
    expect(moved).toMatchObject({ id: bo.id, authorityId: other, timeZone: 'Europe/Paris', role: 'focal_point' });
    expect(await people.get(bo.id)).toEqual(moved);
    // Leaving a change out keeps the column as it is.
    expect(await people.assign(bo.id, { timeZone: 'Africa/Dakar' })).toMatchObject({ authorityId: other });
    expect(await people.assign(bo.id, { authorityId })).toMatchObject({ authorityId, timeZone: 'Africa/Dakar' });
  });

  it('refuses to give an admin or secretariat account an authority, naming the field', async () => {
    const refusal = await people.assign(admin.id, { authorityId }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ValidationProblem);
    expect((refusal as ValidationProblem).problem).toMatchObject({
      status: 400,
      errors: [{ field: 'authorityId', message: expect.any(String) }],
    });
    expect((await people.get(admin.id))?.authorityId).toBeNull();
    // A time zone is theirs to have.
    expect(await people.assign(admin.id, { timeZone: 'Asia/Tokyo' })).toMatchObject({ timeZone: 'Asia/Tokyo' });
  });

  it('answers 404 for nobody', async () => {
    await expect(people.assign(randomUUID(), { timeZone: 'UTC' })).rejects.toMatchObject({ status: 404 });
  });

  it('rolls back with the caller’s transaction', async () => {
    await api.app
      .get(DataSource)
      .transaction(async (manager) => {
        await people.assign(ana.id, { timeZone: 'Asia/Dubai' }, manager);
        throw new Error('caller fails');
      })
      .catch(() => undefined);
    expect((await people.get(ana.id))?.timeZone).toBe('UTC');
  });
});
