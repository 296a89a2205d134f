import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns.js';
import { UserEntity } from '../users/user.entity.js';

@Entity('segments')
@Check('ck_segments_status', `"status" IN ('active','archived')`)
@Check('ck_segments_source', `"source" IN ('manual','run','rule')`)
export class SegmentEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_segments' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  behaviourFactor: string | null;

  @Index('ix_segments_owner_id')
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_segments_owner' })
  owner?: UserEntity | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: string;

  @Column({ type: 'varchar', length: 16, default: 'manual' })
  source: string;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  /** The segment card (needs, pains, … growth potential), each field with its evidence. Shape: SegmentCard in contracts. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  card: Record<string, unknown>;

  /** The job map's main job statement. */
  @Column({ type: 'text', nullable: true })
  mainJob: string | null;

  /** Lineage: the segment this one was merged into, or split from. */
  @Column({ type: 'bigint', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => SegmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'fk_segments_merged_into' })
  mergedInto?: SegmentEntity | null;

  @Column({ type: 'bigint', nullable: true })
  splitFromId: string | null;

  @ManyToOne(() => SegmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'split_from_id', foreignKeyConstraintName: 'fk_segments_split_from' })
  splitFrom?: SegmentEntity | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
