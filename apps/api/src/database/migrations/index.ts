import { CreateCoreSchema1763935200000 } from './1763935200000-CreateCoreSchema.js';
import { CreateSegmentWorkspace1763940000000 } from './1763940000000-CreateSegmentWorkspace.js';
import { CreateSegmentPnl1763950000000 } from './1763950000000-CreateSegmentPnl.js';
import { AddPnlPeriodRollups1763955000000 } from './1763955000000-AddPnlPeriodRollups.js';
import { CreateImports1763960000000 } from './1763960000000-CreateImports.js';
import { CreateSegmentationSchema1763970000000 } from './1763970000000-CreateSegmentationSchema.js';
import { CreatePnlCustomerSeries1764020000000 } from './1764020000000-CreatePnlCustomerSeries.js';
import { AddPlanDecisionComment1764030000000 } from './1764030000000-AddPlanDecisionComment.js';
import { AddCustomerNameIndex1764050000000 } from './1764050000000-AddCustomerNameIndex.js';
import { TransactionCentsCoveringIndex1764200000000 } from './1764200000000-TransactionCentsCoveringIndex.js';
import { PnlCustomerMonthsWithoutProduct1764120000000 } from './1764120000000-PnlCustomerMonthsWithoutProduct.js';

/** Every migration, in order (ESM: no globs). Never edit a landed one: fix forward. */
export const MIGRATIONS: Function[] = [
  CreateCoreSchema1763935200000,
  CreateSegmentWorkspace1763940000000,
  CreateSegmentPnl1763950000000,
  AddPnlPeriodRollups1763955000000,
  CreateImports1763960000000,
  CreateSegmentationSchema1763970000000,
  CreatePnlCustomerSeries1764020000000,
  AddPlanDecisionComment1764030000000,
  AddCustomerNameIndex1764050000000,
  PnlCustomerMonthsWithoutProduct1764120000000,
  TransactionCentsCoveringIndex1764200000000,
];
