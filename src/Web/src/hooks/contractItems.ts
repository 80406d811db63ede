import { useQuery } from '@tanstack/react-query'
import { api } from '../api'
import { contractPath, contractsKey, useContractMutation, type ChecklistPhase } from './contracts'

/** A line of the cahier des charges. */
export interface Requirement {
  id: string
  category: string
  expectedLevel: string
  acceptanceCriterion: string
}
export type RequirementInput = Omit<Requirement, 'id'>

export const inventoryTypes = ['server', 'workstation', 'network', 'software', 'licence', 'fileShare', 'database', 'other'] as const
export type InventoryType = (typeof inventoryTypes)[number]
export const criticalities = ['low', 'medium', 'high', 'critical'] as const
export type Criticality = (typeof criticalities)[number]

/** A line of the état des lieux. */
export interface InventoryItem {
  id: string
  type: InventoryType
  name: string
  quantity: number
  criticality: Criticality
  location: string
}
export type InventoryInput = Omit<InventoryItem, 'id'>
export type ImportMode = 'append' | 'replace'

export const checklistCategories = ['knowledgeTransfer', 'legal', 'physical', 'deliverable'] as const
export type ChecklistCategory = (typeof checklistCategories)[number]

export interface DocumentSummary {
  id: string
  fileName: string
  contentType: string
  size: number
  sha256: string
  uploadedBy: string
  uploadedAt: string
}

export interface ChecklistItem {
  id: string
  category: ChecklistCategory
  title: string
  clientAcceptedBy?: string | null
  clientAcceptedAt?: string | null
  providerAcceptedBy?: string | null
  providerAcceptedAt?: string | null
  documents: DocumentSummary[]
}

export interface Workstream {
  id: string
  name: string
  progress: number
}

const itemsKey = (contractId: string, kind: string) => [...contractsKey, contractId, kind] as const
const collection = <T>(contractId: string, kind: string, path: string) => ({
  queryKey: itemsKey(contractId, kind),
  queryFn: () => api.get<T[]>(`${contractPath(contractId)}/${path}`),
})

/** Add, change or remove a line of a list that belongs to a contract (requirements, inventory). */
type ItemChange<TInput> = { kind: 'add'; item: TInput } | { kind: 'update'; id: string; item: TInput } | { kind: 'delete'; id: string }

function useItemChange<TInput>(contractId: string, path: string) {
  const base = `${contractPath(contractId)}/${path}`
  return useContractMutation((change: ItemChange<TInput>) => {
    switch (change.kind) {
      case 'add':
        return api.post<unknown>(base, change.item)
      case 'update':
        return api.put<unknown>(`${base}/${encodeURIComponent(change.id)}`, change.item)
      case 'delete':
        return api.delete<unknown>(`${base}/${encodeURIComponent(change.id)}`)
    }
  })
}

export function useRequirements(contractId: string) {
  return useQuery(collection<Requirement>(contractId, 'requirements', 'requirements'))
}

export function useRequirementChange(contractId: string) {
  return useItemChange<RequirementInput>(contractId, 'requirements')
}

export function useInventory(contractId: string) {
  return useQuery(collection<InventoryItem>(contractId, 'inventory', 'inventory'))
}

export function useInventoryChange(contractId: string) {
  return useItemChange<InventoryInput>(contractId, 'inventory')
}

export function useImportInventory(contractId: string) {
  return useContractMutation(({ file, mode }: { file: File; mode: ImportMode }) =>
    api.upload<{ imported: number }>(`${contractPath(contractId)}/inventory/import?mode=${mode}`, file),
  )
}

export const inventoryExportUrl = (contractId: string, format: 'csv' | 'xlsx') =>
  `${contractPath(contractId)}/inventory/export?format=${format}`

export function useChecklist(contractId: string, phase: ChecklistPhase, enabled: boolean) {
  return useQuery({ ...collection<ChecklistItem>(contractId, `checklist-${phase}`, `checklists/${phase}`), enabled })
}

export function useAddChecklistItem(contractId: string, phase: ChecklistPhase) {
  return useContractMutation((item: { category: ChecklistCategory; title: string }) =>
    api.post<unknown>(`${contractPath(contractId)}/checklists/${phase}/items`, item),
  )
}

/** Records, or withdraws, the acceptance of the caller's side: the server knows which side that is. */
export function useAcceptChecklistItem(contractId: string) {
  return useContractMutation(({ itemId, accept }: { itemId: string; accept: boolean }) =>
    api.post<unknown>(`${contractPath(contractId)}/checklist-items/${encodeURIComponent(itemId)}/${accept ? 'accept' : 'unaccept'}`),
  )
}

export function useUploadChecklistDocument(contractId: string) {
  return useContractMutation(({ itemId, file }: { itemId: string; file: File }) =>
    api.upload<DocumentSummary>(`${contractPath(contractId)}/checklist-items/${encodeURIComponent(itemId)}/documents`, file),
  )
}

export const documentUrl = (contractId: string, documentId: string) =>
  `${contractPath(contractId)}/documents/${encodeURIComponent(documentId)}`

export function useWorkstreams(contractId: string) {
  return useQuery(collection<Workstream>(contractId, 'workstreams', 'workstreams'))
}

export function useAddWorkstream(contractId: string) {
  return useContractMutation((name: string) => api.post<Workstream>(`${contractPath(contractId)}/workstreams`, { name }))
}

export function useSetWorkstreamProgress(contractId: string) {
  return useContractMutation(({ id, progress }: { id: string; progress: number }) =>
    api.put<Workstream>(`${contractPath(contractId)}/workstreams/${encodeURIComponent(id)}`, { progress }),
  )
}

export const dossierUrl = (contractId: string) => `${contractPath(contractId)}/dossier`
