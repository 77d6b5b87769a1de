import { describe, it, expect } from 'vitest'
import {
  emptyFindings, emptyFinding, findingsBody, findingsFaults, deductionValue, deductionFault, formFromDraft, totalDeduction,
  inspectionDay, isImage, chaseBody, chaseFaults, chaseDeadline, chaseWhat, chaseUnitCount, lateUnits, SOURCES,
} from './inspection.js'
import { pruneFaults } from '../../composables/faults.js'

const finding = (over = {}) => ({ ...emptyFinding(), itemCode: '1.2', problem: ' 三会一课记录不全 ', source: '实地考察',
  proposedDeduction: '0.5', evidence: [{ evidenceId: 'e-1', fileName: '现场.png' }], ...over })

describe('the findings form', () => {
  it('builds FindingsForm: text trimmed, the deduction a number, evidence as ids', () => {
    const form = { ...emptyFindings('2026-07-15'), summary: ' 听取汇报、实地考察 ', findings: [finding(), finding({ proposedDeduction: '' })] }
    expect(findingsBody(form)).toEqual({
      inspectedOn: '2026-07-15',
      summary: '听取汇报、实地考察',
      findings: [
        { itemCode: '1.2', problem: '三会一课记录不全', source: '实地考察', proposedDeduction: 0.5, evidence: ['e-1'] },
        { itemCode: '1.2', problem: '三会一课记录不全', source: '实地考察', proposedDeduction: null, evidence: ['e-1'] },
      ],
    })
  })

  it('accepts no findings at all (an inspection that found nothing)', () => {
    const body = findingsBody({ ...emptyFindings('2026-07-16'), summary: '未发现问题' })
    expect(body.findings).toEqual([])
    expect(findingsFaults(body)).toEqual({})
  })

  it('places each refusal at the API\'s location', () => {
    const body = findingsBody({ inspectedOn: '', summary: ' ', findings: [finding({ problem: '  ', source: '', itemCode: '' })] })
    expect(Object.keys(findingsFaults(body)).sort()).toEqual(['findings[0].itemCode', 'findings[0].problem', 'findings[0].source',
      'inspectedOn', 'summary'])
    expect(findingsFaults(body)['findings[0].problem']).toEqual({ key: 'inspection.required' })
  })

  it('refuses an item the unit is not assessed on, when its items are known', () => {
    const body = findingsBody({ ...emptyFindings('2026-07-15'), summary: 'x', findings: [finding({ itemCode: '9.9' })] })
    expect(findingsFaults(body, ['1.1', '1.2'])['findings[0].itemCode']).toEqual({ key: 'inspection.unknownItem', args: { code: '9.9' } })
    expect(findingsFaults(body)).toEqual({})
  })

  it('checks lengths and the number of photos as the API does', () => {
    const photos = Array.from({ length: 21 }, (_, i) => ({ evidenceId: 'e' + i }))
    const body = findingsBody({ ...emptyFindings('2026-07-15'), summary: 'x'.repeat(4001),
      findings: [finding({ problem: 'p'.repeat(2001), source: 's'.repeat(201), evidence: photos })] })
    const faults = findingsFaults(body)
    expect(faults.summary).toEqual({ key: 'inspection.tooLong', args: { max: 4000 } })
    expect(faults['findings[0].problem']).toEqual({ key: 'inspection.tooLong', args: { max: 2000 } })
    expect(faults['findings[0].source']).toEqual({ key: 'inspection.tooLong', args: { max: 200 } })
    expect(faults['findings[0].evidence']).toEqual({ key: 'inspection.tooManyPhotos', args: { max: 20 } })
  })

  it('takes a proposed deduction above 0 with at most four digits and two places', () => {
    expect(deductionValue(' 1.25 ')).toBe(1.25)
    expect(deductionValue('')).toBeNull()
    expect(deductionValue('abc')).toBe('abc')
    expect(deductionFault(deductionValue('0.5'))).toBeNull()
    expect(deductionFault(deductionValue('-1'))).toEqual({ key: 'inspection.deductionPositive' })
    expect(deductionFault(deductionValue('0'))).toEqual({ key: 'inspection.deductionPositive' })
    expect(deductionFault(deductionValue('0.125'))).toEqual({ key: 'inspection.deductionDigits' })
    expect(deductionFault(deductionValue('12345'))).toEqual({ key: 'inspection.deductionDigits' })
    expect(deductionFault(deductionValue('1,5'))).toEqual({ key: 'inspection.notANumber' })
    expect(deductionFault(null)).toBeNull()
  })

  it('comes back from its draft as it was saved, and from a malformed one as an empty form', () => {
    const form = { ...emptyFindings('2026-07-15'), summary: '座谈', findings: [finding()] }
    const saved = JSON.parse(JSON.stringify(form))
    expect(formFromDraft(saved, '2026-07-01')).toEqual(form)
    expect(formFromDraft(null, '2026-07-01')).toEqual(emptyFindings('2026-07-01'))
    expect(formFromDraft({ findings: [null, { itemCode: 3, evidence: ['e-9', 7] }] }, '2026-07-01').findings)
      .toEqual([{ itemCode: '', problem: '', source: '', proposedDeduction: '', evidence: [{ evidenceId: 'e-9', fileName: '' }] }])
  })

  it('drops a field\'s message once the field is fixed, and keeps the others', () => {
    const shown = { 'findings[0].problem': '必填', summary: '必填' }
    const body = findingsBody({ ...emptyFindings('2026-07-15'), summary: '', findings: [finding()] })
    expect(pruneFaults(shown, findingsFaults(body))).toEqual({ summary: '必填' })
  })

  it('adds up the proposed deductions to two places', () => {
    expect(totalDeduction({ findings: [finding(), finding({ proposedDeduction: '0.25' }), finding({ proposedDeduction: '' })] })).toBe('0.75')
  })

  it('reads the inspection day from the cycle calendar', () => {
    expect(inspectionDay({ calendar: [{ what: 'Q1', opens: '2026-01-01' }, { what: 'INSPECTION', opens: '2026-07-01', due: '2026-07-31' }] }))
      .toBe('2026-07-01')
    expect(inspectionDay(null)).toBe('')
  })

  it('knows photos and the domain\'s inspection methods', () => {
    expect(isImage({ type: 'image/png', name: 'a' })).toBe(true)
    expect(isImage({ type: '', name: '现场.JPG' })).toBe(true)
    expect(isImage({ type: 'application/pdf', name: 'a.pdf' })).toBe(false)
    expect(SOURCES.map((s) => s.value)).toEqual(['听取汇报', '座谈', '实地考察', '查阅资料'])
  })
})

