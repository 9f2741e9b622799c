/** Settings: units, API keys and admins. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { AdminView, ApiKey, Unit } from './types';

export function useSaveUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; name: string; decimals: number }) =>
      api<Unit>(`units/${encodeURIComponent(input.code)}`, {
        method: 'PUT',
        body: { name: input.name, decimals: input.decimals },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['units'] }),
  });
}

export function useApiKeys() {
  return useQuery({ queryKey: ['api-keys'], queryFn: () => api<{ items: ApiKey[] }>('api-keys') });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api<ApiKey & { key: string }>('api-keys', { method: 'POST', body: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<ApiKey>(`api-keys/${id}/revoke`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useAdmins() {
  return useQuery({ queryKey: ['admins'], queryFn: () => api<{ items: AdminView[] }>('admins') });
}

export function useAddAdmin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; password: string }) =>
      api<{ admin: AdminView; password: string }>('admins', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admins'] }),
  });
}

export function useRemoveAdmin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<undefined>(`admins/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admins'] }),
  });
}
