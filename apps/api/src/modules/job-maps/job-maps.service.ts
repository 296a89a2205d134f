import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppAbility } from '@cxs/authz';
import { JOB_STEPS, type JobMapDto, type JobStep, type OutcomeDto, type OutcomeEvidenceDto } from '@cxs/contracts';
import { fromDecimal, scoreOutcome, THIN_EVIDENCE_BELOW, toNumber, topTwoBox, type Ratio } from '@cxs/segmentation-engine';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCanChangeUnder, loadSegmentRef, type SegmentRef } from '../segments/segment-access.js';
import type { CreateOutcomeDto, LinkEvidenceDto, UpdateOutcomeDto } from './job-map.dto.js';

interface OutcomeRow {
  id: string;
  step: JobStep;
  direction: 'minimise' | 'maximise';
  metric: string;
  object: string;
  context: string | null;
  importance: string | null;
  satisfaction: string | null;
  ratingSource: 'direct' | 'computed';
  evidenceLabel: string | null;
  position: number;
  evidenceCount: number;
  importanceAnswers: number;
  importanceTop: number;
  satisfactionAnswers: number;
  satisfactionTop: number;
}

/** Outcomes with their evidence counted in SQL (answers, and how many in the top two boxes). */
const OUTCOME_SELECT = `
  SELECT o.id::text AS id, o.step, o.direction, o.metric, o.object, o.context, o.importance::text AS importance, o.satisfaction::text AS satisfaction,
         o.rating_source AS "ratingSource", o.evidence_label AS "evidenceLabel", o.position,
         COUNT(e.id)::int AS "evidenceCount",
         COUNT(e.importance)::int AS "importanceAnswers", COUNT(*) FILTER (WHERE e.importance >= 4)::int AS "importanceTop",
         COUNT(e.satisfaction)::int AS "satisfactionAnswers", COUNT(*) FILTER (WHERE e.satisfaction >= 4)::int AS "satisfactionTop"
  FROM job_outcomes o LEFT JOIN outcome_evidence e ON e.outcome_id = o.id`;
const OUTCOME_ORDER = `GROUP BY o.id ORDER BY array_position(ARRAY['define','locate','prepare','confirm','execute','monitor','modify','conclude']::varchar[], o.step), o.position, o.id`;

/** The segment's customers, past and present: whose interviews and survey answers count as its evidence. */
const MEMBER_OF = (customerCol: string, segParam: string) => `EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.customer_id = ${customerCol} AND sm.segment_id = ${segParam})`;

export function outcomeStatement(o: Pick<OutcomeRow, 'direction' | 'metric' | 'object' | 'context'>): string {
  const verb = o.direction === 'minimise' ? 'Minimise' : 'Maximise';
  return [verb, o.metric, o.object, o.context].filter((x) => x && x.trim()).join(' ');
}

function toOutcome(r: OutcomeRow): OutcomeDto {
  let importance: Ratio | null;
  let satisfaction: Ratio | null;
  if (r.ratingSource === 'computed') {
    importance = topTwoBox(r.importanceTop, r.importanceAnswers);
    satisfaction = topTwoBox(r.satisfactionTop, r.satisfactionAnswers);
  } else {
    importance = r.importance !== null ? fromDecimal(r.importance) : null;
    satisfaction = r.satisfaction !== null ? fromDecimal(r.satisfaction) : null;
  }
  const score = scoreOutcome(importance, satisfaction);
  // With only one side known there is no opportunity, but the known side is still shown.
  const single = (x: Ratio | null) => (x ? toNumber(x) : null);
  return {
    id: r.id,
    step: r.step,
    direction: r.direction,
    metric: r.metric,
    object: r.object,
    context: r.context,
    statement: outcomeStatement(r),
    ratingSource: r.ratingSource,
    evidenceLabel: r.evidenceLabel,
    importance: score?.importance ?? single(importance),
    satisfaction: score?.satisfaction ?? single(satisfaction),
    opportunity: score?.opportunity ?? null,
    band: score?.band ?? null,
    evidenceCount: r.evidenceCount,
    importanceAnswers: r.importanceAnswers,
    satisfactionAnswers: r.satisfactionAnswers,
    thinEvidence: r.ratingSource === 'computed' && Math.min(r.importanceAnswers, r.satisfactionAnswers) < THIN_EVIDENCE_BELOW,
    position: r.position,
  };
}

