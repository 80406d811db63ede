import { Anchor, Button, EmptyState, Group, Stack, Text } from '@mantine/core'
import { IconArrowLeft, IconClipboardList, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import type { ContractDetail } from '../../hooks/contracts'
import { useReviews } from '../../hooks/reviews'
import { useUser } from '../../hooks/session'
import { useKeptDraft } from '../../hooks/useDraft'
import { isContractManager } from '../../roles'
import { FormModal } from '../FormModal'
import { ListStates } from '../States'
import { PrepareReviewForm, prepareReviewForm } from './PrepareReviewForm'
import { ReviewList } from './ReviewList'
import { ReviewWorkspace } from './ReviewWorkspace'

/**
 * Reviews: the contract's periodic reviews, latest first, and the one in the address (`?tab=reviews&review={id}`, as
 * the notifications link to it). The managers of either side prepare one.
 */
export function ReviewsTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  const [searchParams, setSearchParams] = useSearchParams()
  const reviewId = searchParams.get('review')
  const reviews = useReviews(contract.id)
  // A review being prepared when the session ended opens again with what was typed.
  const kept = useKeptDraft([prepareReviewForm])
  const [preparing, setPreparing] = useState(kept !== null)
  const open = (id: string | null) => setSearchParams(id ? { tab: 'reviews', review: id } : { tab: 'reviews' })

  if (reviewId) {
    return (
      <Stack>
        <Anchor component="button" type="button" size="sm" onClick={() => open(null)} style={{ alignSelf: 'flex-start' }}>
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />
            {t('reviews.backToList')}
          </Group>
        </Anchor>
        <ReviewWorkspace key={reviewId} contract={contract} reviewId={reviewId} />
      </Stack>
    )
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={720}>
          {t('reviews.intro')}
        </Text>
        {isContractManager(user) && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setPreparing(true)}>
            {t('reviews.prepare.open')}
          </Button>
        )}
      </Group>
      <ListStates
        query={reviews}
        empty={<EmptyState icon={<IconClipboardList aria-hidden />} title={t('reviews.emptyTitle')} description={t('reviews.empty')} />}
      >
        {(items) => <ReviewList reviews={items} onOpen={open} />}
      </ListStates>
      <FormModal opened={preparing} onClose={() => setPreparing(false)} title={t('reviews.prepare.title')}>
        <PrepareReviewForm
          contractId={contract.id}
          onClose={() => setPreparing(false)}
          onPrepared={(review) => {
            setPreparing(false)
            open(review.header.id)
          }}
        />
      </FormModal>
    </Stack>
  )
}
