import { useQuery } from '@tanstack/react-query'
import { api } from '../api'
import { contractPath, contractsKey, useContractMutation, type Version } from './contracts'

export const evolutionStates = ['specified', 'proposed', 'validated', 'rejected', 'inProgress', 'delivered', 'accepted'] as const
export type EvolutionState = (typeof evolutionStates)[number]

export interface Evolution {
  id: string
  title: string
  specification: string
  state: EvolutionState
  solution?: string | null
  quoteAmount?: number | null
  plan?: string | null
  rejectionReason?: string | null
  amendmentVersion?: number | null
  createdBy: string
  createdAt: string
  updatedAt: string
}

/** One step of an evolution request, with the body that step takes. */
export type EvolutionStep =
  | { action: 'propose'; body: { solution: string; quoteAmount: number; plan: string } }
  | { action: 'validate' | 'start' | 'deliver' | 'accept' }
  | { action: 'reject'; body: { reason: string } }
  | { action: 'amend'; body: { effectiveFrom: string } }

export type EvolutionAction = EvolutionStep['action']

export function useEvolutions(contractId: string) {
  return useQuery({
    queryKey: [...contractsKey, contractId, 'evolutions'],
    queryFn: () => api.get<Evolution[]>(`${contractPath(contractId)}/evolutions`),
  })
}

export function useRequestEvolution(contractId: string) {
  return useContractMutation((request: { title: string; specification: string }) =>
    api.post<Evolution>(`${contractPath(contractId)}/evolutions`, request),
  )
}

export function useEvolutionStep(contractId: string) {
  return useContractMutation(({ evolutionId, step }: { evolutionId: string; step: EvolutionStep }) =>
    api.post<Evolution | Version>(
      `${contractPath(contractId)}/evolutions/${encodeURIComponent(evolutionId)}/${step.action}`,
      'body' in step ? step.body : undefined,
    ),
  )
}
