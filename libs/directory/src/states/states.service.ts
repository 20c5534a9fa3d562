import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '@liaison/platform';
import type { CreateStateDto, UpdateStateDto } from './states.dto';
import { State } from './state.entity';

@Injectable()
export class StatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<State[]> {
    return this.dataSource.getRepository(State).find({ order: { name: 'ASC' } });
  }

  async create(input: CreateStateDto, context: AuditContext): Promise<State> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(State, { where: { code: input.code } }))
        throw new ConflictException(`State ${input.code} exists`);
      const state = await manager.save(manager.create(State, input));
      await this.audit.append(
        { ...context, action: 'state.created', targetType: 'state', targetId: state.code, details: { ...input } },
        manager,
      );
      return state;
    });
  }

  async update(code: string, changes: UpdateStateDto, context: AuditContext): Promise<State> {
    return this.dataSource.transaction(async (manager) => {
      const state = await manager.findOne(State, { where: { code } });
      if (!state) throw new NotFoundException('No such State');
      await manager.save(Object.assign(state, changes));
      await this.audit.append(
        { ...context, action: 'state.updated', targetType: 'state', targetId: code, details: { ...changes } },
        manager,
      );
      return state;
    });
  }
}
