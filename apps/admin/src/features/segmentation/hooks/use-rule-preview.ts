import type { RuleSpec } from '@cxs/contracts';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { previewRules, segKeys } from '../api/segmentation.api';

/** Live count while the rule builder changes (debounced 300 ms). */
export function useRulePreview(spec: RuleSpec | null) {
  const [debounced] = useDebouncedValue(spec, 300);
  return useQuery({
    queryKey: segKeys.rulePreview(debounced),
    queryFn: ({ signal }) => previewRules(debounced!, signal),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    // A refused rule stays refused until it is edited: show the API's message at once.
    retry: false,
  });
}
