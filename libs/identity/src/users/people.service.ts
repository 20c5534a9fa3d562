import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ValidationProblem } from '@liaison/platform';
import { GLOBAL_ROLES, Role } from '@liaison/contracts';
import { User, UserStatus } from './user.entity';

/** A person as other libraries see them: no credentials, no entity to write through. */
export interface Person {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  authorityId: string | null;
  language: string;
  timeZone: string;
}

export interface PeopleFilter {
  roles?: Role[];
  authorityIds?: string[];
  status?: UserStatus;
}

/** The users columns another library may change. */
export interface PersonChanges {
  authorityId?: string | null;
  timeZone?: string;
}

function personOf(user: User): Person {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    status: user.status,
    authorityId: user.authorityId,
    language: user.locale,
    timeZone: user.timeZone,
  };
}

/**
 * Identity's API for people, for every other library: reads give plain `Person` objects and `assign` is the
 * only write, so the users table (credentials included) stays identity's alone. Each method takes the
 * caller's transaction manager when it runs inside one.
 */
@Injectable()
export class PeopleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query(manager: EntityManager | undefined): SelectQueryBuilder<User> {
    return (manager ?? this.dataSource.manager)
      .createQueryBuilder(User, 'user')
      .orderBy('user.display_name', 'ASC')
      .addOrderBy('user.id', 'ASC');
  }

  async get(id: string, manager?: EntityManager): Promise<Person | null> {
    const user = await this.query(manager).where('user.id = :id', { id }).getOne();
    return user ? personOf(user) : null;
  }

  /** The people among `ids` that exist, by display name; unknown ids are left out. */
  async many(ids: readonly string[], manager?: EntityManager): Promise<Person[]> {
    if (ids.length === 0) return [];
    const users = await this.query(manager)
      .where('user.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    return users.map(personOf);
  }

  /** People matching every given criterion (an empty list matches nobody), by display name. */
  async find(filter: PeopleFilter, manager?: EntityManager): Promise<Person[]> {
    if (filter.roles?.length === 0 || filter.authorityIds?.length === 0) return [];
    const query = this.query(manager);
    if (filter.roles) query.andWhere('user.role IN (:...roles)', { roles: filter.roles });
    if (filter.authorityIds)
      query.andWhere('user.authority_id IN (:...authorityIds)', { authorityIds: filter.authorityIds });
    if (filter.status) query.andWhere('user.status = :status', { status: filter.status });
    return (await query.getMany()).map(personOf);
  }

  byAuthority(authorityId: string, options: { status?: UserStatus } = {}, manager?: EntityManager): Promise<Person[]> {
    return this.find({ authorityIds: [authorityId], status: options.status }, manager);
  }

  /**
   * Changes a person's authority or time zone — the only users columns another library owns the meaning of.
   * Admin and secretariat accounts belong to no authority, so giving them one is refused.
   */
  async assign(id: string, changes: PersonChanges, manager?: EntityManager): Promise<Person> {
    const run = async (tx: EntityManager): Promise<Person> => {
      const user = await tx.findOne(User, { where: { id } });
      if (!user) throw new NotFoundException('No such user');
      if (changes.authorityId && GLOBAL_ROLES.includes(user.role)) {
        throw new ValidationProblem([
          { field: 'authorityId', message: 'admin and secretariat accounts belong to no authority' },
        ]);
      }
      const fields: Partial<Pick<User, 'authorityId' | 'timeZone'>> = {};
      if (changes.authorityId !== undefined) fields.authorityId = changes.authorityId;
      if (changes.timeZone !== undefined) fields.timeZone = changes.timeZone;
      if (Object.keys(fields).length === 0) return personOf(user);
      await tx.update(User, { id }, fields);
      return personOf({ ...user, ...fields });
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }
}
