import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchImportProblems, importKeys } from '../api/imports.api';

export const PROBLEMS_PAGE = 50;

export function useImportProblems(id: string, page: number, enabled = true) {
  return useQuery({
    queryKey: importKeys.problems(id, page),
    queryFn: ({ signal }) => fetchImportProblems(id, page * PROBLEMS_PAGE, PROBLEMS_PAGE, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}