describe('the chase form', () => {
  it('builds ChaseForm and asks for the note', () => {
    expect(chaseBody({ note: ' 已电话督促 ', contacted: ' ' })).toEqual({ note: '已电话督促', contacted: null })
    expect(chaseFaults(chaseBody({ note: '', contacted: '' }))).toEqual({ note: { key: 'inspection.required' } })
    expect(chaseFaults({ note: 'n'.repeat(2001), contacted: 'c'.repeat(201) })).toEqual({
      note: { key: 'inspection.tooLong', args: { max: 2000 } }, contacted: { key: 'inspection.tooLong', args: { max: 200 } } })
  })

  it('says which deadline the unit missed', () => {
    const cycle = { calendar: [{ what: 'Q1', due: '2026-04-10', dueAt: '2026-04-10T15:59:59Z' }] }
    expect(chaseDeadline({ type: 'UserTask_ChaseLateSubmission', period: 'Q1' }, { cycle }))
      .toEqual({ what: 'submission', deadline: '2026-04-10' })
    const rectifications = [{ rectificationId: 'r1', reportDueAt: '2027-01-31T00:00:00Z',
      ledger: [{ problemId: 'F1', deadline: '2027-03-31', problem: '记录不全' }] }]
    expect(chaseDeadline({ type: 'UserTask_ChaseRectificationReport', rectificationId: 'r1' }, { rectifications }).deadline)
      .toBe('2027-01-31T00:00:00Z')
    expect(chaseDeadline({ type: 'UserTask_ChaseRectificationProgress', rectificationId: 'r1', problemId: 'F1' }, { rectifications }))
      .toEqual({ what: 'progress', deadline: '2027-03-31', problem: '记录不全' })
    expect(chaseDeadline({ type: 'UserTask_ChaseLateRevision', created: '2026-05-01T00:00:00Z' }))
      .toEqual({ what: 'revision', deadline: '2026-05-01T00:00:00Z' })
    expect(chaseDeadline({ type: 'UserTask_ChaseLateSubmission', period: 'Q2' }, { cycle }).deadline).toBeNull()
  })
})

