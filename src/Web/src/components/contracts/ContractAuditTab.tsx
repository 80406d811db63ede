import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actionsOf } from '../../auditText'
import type { AuditFilter } from '../../hooks/audit'
import { useContractAudit } from '../../hooks/contractAudit'
import { contractPath, type ContractDetail } from '../../hooks/contracts'
import { AuditTrail } from '../AuditTrail'

/** Every change to the contract's data: who, what and when, filtered and exported. */
export function ContractAuditTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const [filter, setFilter] = useState<AuditFilter>({})
  const audit = useContractAudit(contract.id, filter)
  return (
    <AuditTrail
      query={audit}
      entries={audit.data?.pages.flatMap((page) => page.items) ?? []}
      emptyDescription={t('audit.contractEmpty')}
      actions={actionsOf('contract')}
      filter={filter}
      onFilter={setFilter}
      exportPath={`${contractPath(contract.id)}/audit/export`}
    />
  )
}
