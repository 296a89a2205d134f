import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity.js';
import { SegmentEntity } from './segment.entity.js';

/**
 * Effective-dated membership: the customer is in the segment from valid_from
 * to valid_to, both inclusive (null = open). Managed segments are exclusive:
 * the exclusion constraint forbids two memberships of one customer whose date
 * ranges overlap, so Σ segments + unsegmented = company total for any period.
 */
@Entity('segment_memberships')
@Check('ck_segment_memberships_range', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
@Exclusion('ex_segment_memberships_no_overlap', `USING gist ("customer_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&)`)
@Index('ix_segment_memberships_segment', ['segmentId', 'validFrom'])
@Index('ix_segment_memberships_customer', ['customerId', 'validFrom'])
export class SegmentMembershipEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_segment_memberships' })
  id: string;

  @Column({ type: 'bigint' })
  segmentId: string;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'segment_id', foreignKeyConstraintName: 'fk_segment_memberships_segment' })
  segment?: SegmentEntity;

  @Column({ type: 'bigint' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_segment_memberships_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;
}
