import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt } from '../../database/columns.js';
import { UserEntity } from '../users/user.entity.js';

/** A named column mapping (and format overrides) for one source, reused for the next file from the same system. */
@Entity('import_presets')
@Unique('uq_import_presets_source_name', ['source', 'name'])
export class ImportPresetEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_import_presets' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'jsonb' })
  mapping: object;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  format: object;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_import_presets_created_by' })
  creator?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;
}
