import { describe, expect, it } from 'vitest'
import i18n from '../i18n'
import { notificationOf, oneOfEachKind } from '../test/notifications'
import { describeNotification } from './notificationText'
import { notificationKinds } from './notifications'

// The notice deadline's days left count from this day.
const today = new Date(2027, 3, 1)
const read = (language: 'en' | 'fr') => (notification: (typeof oneOfEachKind)[number]) =>
  describeNotification(notification, i18n.getFixedT(language), language, today)

describe('notification sentences', () => {
  it('cover every kind the Notifications service writes', () => {
    expect(oneOfEachKind.map((notification) => notification.kind).sort()).toEqual([...notificationKinds].sort())
  })

  it('say in English what each kind is about, with its detail, and open the thing itself', () => {
    expect(oneOfEachKind.map(read('en'))).toEqual([
      {
        title: 'SLA warning on ticket 1042 (P2): 75% of the time to resolve used',
        detail: expect.stringMatching(/^Due Apr 1, 2027/),
        to: '/tickets/tk-1',
      },
      {
        title: 'Ticket 1042 (P1) breached its SLA: time to respond exceeded',
        detail: expect.stringMatching(/^Due Apr 1, 2027/),
        to: '/tickets/tk-1',
      },
      { title: 'Ticket 1043 is waiting for your answer', to: '/tickets/tk-2' },
      { title: 'Ticket 1043 is resolved: say how it went', to: '/tickets/tk-2' },
      { title: 'Last day to give notice: Jun 30, 2027', detail: '90 days left', to: '/contracts/c-1' },
      { title: 'New evolution request “Mail migration”', to: '/contracts/c-1?tab=evolutions' },
      { title: 'Evolution “Mail migration”: Proposed', detail: 'Quote: €4,800.00', to: '/contracts/c-1?tab=evolutions' },
      {
        title: 'Amendment (version 2) proposed by Antoine Garnier, to countersign',
        detail: 'Takes effect on Jul 1, 2027',
        to: '/contracts/c-1?tab=terms&version=2',
      },
      {
        title: 'The client renews the contract at the end of the period (Dec 31, 2027)',
        detail: 'Revised monthly fee: €13,524.50',
        to: '/contracts/c-1',
      },
      { title: 'Invoice F-2026-0052 to approve or dispute: 2 discrepancies', detail: 'At stake: €1,200.00', to: '/invoices/inv-2' },
      { title: 'Invoice F-2026-0052 disputed by Marc Dubois', detail: '“The penalty credit is missing.”', to: '/invoices/inv-2' },
      { title: 'Credit note AV-2026-001 approved by Marc Dubois', detail: '€396.00 incl. VAT', to: '/invoices/inv-3' },
      { title: 'Invoice F-2026-0061 paid on May 15, 2027', detail: '€15,840.00 incl. VAT', to: '/invoices/inv-4' },
      { title: 'Review 2027-Q1 prepared by Marc Dubois, to approve', to: '/contracts/c-1?tab=reviews&review=rv-1' },
      { title: 'Review 2027-Q1 approved by Marc Dubois, awaiting your approval', to: '/contracts/c-1?tab=reviews&review=rv-1' },
      { title: 'Review 2027-Q1 changed by Marc Dubois: approve it again', to: '/contracts/c-1?tab=reviews&review=rv-1' },
      { title: 'Review 2027-Q1 approved by both sides and closed', to: '/contracts/c-1?tab=reviews&review=rv-1' },
      { title: 'Overdue action: Update the DRP', detail: 'Antoine Garnier, due on Mar 31, 2027', to: '/contracts/c-1?tab=reviews&review=rv-1' },
      { title: 'Takeover: “Quality assurance plan” accepted by Antoine Garnier, to accept', to: '/contracts/c-1?tab=phases' },
      { title: 'Takeover: every checklist item is accepted, the phase can be closed', to: '/contracts/c-1?tab=phases' },
      { title: 'Reversibility: closure accepted by Marc Dubois, to accept', to: '/contracts/c-1?tab=phases' },
      { title: "Scorecard of 2027-03: the month's figures are final", to: '/contracts/c-1' },
    ])
  })

  it('say the same in French', () => {
    expect(oneOfEachKind.map((notification) => read('fr')(notification).title)).toEqual([
      'Alerte SLA sur le ticket 1042 (P2) : 75 % du délai de résolution consommé',
      'Ticket 1042 (P1) hors SLA : délai de prise en charge dépassé',
      'Le ticket 1043 attend votre réponse',
      'Le ticket 1043 est résolu : donnez votre avis',
      'Dernier jour pour donner préavis : 30 juin 2027',
      'Nouvelle demande d’évolution « Mail migration »',
      'Évolution « Mail migration » : Proposée',
      'Avenant (version 2) proposé par Antoine Garnier, à contresigner',
      'Le client reconduit le contrat à la fin de la période (31 déc. 2027)',
      'Facture F-2026-0052 à approuver ou contester : 2 écarts',
      'Facture F-2026-0052 contestée par Marc Dubois',
      'Avoir AV-2026-001 approuvé par Marc Dubois',
      'Facture F-2026-0061 payée le 15 mai 2027',
      'Revue 2027-Q1 préparée par Marc Dubois, à approuver',
      'Revue 2027-Q1 approuvée par Marc Dubois, en attente de votre approbation',
      'Revue 2027-Q1 modifiée par Marc Dubois : à approuver de nouveau',
      'Revue 2027-Q1 approuvée par les deux parties et clôturée',
      'Action en retard : Update the DRP',
      'Prise en charge : « Quality assurance plan » accepté par Antoine Garnier, à accepter',
      'Prise en charge : tous les éléments de la checklist sont acceptés, la phase peut être clôturée',
      'Réversibilité : clôture acceptée par Marc Dubois, à accepter',
      'Tableau de bord de 2027-03 : les chiffres du mois sont définitifs',
    ])
    expect(read('fr')(oneOfEachKind[17]!).detail).toBe('Antoine Garnier, attendue le 31 mars 2027')
    expect(read('fr')(oneOfEachKind[4]!).detail).toBe('90 jours restants')
    expect(read('fr')(oneOfEachKind[12]!).detail).toBe('15\u202f840,00\u00a0€ TTC')
  })

  it('count the days left to give notice down to the last day, and past it', () => {
    const deadline = (noticeDeadline: string) => notificationOf({ id: 'n', kind: 'noticeDeadlineApproaching', data: { daysBefore: 7, noticeDeadline } })
    expect(read('en')(deadline('2027-04-02')).detail).toBe('1 day left')
    expect(read('en')(deadline('2027-04-01')).detail).toBe('Today is the last day')
    expect(read('en')(deadline('2027-03-31')).detail).toBe('The deadline has passed')
  })

  it('read the other outcomes of an invoice, a decision and an approval', () => {
    const en = read('en')
    expect(en(notificationOf({ id: 'n', kind: 'invoiceControlled', subject: { type: 'invoice', id: 'inv-5', label: 'F-7' }, data: { number: 'F-7', hasDiscrepancies: false, discrepancyCount: 0 } })))
      .toEqual({ title: 'Invoice F-7 to approve: compliant', to: '/invoices/inv-5' })
    expect(en(notificationOf({ id: 'n', kind: 'invoiceControlled', subject: { type: 'invoice', id: 'inv-5', label: 'F-7' }, data: { number: 'F-7', hasDiscrepancies: true, discrepancyCount: 1 } })).title)
      .toBe('Invoice F-7 to approve or dispute: 1 discrepancy')
    expect(en(notificationOf({ id: 'n', kind: 'invoiceApproved', subject: { type: 'invoice', id: 'inv-5', label: 'F-7' }, data: { number: 'F-7', invoiceKind: 'invoice', approvedBy: 'Marc Dubois' } })).title)
      .toBe('Invoice F-7 approved by Marc Dubois')
    expect(en(notificationOf({ id: 'n', kind: 'renewalDecided', data: { decision: 'terminate', periodEnd: '2027-12-31' } })))
      .toEqual({ title: 'The client terminates the contract at the end of the period (Dec 31, 2027)', to: '/contracts/c-1' })
  })

  it('still read a kind this version does not know, and open what it names', () => {
    const en = read('en')
    expect(en(notificationOf({ id: 'n', kind: 'reviewToApprove', subject: { type: 'contract', id: 'c-1', label: '2027-Q2' } })))
      .toEqual({ title: 'New notification: 2027-Q2', to: '/contracts/c-1' })
    expect(en(notificationOf({ id: 'n', kind: 'ticketReopened', subject: { type: 'ticket', id: 'tk-9', label: '' }, data: { number: 7 } })))
      .toEqual({ title: 'New notification', to: '/tickets/tk-9' })
    expect(en(notificationOf({ id: 'n', kind: 'somethingElse', subject: { type: 'meeting', id: 'm-1', label: '' } })).to).toBe('/contracts/c-1')
  })
})
