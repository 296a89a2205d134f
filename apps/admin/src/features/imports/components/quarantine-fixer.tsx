import { Alert, Anchor, Badge, Button, Group, Paper, ScrollArea, Skeleton, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import type { ImportDto, ImportQuarantineRowDto } from '@cxs/contracts';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorState } from '../../../shared/ui/error-state';
import { useFixQuarantine } from '../hooks/use-import-mutations';
import { useImportQuarantine } from '../hooks/use-import-quarantine';
import { useImportSources } from '../hooks/use-import-sources';
import { correctedCsv } from '../lib/corrected-csv';

const text = (v: ImportQuarantineRowDto['data'][string] | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * The quarantined rows of a finished import, editable in place. "Import the
 * corrected rows" sends them back as a new file of the same source (field names
 * as headers, the original's number and date format), which goes through the
 * same check and report as any file.
 */
export function QuarantineFixer({ imp }: { imp: ImportDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sources = useImportSources();
  const rows = useImportQuarantine(imp.id, 0);
  const fix = useFixQuarantine();
  const [edits, setEdits] = useState<Record<number, Record<string, string>>>({});
  const def = sources.data?.find((s) => s.source === imp.source);
  // The fields this file had: the ones it mapped, in the source's order.
  const fields = useMemo(() => (def?.fields ?? []).filter((f) => imp.mapping[f.key]).map((f) => f.key), [def, imp.mapping]);
  const headerOf = (field: string) => imp.mapping[field];
  const value = (r: ImportQuarantineRowDto, field: string) => edits[r.row]?.[field] ?? text(r.data[field]);
  const items = rows.data?.items ?? [];
  // Rows a later import already brought in are shown, but not sent again.
  const open = items.filter((r) => !r.resolvedBy);
  const edited = Object.keys(edits).length;
  const submit = () => {
    const csv = correctedCsv(fields, open.map((r) => Object.fromEntries(fields.map((f) => [f, value(r, f)]))));
    const base = imp.fileName.replace(/\.[^.]+$/, '');
    fix.mutate(
      { source: imp.source, file: new File([csv], `${base}-corrected.csv`, { type: 'text/csv' }), format: imp.format },
      { onSuccess: (next) => void navigate(`/data/imports/${next.id}`) },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="quarantine-fixer">
      <Group justify="space-between" mb={4}>
        <Title order={5}>{rows.data && rows.data.items.length > 0 && open.length === 0 ? t('imports.fix.titleDone') : t('imports.fix.title', { count: imp.rowsQuarantined })}</Title>
        {rows.data && rows.data.total > items.length ? (
          <Badge variant="light" color="gray" radius="sm" tt="none">
            {t('imports.fix.firstPage', { shown: items.length, total: rows.data.total })}
          </Badge>
        ) : null}
      </Group>
      {open.length > 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          {t('imports.fix.hint')}
        </Text>
      ) : null}
      {rows.error ? <ErrorState error={rows.error} onRetry={() => void rows.refetch()} /> : null}
      {rows.isPending || !def ? (
        <Skeleton height={120} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="quarantine-empty">
          {t('imports.fix.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          <ScrollArea type="auto">
            <Table verticalSpacing={4} fz="xs" data-testid="quarantine-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imports.report.row')}</Table.Th>
                  {fields.map((f) => (
                    <Table.Th key={f} style={{ whiteSpace: 'nowrap' }}>
                      {headerOf(f)}
                    </Table.Th>
                  ))}
                  <Table.Th>{t('imports.report.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.row} data-testid="quarantine-row" data-row={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    {fields.map((f) => {
                      const problem = r.problems.find((p) => p.severity === 'error' && p.column === headerOf(f));
                      const input = (
                        <TextInput
                          disabled={!!r.resolvedBy}
                          size="xs"
                          miw={110}
                          value={value(r, f)}
                          error={!!problem && !r.resolvedBy && !(edits[r.row]?.[f] !== undefined && edits[r.row][f] !== text(r.data[f]))}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            setEdits((prev) => ({ ...prev, [r.row]: { ...prev[r.row], [f]: v } }));
                          }}
                          aria-label={`${t('imports.report.row')} ${r.row}: ${headerOf(f)}`}
                          data-testid={`quarantine-cell-${f}`}
                        />
                      );
                      return (
                        <Table.Td key={f}>
                          {problem ? (
                            <Tooltip label={t(`imports.codes.${problem.code}`, { defaultValue: problem.reason })} withArrow>
                              {input}
                            </Tooltip>
                          ) : (
                            input
                          )}
                        </Table.Td>
                      );
                    })}
                    <Table.Td miw={220}>
                      {r.resolvedBy ? (
                        <Anchor component={Link} to={`/data/imports/${r.resolvedBy}`} size="xs" c="teal.8" data-testid="quarantine-resolved">
                          {t('imports.fix.resolved', { id: r.resolvedBy })}
                        </Anchor>
                      ) : null}
                      {!r.resolvedBy && r.problems
                        .filter((p) => p.severity === 'error')
                        .map((p, i) => (
                          <Text key={i} size="xs" c="red.8">
                            {p.column ? `${p.column}: ` : ''}
                            {t(`imports.codes.${p.code}`, { defaultValue: p.reason })}
                          </Text>
                        ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {fix.error ? <ErrorState error={fix.error} /> : null}
          {open.length === 0 ? (
            <Text size="sm" c="teal.8" data-testid="quarantine-all-resolved">
              {t('imports.fix.allResolved')}
            </Text>
          ) : (
            <>
              <Alert variant="light" color="gray" p="xs">
                <Text size="xs">{t('imports.fix.how', { count: open.length })}</Text>
              </Alert>
              <Group>
                <Button leftSection={<IconArrowBackUp size={16} />} loading={fix.isPending} onClick={submit} data-testid="quarantine-reimport">
                  {t('imports.fix.reimport', { count: open.length })}
                </Button>
                {edited ? (
                  <Text size="xs" c="dimmed">
                    {t('imports.fix.edited', { count: edited })}
                  </Text>
                ) : null}
              </Group>
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}
