import { SimpleGrid } from '@mantine/core';
import type { ImportDto } from '@cxs/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { StatCard } from '../../../shared/ui/stat-card';

/** Rows in = imported + quarantined (or rejected), and what the merge did with the imported ones. */
export function ImportCounts({ imp }: { imp: ImportDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="import-counts">
      <StatCard label={t('imports.counts.rowsIn')} value={f.number(imp.rowsIn)} testId="count-rows-in" />
      <StatCard label={imp.dryRun ? t('imports.counts.valid') : t('imports.counts.imported')} value={f.number(imp.rowsImported)} testId="count-imported" />
      <StatCard label={imp.dryRun ? t('imports.counts.withProblems') : imp.rowsRejected ? t('imports.counts.rejected') : t('imports.counts.quarantined')} value={f.number(imp.rowsRejected || imp.rowsQuarantined)} testId="count-quarantined" />
      <StatCard label={t('imports.counts.inserted')} value={f.number(imp.rowsInserted)} testId="count-inserted" />
      <StatCard label={t('imports.counts.updated')} value={f.number(imp.rowsUpdated)} testId="count-updated" />
      <StatCard label={t('imports.counts.unchanged')} value={f.number(imp.rowsUnchanged)} hint={imp.placeholdersCreated ? t('imports.counts.placeholders', { count: imp.placeholdersCreated }) : undefined} testId="count-unchanged" />
    </SimpleGrid>
  );
}
