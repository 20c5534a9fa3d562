import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OfficeHours } from '@liaison/directory';
import type { AuthUser } from '@liaison/identity';
import { MeetingsService } from '../meetings/meetings.service';
import { SlotsDto, SlotSearchDto } from '../meetings/meetings.dto';
import { findSlots, InvitedAuthority } from './slot-finder';

/**
 * The slot finder for a meeting being scheduled: the invited authorities are those of the people the
 * invitation would reach (or, with nobody yet, of the chosen member States); their office hours come from the
 * directory's records.
 */
@Injectable()
export class SlotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
  ) {}

  async find(actor: AuthUser, search: SlotSearchDto): Promise<SlotsDto> {
    return this.dataSource.transaction(async (manager) => {
      const exists: unknown[] = await manager.query('SELECT 1 FROM networks WHERE id = $1', [search.networkId]);
      if (exists.length === 0) throw new NotFoundException('No such network');
      await this.meetings.requireCoordinator(manager, actor, search.networkId);
      await this.meetings.checkInvitees(manager, search.networkId, search.invitees);
      const { scope, stateCodes = [], userIds = [] } = search.invitees;
      const rows = await manager.query<{ id: string; name: string; time_zone: string; office_hours: OfficeHours }[]>(
        `SELECT DISTINCT a.id, a.name, a.time_zone, a.office_hours
           FROM authorities a
          WHERE EXISTS (
                  SELECT 1 FROM network_members nm JOIN users u ON u.id = nm.user_id AND u.status = 'active'
                   WHERE nm.network_id = $1 AND u.authority_id = a.id
                     AND ($2 = 'network' OR ($2 = 'states' AND a.state_code = ANY($3)) OR ($2 = 'people' AND u.id = ANY($4))))
             OR ($2 = 'states' AND a.state_code = ANY($3)
                 AND EXISTS (SELECT 1 FROM network_states ns WHERE ns.network_id = $1 AND ns.state_code = a.state_code))
          ORDER BY a.name, a.id`,
        [search.networkId, scope, stateCodes, userIds],
      );
      const authorities: InvitedAuthority[] = rows.map((row) => ({
        id: row.id,
        name: row.name,
        timeZone: row.time_zone,
        officeHours: row.office_hours,
      }));
      const slots = findSlots({
        authorities,
        durationMinutes: search.durationMinutes,
        from: new Date(),
        days: (search.weeks ?? 3) * 7,
        limit: search.limit ?? 10,
      });
      return {
        common: slots.some((slot) => slot.allInside),
        authorities: authorities.map(({ id, name, timeZone }) => ({ id, name, timeZone })),
        slots,
      };
    });
  }
}
