import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { KeysetQueryDto } from '@liaison/platform';
import { THREAD_KIND_PATTERN } from './thread-kinds.registry';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Not only white space. */
@ValidatorConstraint({ name: 'hasText' })
export class HasText implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.trim().length > 0;
  }
  defaultMessage(): string {
    return 'must not be empty';
  }
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class NetworkRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ThreadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    description: 'A registered thread kind (`forum`, `private`, or one a library above messaging registers)',
  })
  kind: string;
  @ApiProperty({ type: NetworkRefDto, nullable: true }) network: NetworkRefDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'null when unreadable' }) subject: string | null;
  @ApiProperty({ description: 'The stored subject failed its integrity check' }) unreadable: boolean;
  @ApiProperty({ type: PersonRefDto }) createdBy: PersonRefDto;
  @ApiProperty({ type: [PersonRefDto] }) participants: PersonRefDto[];
  @ApiProperty() pinned: boolean;
  @ApiProperty() locked: boolean;
  @ApiProperty() archived: boolean;
  @ApiProperty() lastSeq: number;
  @ApiProperty({ format: 'date-time' }) lastActivityAt: string;
  @ApiProperty() readSeq: number;
  @ApiProperty() unread: number;
  @ApiProperty() canModerate: boolean;
  @ApiProperty() canManageParticipants: boolean;
}

export class ThreadPageDto {
  @ApiProperty({ type: [ThreadDto] }) items: ThreadDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ThreadQueryDto extends KeysetQueryDto {
  @ApiPropertyOptional({ description: 'Only threads of this kind (one of those listed in the inbox)' })
  @IsOptional()
  @Matches(THREAD_KIND_PATTERN, { message: 'must be a thread kind' })
  kind?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  networkId?: string;

  @ApiPropertyOptional({ description: 'Archived threads instead of current ones' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  archived?: boolean;
}

export class CreateForumThreadDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Validate(HasText)
  @MaxLength(200)
  subject: string;
}

export class CreatePrivateThreadDto extends CreateForumThreadDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The other participants (the creator is added)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(49)
  @IsUUID('all', { each: true })
  participantIds: string[];

  @ApiPropertyOptional({
    description: 'A kind of messaging’s own with participants (default: private); others answer 404',
  })
  @IsOptional()
  @Matches(THREAD_KIND_PATTERN, { message: 'must be a thread kind' })
  kind?: string;
}

export class ModerateThreadDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() pinned?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() locked?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() archived?: boolean;
}

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}
