import { ApiProperty } from '@nestjs/swagger';

export class FailedJobDto {
  @ApiProperty({ example: 'notifications.deliver' }) queue: string;
  @ApiProperty({ example: 'deliver-0b7c…' }) id: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids only, never content' }) payload: Record<
    string,
    unknown
  >;
  @ApiProperty() reason: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ enum: ['in_app', 'email'] }) channel: string;
  @ApiProperty({ description: 'The account or address it goes to' }) recipient: string;
  @ApiProperty({ enum: ['pending', 'claimed', 'sent', 'failed', 'skipped'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'A claim was found without an outcome and the e-mail was sent again' })
  unconfirmed: boolean;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true }) messageId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class CaughtMailSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() from: string;
  @ApiProperty({ type: [String] }) to: string[];
  @ApiProperty() subject: string;
  @ApiProperty({ type: String, nullable: true }) messageId: string | null;
}

export class CaughtMailDto extends CaughtMailSummaryDto {
  @ApiProperty() text: string;
}
