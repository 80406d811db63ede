import { useTranslation } from 'react-i18next'
import { useContractAudit } from '../../hooks/contractAudit'
import type { ContractDetail } from '../../hooks/contracts'
import { AuditTrail } from '../AuditTrail'

/** Every change to the contract's data: who, when, what before and after. */
export function ContractAuditTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const audit = useContractAudit(contract.id)
  return <AuditTrail query={audit} entries={audit.data?.pages.flatMap((page) => page.items) ?? []} emptyDescription={t('audit.contractEmpty')} />
}
