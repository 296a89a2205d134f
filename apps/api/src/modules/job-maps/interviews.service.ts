import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppAbility } from '@cxs/authz';
import type { EvidenceSourcesDto, InterviewDto } from '@cxs/contracts';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/api-exception.js';
import { customerScope } from '../../authz/scope.js';
import { AuditService } from '../audit/audit.service.js';
import type { CreateInterviewDto } from './job-map.dto.js';

const SELECT = `
  SELECT i.id::text AS id, i.external_id AS "externalId", i.customer_id::text AS "customerId", c.name AS "customerName",
         i.interviewed_on::text AS "interviewedOn", i.business_context AS "businessContext", i.people_context AS "peopleContext",
         i.triggers, i.notes, i.jobs, i.outcome_ratings AS "outcomeRatings"
  FROM interviews i LEFT JOIN customers c ON c.id = i.customer_id`;

/** JTBD interviews: the evidence behind job maps and cards. */
@Injectable()
export class InterviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Interviews with customers who are or were in the segment. */
  async forSegment(segmentId: string): Promise<InterviewDto[]> {
    const [seg] = await this.db.query(`SELECT 1 FROM segments WHERE id = $1`, [segmentId]);
    if (!seg) throw notFound('Segment');
    return this.db.query(
      `${SELECT} WHERE EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.customer_id = i.customer_id AND sm.segment_id = $1)
       ORDER BY i.interviewed_on DESC, i.id DESC LIMIT 500`,
      [segmentId],
    );
  }

  /**
   * What a card field may cite, for the picker: the segment's customers'
   * (past and present) interviews and survey answers, newest first, 200 each.
   */
  async evidenceSources(segmentId: string): Promise<EvidenceSourcesDto> {
    const [row] = await this.db.query(
      `WITH members AS (SELECT DISTINCT customer_id FROM segment_memberships WHERE segment_id = $1)
       SELECT EXISTS (SELECT 1 FROM segments WHERE id = $1) AS found,
         (SELECT COALESCE(json_agg(x), '[]') FROM (
            SELECT i.id::text AS id, i.external_id AS "externalId", c.name AS "customerName", i.interviewed_on::text AS date,
                   left(COALESCE(NULLIF(i.jobs ->> 0, ''), i.notes, i.triggers, ''), 160) AS summary
            FROM interviews i JOIN members mb ON mb.customer_id = i.customer_id LEFT JOIN customers c ON c.id = i.customer_id
            ORDER BY i.interviewed_on DESC, i.id DESC LIMIT 200) x) AS interviews,
         (SELECT COALESCE(json_agg(x), '[]') FROM (
            SELECT sa.id::text AS id, sa.external_id AS "externalId", c.name AS "customerName", sa.answered_on::text AS date,
                   sa.nps, sa.csat, left(COALESCE(sa.reason, ''), 160) AS summary
            FROM survey_answers sa JOIN members mb ON mb.customer_id = sa.customer_id LEFT JOIN customers c ON c.id = sa.customer_id
            ORDER BY sa.answered_on DESC, sa.id DESC LIMIT 200) x) AS "surveyAnswers"`,
      [segmentId],
    );
    if (!row.found) throw notFound('Segment');
    return { interviews: row.interviews, surveyAnswers: row.surveyAnswers };
  }

  async get(id: string): Promise<InterviewDto> {
    const [row] = await this.db.query(`${SELECT} WHERE i.id = $1`, [id]);
    if (!row) throw notFound('Interview');
    return row;
  }

  /** Records an interview; the interviewee must be a customer the user may see (out of scope reads as missing). */
  async create(ability: AppAbility, dto: CreateInterviewDto, actorId: string): Promise<InterviewDto> {
    return this.db.transaction(async (m) => {
      if (dto.customerId) {
        const scope = customerScope(ability, 'c', 2);
        const [c] = scope ? await m.query(`SELECT 1 FROM customers c WHERE c.id = $1 AND ${scope.sql}`, [dto.customerId, ...scope.params]) : [];
        if (!c) throw notFound('Customer');
      }
      const [row] = await m.query(
        `INSERT INTO interviews (external_id, customer_id, interviewed_on, business_context, people_context, triggers, notes, jobs, outcome_ratings)
         VALUES ('I-' || to_char(now(), 'YYYYMMDDHH24MISSMS') || '-' || substr(md5(random()::text), 1, 6), $1, $2, $3::jsonb, $4::jsonb, $5, $6, $7::jsonb, $8::jsonb)
         RETURNING id::text AS id`,
        [dto.customerId ?? null, dto.interviewedOn, JSON.stringify(dto.businessContext), JSON.stringify(dto.peopleContext), dto.triggers ?? null, dto.notes ?? null, JSON.stringify(dto.jobs ?? []), JSON.stringify(dto.outcomeRatings ?? [])],
      );
      const [after] = await m.query(`${SELECT} WHERE i.id = $1`, [row.id]);
      await this.audit.record(m, { actorId, action: 'interview.create', subjectType: 'Interview', subjectId: row.id, after });
      return after;
    });
  }
}