/** JTBD job map: main job, outcomes per universal step with exact opportunity scores, coverage by the bundle. */
@Injectable()
export class JobMapsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(segmentId: string, m: EntityManager = this.db.manager): Promise<JobMapDto> {
    // Two round trips in parallel: the outcomes, and the segment with its bundle and coverage (one statement).
    const [rows, [seg]] = await Promise.all([
      m.query(`${OUTCOME_SELECT} WHERE o.segment_id = $1 ${OUTCOME_ORDER}`, [segmentId]) as Promise<OutcomeRow[]>,
      m.query(
        `WITH att AS (
           SELECT a.product_id, a.job_steps FROM scenario_attachments a JOIN scenario_steps st ON st.id = a.step_id JOIN scenarios s ON s.id = st.scenario_id
           WHERE s.segment_id = $1 AND a.status <> 'rejected')
         SELECT seg.main_job AS "mainJob",
           (SELECT COALESCE(json_agg(c), '[]') FROM (
              SELECT js AS step, array_agg(DISTINCT att.product_id::text) AS "productIds" FROM att CROSS JOIN LATERAL unnest(att.job_steps) AS js GROUP BY js) c) AS coverage,
           (SELECT COALESCE(json_agg(b ORDER BY b.tier, b.name), '[]') FROM (
              SELECT DISTINCT p.id::text AS id, p.name, p.tier FROM att JOIN products p ON p.id = att.product_id) b) AS bundle
         FROM segments seg WHERE seg.id = $1`,
        [segmentId],
      ) as Promise<{ mainJob: string | null; coverage: { step: JobStep; productIds: string[] }[]; bundle: JobMapDto['bundle'] }[]>,
    ]);
    if (!seg) throw notFound('Segment');
    const { coverage, bundle } = seg;
    const outcomes = rows.map(toOutcome);
    const steps = JOB_STEPS.map((step) => {
      const own = outcomes.filter((o) => o.step === step && o.opportunity !== null);
      const best = own.reduce<OutcomeDto | null>((b, o) => (b === null || (o.opportunity ?? 0) > (b.opportunity ?? 0) ? o : b), null);
      return {
        step,
        outcomes: outcomes.filter((o) => o.step === step).length,
        maxOpportunity: best?.opportunity ?? null,
        band: best?.band ?? null,
        productIds: coverage.find((c) => c.step === step)?.productIds ?? [],
      };
    });
    return { segmentId, mainJob: seg.mainJob, outcomes, steps, bundle };
  }

  async updateMainJob(ability: AppAbility, segmentId: string, mainJob: string | null, actorId: string): Promise<JobMapDto> {
    return this.db.transaction(async (m) => {
      const seg = await loadSegmentRef(m, segmentId, true);
      assertCanChangeUnder(ability, 'update', 'JobMap', seg);
      const [before] = await m.query(`SELECT main_job AS "mainJob" FROM segments WHERE id = $1`, [segmentId]);
      await m.query(`UPDATE segments SET main_job = $2, updated_at = now() WHERE id = $1`, [segmentId, mainJob?.trim() || null]);
      await this.audit.record(m, { actorId, action: 'jobmap.update', subjectType: 'JobMap', subjectId: segmentId, segmentId, before, after: { mainJob: mainJob?.trim() || null } });
      return this.get(segmentId, m);
    });
  }

  async getOutcome(id: string, m: EntityManager = this.db.manager): Promise<OutcomeDto> {
    const [row] = await m.query(`${OUTCOME_SELECT} WHERE o.id = $1 ${OUTCOME_ORDER}`, [id]);
    if (!row) throw notFound('Outcome');
    return toOutcome(row);
  }

  private async segmentOfOutcome(m: EntityManager, id: string): Promise<SegmentRef> {
    const [row] = await m.query(`SELECT segment_id::text AS id FROM job_outcomes WHERE id = $1`, [id]);
    if (!row) throw notFound('Outcome');
    return loadSegmentRef(m, row.id, true);
  }

  async createOutcome(ability: AppAbility, segmentId: string, dto: CreateOutcomeDto, actorId: string): Promise<OutcomeDto> {
    return this.db.transaction(async (m) => {
      const seg = await loadSegmentRef(m, segmentId, true);
      assertCanChangeUnder(ability, 'create', 'JobMap', seg);
      const [row] = await m.query(
        `INSERT INTO job_outcomes (segment_id, step, direction, metric, object, context, importance, satisfaction, rating_source, evidence_label, position)
         VALUES ($1, $2::varchar, $3, $4, $5, $6, $7, $8, $9, $10, (SELECT COALESCE(MAX(position) + 1, 0) FROM job_outcomes WHERE segment_id = $1 AND step = $2::varchar))
         RETURNING id::text AS id`,
        [segmentId, dto.step, dto.direction, dto.metric.trim(), dto.object.trim(), dto.context ?? null, dto.importance ?? null, dto.satisfaction ?? null, dto.ratingSource ?? 'direct', dto.evidenceLabel ?? null],
      );
      const after = await this.getOutcome(row.id, m);
      await this.audit.record(m, { actorId, action: 'outcome.create', subjectType: 'Outcome', subjectId: row.id, segmentId, after });
      return after;
    });
  }

  async updateOutcome(ability: AppAbility, id: string, dto: UpdateOutcomeDto, actorId: string): Promise<OutcomeDto> {
    return this.db.transaction(async (m) => {
      const seg = await this.segmentOfOutcome(m, id);
      assertCanChangeUnder(ability, 'update', 'JobMap', seg);
      const before = await this.getOutcome(id, m);
      const cols: Record<string, unknown> = {
        step: dto.step,
        direction: dto.direction,
        metric: dto.metric?.trim(),
        object: dto.object?.trim(),
        context: dto.context,
        importance: dto.importance,
        satisfaction: dto.satisfaction,
        rating_source: dto.ratingSource,
        evidence_label: dto.evidenceLabel,
      };
      const set = Object.entries(cols).filter(([, v]) => v !== undefined);
      if (set.length) {
        await m.query(`UPDATE job_outcomes SET ${set.map(([k], i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...set.map(([, v]) => v)]);
      }
      const after = await this.getOutcome(id, m);
      await this.audit.record(m, { actorId, action: 'outcome.update', subjectType: 'Outcome', subjectId: id, segmentId: seg.id, before, after });
      return after;
    });
  }

  async removeOutcome(ability: AppAbility, id: string, actorId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const seg = await this.segmentOfOutcome(m, id);
      assertCanChangeUnder(ability, 'delete', 'JobMap', seg);
      const before = await this.getOutcome(id, m);
      await m.query(`DELETE FROM job_outcomes WHERE id = $1`, [id]);
      await this.audit.record(m, { actorId, action: 'outcome.delete', subjectType: 'Outcome', subjectId: id, segmentId: seg.id, before });
    });
  }

  // ─── evidence ───

  async listEvidence(outcomeId: string): Promise<OutcomeEvidenceDto[]> {
    await this.getOutcome(outcomeId);
    return this.db.query(
      `SELECT e.id::text AS id, CASE WHEN e.interview_id IS NOT NULL THEN 'interview' ELSE 'survey' END AS source,
              COALESCE(e.interview_id, e.survey_answer_id)::text AS "sourceId", COALESCE(i.external_id, sa.external_id) AS "externalId",
              c.name AS "customerName", COALESCE(i.interviewed_on, sa.answered_on)::text AS date, e.importance, e.satisfaction
       FROM outcome_evidence e LEFT JOIN interviews i ON i.id = e.interview_id LEFT JOIN survey_answers sa ON sa.id = e.survey_answer_id
       LEFT JOIN customers c ON c.id = COALESCE(i.customer_id, sa.customer_id)
       WHERE e.outcome_id = $1 ORDER BY date DESC, e.id`,
      [outcomeId],
    );
  }

  /**
   * Links one answer: an interview's rating of this outcome (found by the
   * outcome's evidence label), or a survey answer's CSAT as satisfaction.
   * Only the segment's own customers' answers count as its evidence.
   */
  async linkEvidence(ability: AppAbility, outcomeId: string, dto: LinkEvidenceDto, actorId: string): Promise<OutcomeDto> {
    if (!dto.interviewId === !dto.surveyAnswerId) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Give exactly one of interviewId or surveyAnswerId', [{ field: 'interviewId', message: 'exactly one of interviewId, surveyAnswerId' }]);
    }
    return this.db.transaction(async (m) => {
      const seg = await this.segmentOfOutcome(m, outcomeId);
      assertCanChangeUnder(ability, 'update', 'JobMap', seg);
      const [outcome] = await m.query(`SELECT evidence_label AS label FROM job_outcomes WHERE id = $1`, [outcomeId]);
      let inserted: { id: string }[];
      if (dto.interviewId) {
        const [interview] = await m.query(`SELECT ${MEMBER_OF('i.customer_id', '$2')} AS member FROM interviews i WHERE i.id = $1`, [dto.interviewId, seg.id]);
        if (!interview) throw notFound('Interview');
        if (!interview.member) throw new ApiException(HttpStatus.BAD_REQUEST, 'NOT_SEGMENT_EVIDENCE', 'The interviewee has never been in this segment');
        inserted = await m.query(
          `INSERT INTO outcome_evidence (outcome_id, interview_id, importance, satisfaction)
           SELECT $1, i.id, (r->>'importance')::smallint, (r->>'satisfaction')::smallint
           FROM interviews i CROSS JOIN LATERAL jsonb_array_elements(i.outcome_ratings) r
           WHERE i.id = $2 AND r->>'outcome' = $3 LIMIT 1
           ON CONFLICT (outcome_id, interview_id) WHERE interview_id IS NOT NULL DO NOTHING RETURNING id::text AS id`,
          [outcomeId, dto.interviewId, outcome.label ?? ''],
        );
        if (!inserted.length) {
          const [dup] = await m.query(`SELECT 1 FROM outcome_evidence WHERE outcome_id = $1 AND interview_id = $2`, [outcomeId, dto.interviewId]);
          if (dup) throw new ApiException(HttpStatus.CONFLICT, 'ALREADY_LINKED', 'This interview is already linked to the outcome');
          throw new ApiException(HttpStatus.BAD_REQUEST, 'NO_MATCHING_RATING', 'The interview has no rating of this outcome (set the outcome’s evidence label to its wording)');
        }
      } else {
        const [answer] = await m.query(`SELECT sa.csat, ${MEMBER_OF('sa.customer_id', '$2')} AS member FROM survey_answers sa WHERE sa.id = $1`, [dto.surveyAnswerId, seg.id]);
        if (!answer) throw notFound('Survey answer');
        if (!answer.member) throw new ApiException(HttpStatus.BAD_REQUEST, 'NOT_SEGMENT_EVIDENCE', 'The respondent has never been in this segment');
        if (answer.csat === null) throw new ApiException(HttpStatus.BAD_REQUEST, 'NO_CSAT', 'The survey answer has no CSAT (1–5) to use as satisfaction');
        inserted = await m.query(
          `INSERT INTO outcome_evidence (outcome_id, survey_answer_id, satisfaction) VALUES ($1, $2, $3)
           ON CONFLICT (outcome_id, survey_answer_id) WHERE survey_answer_id IS NOT NULL DO NOTHING RETURNING id::text AS id`,
          [outcomeId, dto.surveyAnswerId, answer.csat],
        );
        if (!inserted.length) throw new ApiException(HttpStatus.CONFLICT, 'ALREADY_LINKED', 'This survey answer is already linked to the outcome');
      }
      const after = await this.getOutcome(outcomeId, m);
      await this.audit.record(m, { actorId, action: 'outcome.evidence.link', subjectType: 'Outcome', subjectId: outcomeId, segmentId: seg.id, after: { evidenceId: inserted[0].id, ...dto } });
      return after;
    });
  }

  /** Links every rating of this outcome (by its evidence label) from the segment's interviews not linked yet. */
  async linkMatching(ability: AppAbility, outcomeId: string, actorId: string): Promise<OutcomeDto & { linked: number }> {
    return this.db.transaction(async (m) => {
      const seg = await this.segmentOfOutcome(m, outcomeId);
      assertCanChangeUnder(ability, 'update', 'JobMap', seg);
      const rows = await m.query(
        `INSERT INTO outcome_evidence (outcome_id, interview_id, importance, satisfaction)
         SELECT DISTINCT ON (i.id) o.id, i.id, (r->>'importance')::smallint, (r->>'satisfaction')::smallint
         FROM job_outcomes o JOIN interviews i ON ${MEMBER_OF('i.customer_id', 'o.segment_id')}
         CROSS JOIN LATERAL jsonb_array_elements(i.outcome_ratings) r
         WHERE o.id = $1 AND o.evidence_label IS NOT NULL AND r->>'outcome' = o.evidence_label
         ON CONFLICT (outcome_id, interview_id) WHERE interview_id IS NOT NULL DO NOTHING RETURNING 1`,
        [outcomeId],
      );
      const after = await this.getOutcome(outcomeId, m);
      await this.audit.record(m, { actorId, action: 'outcome.evidence.link_matching', subjectType: 'Outcome', subjectId: outcomeId, segmentId: seg.id, after: { linked: rows.length } });
      return { ...after, linked: rows.length };
    });
  }

  async unlinkEvidence(ability: AppAbility, outcomeId: string, evidenceId: string, actorId: string): Promise<OutcomeDto> {
    return this.db.transaction(async (m) => {
      const seg = await this.segmentOfOutcome(m, outcomeId);
      assertCanChangeUnder(ability, 'update', 'JobMap', seg);
      // (A CTE, so the driver hands back the rows: a bare DELETE … RETURNING comes back as [rows, count].)
      const [before] = await m.query(
        `WITH d AS (DELETE FROM outcome_evidence WHERE id = $1 AND outcome_id = $2 RETURNING id::text AS id, interview_id::text AS "interviewId", survey_answer_id::text AS "surveyAnswerId")
         SELECT * FROM d`,
        [evidenceId, outcomeId],
      );
      if (!before) throw notFound('Evidence');
      await this.audit.record(m, { actorId, action: 'outcome.evidence.unlink', subjectType: 'Outcome', subjectId: outcomeId, segmentId: seg.id, before });
      return this.getOutcome(outcomeId, m);
    });
  }
}
