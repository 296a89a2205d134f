import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns.js';
import { InterviewEntity } from '../data/interview.entity.js';
import { SurveyAnswerEntity } from '../data/survey-answer.entity.js';
import { SegmentEntity } from '../segments/segment.entity.js';

/**
 * A desired outcome on a segment's job map: direction + metric + object +
 * context, under one of the eight universal job steps. Importance and
 * satisfaction (0–10) are entered directly, or computed from linked answers.
 */
@Entity('job_outcomes')
@Index('ix_job_outcomes_segment', ['segmentId', 'step', 'position'])
@Check('ck_job_outcomes_step', `"step" IN ('define','locate','prepare','confirm','execute','monitor','modify','conclude')`)
@Check('ck_job_outcomes_direction', `"direction" IN ('minimise','maximise')`)
@Check('ck_job_outcomes_rating_source', `"rating_source" IN ('direct','computed')`)
@Check('ck_job_outcomes_importance', `"importance" IS NULL OR ("importance" >= 0 AND "importance" <= 10)`)
@Check('ck_job_outcomes_satisfaction', `"satisfaction" IS NULL OR ("satisfaction" >= 0 AND "satisfaction" <= 10)`)
export class OutcomeEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_job_outcomes' })
  id: string;

  @Column({ type: 'bigint' })
  segmentId: string;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'segment_id', foreignKeyConstraintName: 'fk_job_outcomes_segment' })
  segment?: SegmentEntity;

  @Column({ type: 'varchar', length: 16 })
  step: string;

  @Column({ type: 'varchar', length: 16, default: 'minimise' })
  direction: string;

  @Column({ type: 'varchar', length: 200 })
  metric: string;

  @Column({ type: 'varchar', length: 300 })
  object: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  context: string | null;

  @Column({ type: 'numeric', precision: 4, scale: 2, nullable: true })
  importance: string | null;

  @Column({ type: 'numeric', precision: 4, scale: 2, nullable: true })
  satisfaction: string | null;

  @Column({ type: 'varchar', length: 16, default: 'direct' })
  ratingSource: string;

  /** The outcome as interviewees worded it; answers with this wording can be linked in one go. */
  @Column({ type: 'text', nullable: true })
  evidenceLabel: string | null;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/**
 * One answer linked to an outcome as evidence: an interview's rating of the
 * outcome (importance and satisfaction, 1–5) or a survey answer's CSAT (as
 * satisfaction). The rating is copied when linked: an interview is a record
 * of what was said then.
 */
@Entity('outcome_evidence')
@Index('ix_outcome_evidence_outcome', ['outcomeId'])
@Index('uq_outcome_evidence_interview', ['outcomeId', 'interviewId'], { unique: true, where: '"interview_id" IS NOT NULL' })
@Index('uq_outcome_evidence_survey', ['outcomeId', 'surveyAnswerId'], { unique: true, where: '"survey_answer_id" IS NOT NULL' })
@Check('ck_outcome_evidence_one_source', `("interview_id" IS NULL) <> ("survey_answer_id" IS NULL)`)
@Check('ck_outcome_evidence_importance', `"importance" IS NULL OR ("importance" >= 1 AND "importance" <= 5)`)
@Check('ck_outcome_evidence_satisfaction', `"satisfaction" IS NULL OR ("satisfaction" >= 1 AND "satisfaction" <= 5)`)
export class OutcomeEvidenceEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_outcome_evidence' })
  id: string;

  @Column({ type: 'bigint' })
  outcomeId: string;

  @ManyToOne(() => OutcomeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outcome_id', foreignKeyConstraintName: 'fk_outcome_evidence_outcome' })
  outcome?: OutcomeEntity;

  @Column({ type: 'bigint', nullable: true })
  interviewId: string | null;

  @ManyToOne(() => InterviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'interview_id', foreignKeyConstraintName: 'fk_outcome_evidence_interview' })
  interview?: InterviewEntity | null;

  @Column({ type: 'bigint', nullable: true })
  surveyAnswerId: string | null;

  @ManyToOne(() => SurveyAnswerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_answer_id', foreignKeyConstraintName: 'fk_outcome_evidence_survey_answer' })
  surveyAnswer?: SurveyAnswerEntity | null;

  @Column({ type: 'smallint', nullable: true })
  importance: number | null;

  @Column({ type: 'smallint', nullable: true })
  satisfaction: number | null;
}
