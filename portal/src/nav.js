// The side navigation. Each entry names the roles that see it (none: everyone). Pages of the
// issue that are not built yet are not listed: a menu entry must lead somewhere that works.
export const NAV = [
  { path: '/inbox', label: 'nav.inbox' },
  { path: '/assessments', label: 'nav.assessments', roles: ['unit-reporter', 'unit-head', 'dept-reviewer', 'inspector', 'office-admin', 'leader'] },
  { path: '/decision-import', label: 'decisionImport.nav', roles: ['dept-reviewer', 'inspector'] },
  { path: '/cockpit', label: 'cockpit.nav', roles: ['leader', 'office-admin'] },
  { path: '/results', label: 'nav.results', roles: ['office-admin', 'leader'] },
  { path: '/past-years', label: 'pastYears.nav', roles: ['office-admin'] },
  { path: '/cycles', label: 'nav.cycles', roles: ['office-admin', 'leader'] },
  { path: '/surveys', label: 'survey.nav', roles: ['office-admin', 'leader'] },
  { path: '/approvals', label: 'nav.approvals', roles: ['leader'] },
  { path: '/bonus', label: 'bonus.nav', roles: ['unit-reporter', 'unit-head', 'dept-reviewer', 'office-admin', 'leader'] },
  { path: '/appeals', label: 'appeals.nav', roles: ['unit-reporter', 'unit-head', 'dept-reviewer', 'office-admin', 'leader'] },
  { path: '/rectifications', label: 'nav.rectifications', roles: ['unit-reporter', 'unit-head', 'inspector', 'office-admin', 'leader'] },
  { path: '/inspections', label: 'inspection.nav', roles: ['inspector'] },
  { path: '/chases', label: 'inspection.chasesNav', roles: ['office-admin'] },
  { path: '/proposals', label: 'yearend.navProposals', roles: ['office-admin'] },
  { path: '/score-sheet', label: 'yearend.navScoreSheet', roles: ['unit-reporter', 'unit-head', 'office-admin', 'leader'] },
  { path: '/rubrics', label: 'nav.rubrics' },
  { path: '/roster', label: 'rosterAdmin.nav', roles: ['office-admin'] },
  { path: '/notifications', label: 'nav.notifications' },
  { path: '/deliveries', label: 'nav.deliveries', roles: ['office-admin'] },
  { path: '/audit', label: 'nav.audit', roles: ['audit-admin'] },
  { path: '/accounts', label: 'accounts.nav', roles: ['system-admin'] },
]

export function navFor(me, hasAnyRole) {
  return NAV.filter((item) => hasAnyRole(me, item.roles))
}
