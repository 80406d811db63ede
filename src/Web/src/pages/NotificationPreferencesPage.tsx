import { Alert, Button, Group, Radio, Stack, Text, Title } from '@mantine/core'
import { IconMailOff } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { pathErrors } from '../api'
import { ErrorAlert, Loading } from '../components/States'
import {
  deliveries,
  useNotificationPreferences,
  useSaveNotificationPreferences,
  type Delivery,
  type NotificationPreferences,
} from '../hooks/notificationPreferences'
import { useFormFeedback } from '../hooks/useFormFeedback'

/** The groups of notifications this version names; a group it does not know yet is shown by its name. */
const knownTopics = ['sla', 'tickets', 'evolutions', 'contracts', 'invoices', 'reviews', 'checklists', 'scorecards'] as const

const isKnown = (topic: string): topic is (typeof knownTopics)[number] => knownTopics.some((known) => known === topic)

function PreferencesForm({ preferences }: { preferences: NotificationPreferences }) {
  const { t } = useTranslation()
  const save = useSaveNotificationPreferences()
  const [delivery, setDelivery] = useState<Record<string, Delivery>>(preferences.delivery)
  const [saved, setSaved] = useState(false)
  const topics = preferences.topics.map((topic) => topic.topic)
  // The server names each wrong choice by its path, "delivery.sla": the form's fields are the topics.
  const feedback = useFormFeedback(topics, (problem) => pathErrors(problem, 'delivery'))
  const hour = `${String(preferences.digestHour).padStart(2, '0')}:00`

  function submit(event: FormEvent) {
    event.preventDefault()
    setSaved(false)
    if (!feedback.check({})) return
    save.mutate(delivery, { onSuccess: () => setSaved(true), onError: feedback.fail })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {preferences.topics.map(({ topic }) => (
          <Radio.Group
            key={topic}
            label={isKnown(topic) ? t(`preferences.topics.${topic}.label`) : topic}
            description={isKnown(topic) ? t(`preferences.topics.${topic}.description`) : undefined}
            value={delivery[topic] ?? 'app'}
            onChange={(value) => {
              setSaved(false)
              setDelivery((current) => ({ ...current, [topic]: value as Delivery }))
            }}
            error={feedback.errors[topic]}
          >
            <Group mt="xs">
              {deliveries.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  disabled={value !== 'app' && !preferences.emailEnabled}
                  label={t(`preferences.deliveries.${value}`, { hour, zone: preferences.timeZone })}
                />
              ))}
            </Group>
          </Radio.Group>
        ))}
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          {saved && (
            <Text role="status" c="green">
              {t('preferences.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  )
}

/** The signed-in person's choice, for each group of notifications, of how it reaches them besides the app. */
export function NotificationPreferencesPage() {
  const { t } = useTranslation()
  const preferences = useNotificationPreferences()
  return (
    <Stack maw={720}>
      <Title order={1}>{t('preferences.title')}</Title>
      <Text>{t('preferences.intro')}</Text>
      {preferences.isPending && <Loading />}
      {preferences.isError && <ErrorAlert error={preferences.error} onRetry={() => void preferences.refetch()} />}
      {preferences.isSuccess && (
        <>
          {!preferences.data.emailEnabled && (
            <Alert color="gray" icon={<IconMailOff aria-hidden />}>
              {t('preferences.emailOff')}
            </Alert>
          )}
          <PreferencesForm preferences={preferences.data} />
        </>
      )}
    </Stack>
  )
}