describe('the office\'s chase of a period\'s late units', () => {
  const chase = { id: 'c', type: 'UserTask_ChaseLateUnits', cycleId: 'c1', period: 'Q1', chase: { kind: 'LATE_REVISION', unitCount: 2, units: [
    { unitCode: 'bz-sjw', unitName: '市纪委', missed: 'UserTask_ReviseSelfAssessment', period: 'Q1', subject: 'sfpymj',
      dueAt: '2026-04-10T00:00:00Z', since: '2026-04-10T01:00:00Z' },
    { unitCode: 'bz-zjfy', unitName: null, missed: 'UserTask_ReviseSelfAssessment', period: 'Q1', subject: null,
      dueAt: '2026-04-11T00:00:00Z', since: '2026-04-11T01:00:00Z' }] } }

  it('says what the units are late with and how many it lists', () => {
    expect(chaseWhat(chase)).toBe('revision')
    expect(chaseWhat({ ...chase, chase: { kind: 'OVERDUE_MEASURE' } })).toBe('progress')
    expect(chaseWhat({ type: 'UserTask_ChaseRectificationReport' })).toBe('report')
    expect(chaseWhat({ type: 'UserTask_ChaseLateUnits', chase: null })).toBe('other')
    expect(chaseUnitCount(chase)).toBe(2)
    expect(chaseUnitCount({ type: 'UserTask_ChaseLateSubmission', unitCode: 'bz-sjw' })).toBe(1)
  })

  it('lists each late unit with what it missed, its deadline and since when it is listed', () => {
    expect(lateUnits(chase)).toEqual([
      { unitCode: 'bz-sjw', unitName: '市纪委', what: 'revision', subject: 'sfpymj', deadline: '2026-04-10T00:00:00Z', since: '2026-04-10T01:00:00Z' },
      { unitCode: 'bz-zjfy', unitName: null, what: 'revision', subject: null, deadline: '2026-04-11T00:00:00Z', since: '2026-04-11T01:00:00Z' }])
  })

  it('shows the missed day of the calendar or the ledger, not the moment on a compressed clock', () => {
    const submission = { type: 'UserTask_ChaseLateUnits', chase: { kind: 'LATE_SUBMISSION', units: [{ unitCode: 'bz-sjw',
      missed: 'UserTask_SubmitSelfAssessment', period: 'Q1', dueAt: '2026-12-07T04:00:00Z', since: '2026-12-07T04:00:01Z' }] } }
    expect(lateUnits(submission, { cycle: { calendar: [{ what: 'Q1', due: '2026-04-01' }] } })[0].deadline).toBe('2026-04-01')
    expect(lateUnits(submission)[0].deadline).toBe('2026-12-07T04:00:00Z')
    const measure = { type: 'UserTask_ChaseLateUnits', chase: { kind: 'OVERDUE_MEASURE', units: [{ unitCode: 'bz-sjw',
      missed: 'UserTask_ReportRectificationProgress', subject: 'c1:bz-sjw:grade/P1', dueAt: '2027-04-01T00:00:00Z' }] } }
    const rectifications = [{ rectificationId: 'c1:bz-sjw:grade', ledger: [{ problemId: 'P1', deadline: '2027-03-31', problem: '学习不够' }] }]
    expect(lateUnits(measure, { rectifications })[0]).toMatchObject({ what: 'progress', subject: 'P1 学习不够', deadline: '2027-03-31' })
  })

  it('shows a chase of the models\' earlier versions as its one unit', () => {
    const cycle = { calendar: [{ what: 'Q1', due: '2026-04-10' }] }
    expect(lateUnits({ type: 'UserTask_ChaseLateSubmission', unitCode: 'bz-sjw', unitName: '市纪委', period: 'Q1',
      created: '2026-04-10T01:00:00Z' }, { cycle })).toEqual([{ unitCode: 'bz-sjw', unitName: '市纪委', what: 'submission',
      subject: null, deadline: '2026-04-10', since: '2026-04-10T01:00:00Z' }])
  })
})

describe('the inbox\'s 办理', () => {
  it('opens the inspection task and the office\'s chases in their forms', async () => {
    const { formRoute } = await import('../inbox/tasks.js')
    expect(formRoute({ id: '5', type: 'UserTask_RecordInspectionFindings' })).toEqual({ path: '/inspections', query: { task: '5' } })
    for (const type of ['UserTask_ChaseLateUnits', 'UserTask_ChaseLateSubmission', 'UserTask_ChaseLateRevision',
      'UserTask_ChaseRectificationReport', 'UserTask_ChaseRectificationProgress']) {
      expect(formRoute({ id: '6', type })).toEqual({ path: '/chases', query: { task: '6' } })
    }
  })
})

describe('the menu', () => {
  it('leads inspectors to their inspections and the office to its chases, and no one else', async () => {
    const { navFor } = await import('../../nav.js')
    const { hasAnyRole } = await import('../../session.js')
    const paths = (roles) => navFor({ roles }, hasAnyRole).map((n) => n.path)
    expect(paths(['inspector'])).toContain('/inspections')
    expect(paths(['inspector'])).not.toContain('/chases')
    expect(paths(['office-admin'])).toContain('/chases')
    expect(paths(['office-admin'])).not.toContain('/inspections')
    expect(paths(['unit-reporter'])).not.toContain('/inspections')
  })
})
