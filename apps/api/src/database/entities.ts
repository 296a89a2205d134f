import { SessionEntity } from '../auth/session.entity.js';
import { ApiTokenEntity } from '../modules/api-tokens/api-token.entity.js';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity.js';
import { CustomerEntity } from '../modules/customers/customer.entity.js';
import { DealEntity } from '../modules/data/deal.entity.js';
import { InterviewEntity } from '../modules/data/interview.entity.js';
import { SurveyAnswerEntity } from '../modules/data/survey-answer.entity.js';
import { TransactionEntity } from '../modules/data/transaction.entity.js';
import { UsageRecordEntity } from '../modules/data/usage-record.entity.js';
import { ImportChangeEntity } from '../modules/imports/import-change.entity.js';
import { ImportPresetEntity } from '../modules/imports/import-preset.entity.js';
import { ImportProblemEntity } from '../modules/imports/import-problem.entity.js';
import { ImportQuarantineRowEntity } from '../modules/imports/import-quarantine-row.entity.js';
import { ImportEntity } from '../modules/imports/import.entity.js';
import { ProductEntity } from '../modules/products/product.entity.js';
import { SegmentMembershipEntity } from '../modules/segments/segment-membership.entity.js';
import { SegmentEntity } from '../modules/segments/segment.entity.js';
import { SegmentProposalEntity } from '../modules/segments/segment-proposal.entity.js';
import { AttachmentEntity, ScenarioEntity, ScenarioStepEntity } from '../modules/scenarios/scenario.entity.js';
import { OutcomeEntity, OutcomeEvidenceEntity } from '../modules/job-maps/outcome.entity.js';
import { InitiativeEntity } from '../modules/value-streams/initiative.entity.js';
import { UserEntity } from '../modules/users/user.entity.js';
import { SegmentPlanEntity } from '../modules/pnl/plan.entity.js';
import { PnlCustomerMonthEntity, PnlSegmentMonthEntity, PnlSegmentProductMonthEntity, PnlSegmentServeMonthEntity, PnlSegmentStatEntity, PnlSegmentPeriodEntity, PnlCustomerFirstEntity, PnlRollupStateEntity, PnlCustomerSeriesEntity } from '../modules/pnl/rollup.entity.js';
import { AppSettingsEntity, SupportLevelCostEntity } from '../modules/pnl/settings.entity.js';
import { CustomerFeatureEntity } from '../modules/features/customer-feature.entity.js';
import { FeatureSnapshotEntity } from '../modules/features/feature-snapshot.entity.js';
import { SegmentationModelEntity, SegmentationModelVersionEntity } from '../modules/segmentation/model.entity.js';
import { SegmentPromotionEntity } from '../modules/segmentation/promotion.entity.js';
import { SegmentationRunEntity, SegmentationRunMemberEntity } from '../modules/segmentation/run.entity.js';

/** Every entity, listed once for Nest and the migration CLI (ESM: no globs). */
export const ENTITIES = [
  UserEntity,
  SessionEntity,
  ProductEntity,
  CustomerEntity,
  DealEntity,
  TransactionEntity,
  UsageRecordEntity,
  SurveyAnswerEntity,
  InterviewEntity,
  SegmentEntity,
  SegmentMembershipEntity,
  AuditEntryEntity,
  ApiTokenEntity,
  ImportEntity,
  ImportProblemEntity,
  ImportQuarantineRowEntity,
  ImportChangeEntity,
  ImportPresetEntity,
  // segment workspace
  SegmentProposalEntity,
  ScenarioEntity,
  ScenarioStepEntity,
  AttachmentEntity,
  OutcomeEntity,
  OutcomeEvidenceEntity,
  InitiativeEntity,
  // pnl (issue 7)
  AppSettingsEntity,
  SupportLevelCostEntity,
  SegmentPlanEntity,
  PnlCustomerMonthEntity,
  PnlSegmentMonthEntity,
  PnlSegmentProductMonthEntity,
  PnlSegmentStatEntity,
  PnlSegmentServeMonthEntity,
  // segmentation (issue 5) and per-customer features (issue 4)
  FeatureSnapshotEntity,
  CustomerFeatureEntity,
  SegmentationModelEntity,
  SegmentationModelVersionEntity,
  SegmentationRunEntity,
  SegmentationRunMemberEntity,
  SegmentPromotionEntity,
  PnlSegmentPeriodEntity,
  PnlCustomerFirstEntity,
  PnlRollupStateEntity,
  PnlCustomerSeriesEntity,
];
