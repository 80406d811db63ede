import { Input, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api'
import { useUploadInvoice } from '../../hooks/invoices'
import { FormActions } from '../FormActions'
import { ImportReport } from '../ImportReport'
import { ErrorAlert } from '../States'

/**
 * A provider's invoice file (Factur-X PDF, CII or UBL XML, CSV), controlled as soon as it is stored. A file the API
 * cannot read, or that names another contract, is refused with its problems by place (a CSV line, an XML path, the
 * whole file), shown as an import's are.
 */
export function InvoiceUploadForm({ contractId, onClose, onDone }: { contractId: string; onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useTranslation()
  const upload = useUploadInvoice(contractId)
  const fileId = useId()
  const [file, setFile] = useState<File | null>(null)
  const [missing, setMissing] = useState<string | null>(null)
  const [report, setReport] = useState<Record<string, string[]> | null>(null)
  const [failure, setFailure] = useState<Error | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setReport(null)
    setFailure(null)
    setMissing(file ? null : t('invoices.upload.chooseFile'))
    if (!file) return
    upload.mutate(file, {
      onSuccess: (invoice) => {
        notifications.show({ color: 'teal', message: t('invoices.upload.done', { number: invoice.number }) })
        onDone(invoice.id)
      },
      onError: (error) => {
        const errors = error instanceof ApiError && error.status === 422 ? error.problem?.errors : undefined
        if (errors && Object.keys(errors).length > 0) setReport(errors)
        else setFailure(error)
      },
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('invoices.upload.help')}</Text>
        <Input.Wrapper id={fileId} label={t('invoices.upload.file')} withAsterisk error={missing} description={t('invoices.upload.fileHelp')}>
          <input
            id={fileId}
            className="file-input"
            type="file"
            accept=".pdf,.xml,.csv,application/pdf,application/xml,text/xml,text/csv"
            aria-invalid={missing !== null}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null)
              setReport(null)
            }}
          />
        </Input.Wrapper>
        {report && <ImportReport errors={report} locate={(key) => (key === 'contractReference' ? t('invoices.upload.contractReference') : undefined)} />}
        {failure && <ErrorAlert error={failure} />}
        <FormActions onCancel={onClose} loading={upload.isPending} submitLabel={t('invoices.upload.submit')} />
      </Stack>
    </form>
  )
}
