import { createRouter, createWebHashHistory } from 'vue-router'
import { session, hasAnyRole } from './session.js'

// Hash routing: the gateway serves only "/" (index.html) and /assets/**, so a reload of
// "#/rubrics/…" works without a history-mode fallback on the gateway.
export const routes = [
  { path: '/', redirect: '/inbox' },
  { path: '/inbox', name: 'inbox', component: () => import('./pages/inbox/InboxPage.vue'), meta: { title: 'inbox.title' } },
  { path: '/assessments', name: 'assessments', component: () => import('./pages/assessment/SelfAssessmentsPage.vue'), meta: { title: 'assessment.list' } },
  { path: '/assessments/:id', name: 'assessment', component: () => import('./pages/assessment/SelfAssessmentPage.vue'), props: true, meta: { title: 'assessment.self' } },
  { path: '/results', name: 'results', component: () => import('./pages/results/ResultsPage.vue'), meta: { title: 'results.title', roles: ['office-admin', 'leader'] } },
  { path: '/cockpit', name: 'cockpit', component: () => import('./pages/cockpit/CockpitPage.vue'), meta: { title: 'cockpit.title', roles: ['office-admin', 'leader'] } },
  { path: '/past-years', name: 'past-years', component: () => import('./pages/pastyears/PastYearsPage.vue'), meta: { title: 'pastYears.title', roles: ['office-admin'] } },
  { path: '/cycles', name: 'cycles', component: () => import('./pages/cycles/CyclesPage.vue'), meta: { title: 'cycles.title', roles: ['office-admin', 'leader'] } },
  { path: '/cycles/:id', name: 'cycle', component: () => import('./pages/cycles/CyclePage.vue'), props: true, meta: { title: 'cycles.title', roles: ['office-admin', 'leader'] } },
  { path: '/approvals', name: 'approvals', component: () => import('./pages/approvals/ApprovalsPage.vue'), meta: { title: 'approval.title', roles: ['leader', 'office-admin'] } },
  { path: '/decision-import', name: 'decision-import', component: () => import('./pages/decisions/DecisionImportPage.vue'), meta: { title: 'decisionImport.title', roles: ['dept-reviewer', 'inspector'] } },
  { path: '/appeals', name: 'appeals', component: () => import('./pages/appeals/AppealsPage.vue'), meta: { title: 'appeals.title' } },
  { path: '/bonus', name: 'bonus', component: () => import('./pages/bonus/BonusPage.vue'), meta: { title: 'bonus.title' } },
  { path: '/rectifications', name: 'rectifications', component: () => import('./pages/rectification/RectificationsPage.vue'), meta: { title: 'rectification.title' } },
  { path: '/inspections', name: 'inspections', component: () => import('./pages/inspection/InspectionsPage.vue'), meta: { title: 'inspection.title', roles: ['inspector'] } },
  { path: '/chases', name: 'chases', component: () => import('./pages/inspection/ChasesPage.vue'), meta: { title: 'inspection.chases', roles: ['office-admin'] } },
  { path: '/rubrics', name: 'rubrics', component: () => import('./pages/office/RubricVersionsPage.vue'), meta: { title: 'rubric.versions' } },
  { path: '/rubrics/:id', name: 'rubric', component: () => import('./pages/office/RubricVersionPage.vue'), props: true, meta: { title: 'rubric.tree' } },
  { path: '/rubrics/:id/diff', name: 'rubric-diff', component: () => import('./pages/office/RubricDiffPage.vue'), props: true, meta: { title: 'rubricWork.diffTitle' } },
  { path: '/roster', name: 'roster', component: () => import('./pages/roster/RosterPage.vue'), meta: { title: 'rosterAdmin.title' } },
  { path: '/proposals', name: 'proposals', component: () => import('./pages/yearend/ProposalPage.vue'), meta: { title: 'yearend.proposalTitle', roles: ['office-admin', 'leader'] } },
  { path: '/publication', name: 'publication', component: () => import('./pages/yearend/PublishPage.vue'), meta: { title: 'yearend.publishTitle', roles: ['office-admin', 'leader'] } },
  { path: '/talks', name: 'talks', component: () => import('./pages/yearend/TalkPage.vue'), meta: { title: 'yearend.talkTitle', roles: ['office-admin', 'leader'] } },
  { path: '/score-sheet', name: 'score-sheet', component: () => import('./pages/yearend/ScoreSheetPage.vue'), meta: { title: 'yearend.sheetTitle', roles: ['unit-reporter', 'unit-head', 'office-admin', 'leader'] } },
  { path: '/notifications', name: 'notifications', component: () => import('./pages/notifications/NotificationsPage.vue'), meta: { title: 'notifications.title' } },
  { path: '/accounts', name: 'accounts', component: () => import('./pages/accounts/AccountsPage.vue'), meta: { title: 'accounts.title', roles: ['system-admin'] } },
  { path: '/deliveries', name: 'deliveries', component: () => import('./pages/notifications/DeliveryLogPage.vue'), meta: { title: 'deliveries.title', roles: ['office-admin'] } },
  { path: '/audit', name: 'audit', component: () => import('./pages/audit/AuditPage.vue'), meta: { title: 'audit.title', roles: ['audit-admin'] } },
  { path: '/surveys', name: 'surveys', component: () => import('./pages/surveys/SurveysPage.vue'), meta: { title: 'survey.title', roles: ['office-admin', 'leader'] } },
  // The anonymous ballot, opened from a printed QR code: no login (the code is the only credential).
  { path: '/ballot/:code?', name: 'ballot', component: () => import('./pages/surveys/BallotPage.vue'), props: true, meta: { title: 'ballot.title', public: true } },
  { path: '/forbidden', name: 'forbidden', component: () => import('./pages/MessagePage.vue'), props: { kind: 'forbidden' } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/MessagePage.vue'), props: { kind: 'notFound' } },
]

export function createPortalRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes })
  router.beforeEach((to) => {
    if (to.meta.roles && session.me && !hasAnyRole(session.me, to.meta.roles)) {
      return { name: 'forbidden' }
    }
    return true
  })
  return router
}
