import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what, when, with the state before and after. Append-only. */
@Entity('audit_log')
@Index('ix_audit_log_subject', ['subjectType', 'subjectId', 'at'])
@Index('ix_audit_log_segment', ['segmentId', 'at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_audit_log' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  subjectType: string;

  @Column({ type: 'varchar', length: 64 })
  subjectId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after: object | null;

  /** The segment the change belongs to (a scenario, an outcome, …), so the segment page shows its whole history. */
  @Column({ type: 'bigint', nullable: true })
  segmentId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
