import { useAuditTrail, type AuditFilter } from './audit'
import { contractPath, contractsKey } from './contracts'

/** A contract's audit trail, newest first, page by page as Identity's log. */
export function useContractAudit(contractId: string, filter: AuditFilter = {}) {
  return useAuditTrail([...contractsKey, contractId, 'audit'], `${contractPath(contractId)}/audit`, filter)
}
