import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * A bearer token an integration uses instead of a browser session. Only the
 * SHA-256 of the secret is stored; the secret is shown once, at creation.
 */
@Entity('api_tokens')
@Check('ck_api_tokens_scope', `"scope" IN ('import')`)
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_tokens' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('uq_api_tokens_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** First characters of the secret, so people can tell tokens apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ type: 'varchar', length: 16, default: 'import' })
  scope: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_api_tokens_created_by' })
  creator?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
