import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A State (ISO 3166-1 alpha-2), and where it stands on UNTOC. */
@Entity({ name: 'states' })
export class State {
  @PrimaryColumn({ type: 'char', length: 2 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'untoc_party', type: 'boolean', default: false })
  untocParty: boolean;

  /** Takes UNTOC as the legal basis for extradition (art. 16(5)). */
  @Column({ name: 'untoc_extradition_basis', type: 'boolean', default: false })
  untocExtraditionBasis: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
