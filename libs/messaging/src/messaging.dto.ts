import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { THREAD_KIND_PATTERN } from './threads/thread-kinds';

export const MAX_BODY = 20_000;
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Not only white space. */
@ValidatorConstraint({ name: 'hasText' })
class HasText implements ValidatorConstraintInterface {
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

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ type: PersonRefDto }) author: PersonRefDto;
  @ApiProperty({ type: String, nullable: true, description: 'Markdown; null once deleted or when unreadable' }) body:
    string | null;
  @ApiProperty() unreadable: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt: string | null;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageDto] }) items: MessageDto[];
  @ApiProperty({ description: 'More messages beyond this page in the direction asked' }) hasMore: boolean;
}

export class MessageVersionDto {
  @ApiProperty({ type: String, nullable: true }) body: string | null;
  @ApiProperty() unreadable: boolean;
  @ApiProperty({ format: 'date-time' }) replacedAt: string;
}

export class ThreadQueryDto {
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

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
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

export class MessageBodyDto {
  @ApiProperty({ maxLength: MAX_BODY, description: 'Markdown' })
  @IsString()
  @Validate(HasText)
  @MaxLength(MAX_BODY)
  body: string;
}

export class SendMessageDto extends MessageBodyDto {
  @ApiProperty({ format: 'uuid', description: 'Made by the client once per message and reused on every retry' })
  @IsUUID()
  clientId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Readers to notify by name' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  mentions?: string[];
}

export class SocketSendDto extends SendMessageDto {
  @IsUUID()
  threadId: string;
}

export class MessageQueryDto {
  @ApiPropertyOptional({ description: 'Messages with a seq greater than this, ascending' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ description: 'The page of messages just before this seq, ascending' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReadDto {
  @ApiProperty({ description: 'The highest seq the reader has seen' })
  @IsInt()
  @Min(0)
  seq: number;
}

export class ReadPositionDto {
  @ApiProperty() readSeq: number;
}

export class SearchQueryDto {
  @ApiProperty({
    description: 'Whole words, all of which must appear (case, accents, elision and Arabic diacritics do not matter)',
  })
  @IsString()
  @MaxLength(200)
  q: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Search one thread only' })
  @IsOptional()
  @IsUUID()
  threadId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class SearchThreadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    description: 'A registered thread kind (`forum`, `private`, or one a library above messaging registers)',
  })
  kind: string;
  @ApiProperty({ type: String, nullable: true }) subject: string | null;
  @ApiProperty({ type: NetworkRefDto, nullable: true }) network: NetworkRefDto | null;
}

export class SearchHitDto {
  @ApiProperty({ type: MessageDto }) message: MessageDto;
  @ApiProperty({ type: SearchThreadDto }) thread: SearchThreadDto;
}

export class SearchPageDto {
  @ApiProperty({ description: 'Matching messages the caller may read, in all' }) total: number;
  @ApiProperty({ type: [SearchHitDto] }) items: SearchHitDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
