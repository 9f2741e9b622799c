/** Exports (reports) and imports: lists that refresh while a job runs, and the actions on them. */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, query, request } from './client';
import type { ExportView, ImportRowView, ImportView, Program, Unit } from './types';

export const IMPORT_TYPE = 'UPDATE_USER_REWARD_BALANCES';
export const EXPORT_TYPE = 'AVAILABLE_REWARD_BALANCES_BY_USER';

const busy = (status: string) => status === 'queued' || status === 'running';
const POLL_MS = 1000;

export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => api<{ items: Unit[] }>('units') });
}

export function usePrograms() {
  return useQuery({ queryKey: ['programs'], queryFn: () => api<{ items: Program[] }>('programs') });
}

export function useExports() {
  return useQuery({
    queryKey: ['exports'],
    queryFn: () => api<{ items: ExportView[]; nextCursor: number | null }>('exports?limit=50'),
    refetchInterval: (q) => (q.state.data?.items.some((e) => busy(e.status)) ? POLL_MS : false),
  });
}

export interface CreateReportInput {
  format: 'CSV' | 'XLSX';
  unit: string | null;
  programId: string | null;
}

export function useCreateReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateReportInput) =>
      api<ExportView>('exports', {
        method: 'POST',
        body: {
          type: EXPORT_TYPE,
          format: input.format,
          ...(input.unit ? { unit: input.unit } : {}),
          ...(input.programId ? { programId: input.programId } : {}),
        },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exports'] }),
  });
}

export function useImports() {
  return useQuery({
    queryKey: ['imports'],
    queryFn: () => api<{ items: ImportView[]; nextBefore: number | null }>('imports?limit=50'),
    refetchInterval: (q) => (q.state.data?.items.some((i) => busy(i.status)) ? POLL_MS : false),
  });
}

export function useImport(id: number) {
  return useQuery({
    queryKey: ['import', id],
    queryFn: () => api<ImportView>(`imports/${id}`),
    refetchInterval: (q) => (q.state.data && busy(q.state.data.status) ? POLL_MS : false),
  });
}

export type RowFilter = 'all' | 'redeemed' | 'skipped' | 'error' | 'warning';

export function useImportRows(id: number, filter: RowFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['import', id, 'rows', filter],
    queryFn: ({ pageParam }) =>
      api<{ items: ImportRowView[]; nextAfter: number | null }>(
        `imports/${id}/rows${query({ outcome: filter === 'all' ? null : filter, after: pageParam || null, limit: 100 })}`,
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface StartImportInput {
  file: File;
  dryRun: boolean;
  confirmRepeat: boolean;
  notifyEmail: string | null;
}

/** Files uploaded in this tab, by import id, so "Apply this file" need not download it again. */
const uploadedFiles = new Map<number, File>();

export function useStartImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: StartImportInput) => {
      const form = new FormData();
      // Fields first: the server reads the file as it streams and fields after it come too late.
      form.append('type', IMPORT_TYPE);
      form.append('dryRun', String(input.dryRun));
      form.append('confirmRepeat', String(input.confirmRepeat));
      if (input.notifyEmail) form.append('notifyEmail', input.notifyEmail);
      form.append('file', input.file, input.file.name);
      const created = await api<ImportView>('imports', { method: 'POST', form });
      uploadedFiles.set(created.id, input.file);
      return created;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['imports'] }),
  });
}

/** The file of an earlier import: from memory when uploaded in this tab, else downloaded. */
export async function originalFileOf(imp: ImportView): Promise<File> {
  const kept = uploadedFiles.get(imp.id);
  if (kept) return kept;
  const response = await request(`imports/${imp.id}/files/original`);
  const blob = await response.blob();
  return new File([blob], imp.fileName, { type: blob.type });
}

export function useReverseImport(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ reversedRedemptions: number; import: ImportView }>(`imports/${id}/reverse`, {
        method: 'POST',
      }),
    onSuccess: (result) => {
      client.setQueryData(['import', id], result.import);
      void client.invalidateQueries({ queryKey: ['imports'] });
      void client.invalidateQueries({ queryKey: ['participant'] });
    },
  });
}
