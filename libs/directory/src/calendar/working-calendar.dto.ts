import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { OfficeHoursDto } from '../authorities/authorities.dto';

export class HolidayDto {
  @ApiProperty({ format: 'date', example: '2026-12-25' })
  @IsISO8601({ strict: true })
  @Length(10, 10, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @ApiProperty({ example: 'Christmas Day' })
  @IsString()
  @Length(1, 200)
  name: string;
}

/** The whole calendar: a PUT replaces it (weekly hours in the zone, whole-day holidays). */
export class WorkingCalendarDto {
  @ApiProperty({ example: 'Europe/Vienna' })
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @ApiProperty({ type: OfficeHoursDto })
  @ValidateNested()
  @Type(() => OfficeHoursDto)
  hours: OfficeHoursDto;

  @ApiProperty({ type: [HolidayDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  holidays: HolidayDto[];
}

export class WorkingCalendarViewDto extends WorkingCalendarDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: never edited (defaults)' })
  updatedAt: string | null;
}
