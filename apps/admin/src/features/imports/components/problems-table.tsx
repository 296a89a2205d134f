import { Anchor, Badge, Code, Group, Pagination, Paper, Skeleton, Table, Text, Title } from '@mantine/core';
import type { ImportDto } from '@cxs/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../shared/ui/error-state';
import { quarantineUrl, reportUrl } from '../api/imports.api';
import { PROBLEMS_PAGE, useImportProblems } from '../hooks/use-import-problems';

/** The validation report: row, column, value and why; downloadable as CSV. */
export function ProblemsTable({ imp }: { imp: ImportDto }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const problems = useImportProblems(imp.id, page);
  const total = problems.data?.total ?? 0;
  return (
    <Paper withBorder radius="md" p="md" data-testid="import-report">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('imports.report.heading', { errors: t('imports.report.errors', { count: imp.errorCount }), warnings: t('imports.report.warnings', { count: imp.warningCount }) })}</Title>
        <Group gap="md">
          <Anchor href={reportUrl(imp.id)} size="sm" data-testid="import-report-download">
            {t('imports.report.download')}
          </Anchor>
          {imp.rowsQuarantined > 0 && !imp.dryRun ? (
            <Anchor href={quarantineUrl(imp.id)} size="sm" data-testid="import-quarantine-download">
              {t('imports.report.quarantine')}
            </Anchor>
          ) : null}
        </Group>
      </Group>
      {problems.error ? <ErrorState error={problems.error} onRetry={() => void problems.refetch()} /> : null}
      {problems.isPending ? (
        <Skeleton height={120} />
      ) : total === 0 ? (
        <Text c="dimmed" size="sm" data-testid="import-report-empty">
          {t('imports.report.none')}
        </Text>
      ) : (
        <>
          <Table striped verticalSpacing={6} data-testid="import-problems">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.report.row')}</Table.Th>
                <Table.Th>{t('imports.report.column')}</Table.Th>
                <Table.Th>{t('imports.report.value')}</Table.Th>
                <Table.Th>{t('imports.report.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {problems.data!.items.map((p, i) => (
                <Table.Tr key={`${p.row}-${p.code}-${i}`} data-testid="import-problem">
                  <Table.Td>{p.row}</Table.Td>
                  <Table.Td>{p.column ?? '—'}</Table.Td>
                  <Table.Td maw={260}>
                    {p.value === null ? '—' : <Code style={{ wordBreak: 'break-all' }}>{p.value}</Code>}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge size="xs" radius="sm" color={p.severity === 'error' ? 'red' : 'yellow'} variant="light">
                        {t(`imports.report.severity.${p.severity}`)}
                      </Badge>
                      <Text size="sm">{t(`imports.codes.${p.code}`, { defaultValue: p.reason })}</Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {p.reason}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {total > PROBLEMS_PAGE ? <Pagination mt="sm" size="sm" total={Math.ceil(total / PROBLEMS_PAGE)} value={page + 1} onChange={(p) => setPage(p - 1)} /> : null}
        </>
      )}
    </Paper>
  );
}
