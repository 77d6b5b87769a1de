import { describe, it, expect } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import RubricTree from './RubricTree.vue'
import { createPortalI18n } from '../i18n/index.js'
import { errorsByNode, childrenMismatch, applicabilityWording, formatPoints } from './rubricTree.js'

// A small system shaped like seed 004: 一级 → 二级 → items, one item in two category variants.
const roots = [
  {
    code: '1', title: '政治建设', points: 35, appliesTo: [], children: [
      {
        code: '1.2', title: '加强和规范党内政治生活', points: 10, appliesTo: [], children: [
          {
            code: '1.2.1', title: '严格执行组织生活制度', points: 5, appliesTo: [], assessingDepartments: ['swzzb', 'swbgs'],
            rule: { type: 'deduction-per-incident', deductionPerIncident: 0.1, wording: '每发生1起扣0.1分，扣完为止' },
            deadline: '12月底', acceptedEvidence: '提供文件、现场照片和新闻报道等资料', children: [],
          },
          {
            code: '1.2.2', title: '严格落实民主集中制', points: 3, appliesTo: ['county'], assessingDepartments: ['swbgs'],
            rule: { type: 'judged', wording: '根据完成情况计分' }, children: [],
          },
          {
            code: '1.2.3', title: '严格落实民主集中制（园区）', points: 3, appliesTo: ['yibin', 'gaoxin'], assessingDepartments: ['swbgs'],
            rule: { type: 'judged', wording: '根据完成情况计分' }, children: [],
          },
        ],
      },
    ],
  },
  { code: '2', title: '思想建设', points: 4, appliesTo: [], children: [
    { code: '2.1', title: '理论学习', points: 3, appliesTo: [], children: [] },
  ] },
]
const wordings = { '适用于9县(市)6区': ['county'], '适用于高新区、伊滨区、龙门园区': ['gaoxin', 'yibin'] }

function mountTree(props = {}) {
  return mount(RubricTree, {
    props: { roots, categories: ['county', 'yibin', 'gaoxin'], applicabilityWordings: wordings, ...props },
    global: { plugins: [createPortalI18n('zh-CN'), ElementPlus] },
  })
}
const codes = (wrapper) => wrapper.findAll('[role="treeitem"]').map((n) => n.attributes('data-code'))

describe('RubricTree', () => {
  it('opens the top level at first and shows each indicator with its points', () => {
    const tree = mountTree()
    expect(codes(tree)).toEqual(['1', '1.2', '2', '2.1'])
    expect(tree.find('[data-code="1"] [data-test="points"]').text()).toBe('35 分')
    expect(tree.find('[data-code="1"]').attributes('aria-expanded')).toBe('true')
    expect(tree.find('[data-code="1.2"]').attributes('aria-expanded')).toBe('false')
  })

  it('shows a leaf’s rule wording, assessing departments (lead first), deadline and evidence once expanded', async () => {
    const tree = mountTree()
    await tree.find('[data-code="1.2"] > .row button').trigger('click')
    const leaf = tree.find('[data-code="1.2.1"]')
    expect(leaf.find('[data-test="rule"]').text()).toContain('具体扣分法')
    expect(leaf.find('[data-test="rule"]').text()).toContain('每发生1起扣0.1分，扣完为止')
    expect(leaf.find('[data-test="departments"]').text()).toMatch(/考核单位：swzzb（牵头）、swbgs/)
    expect(leaf.text()).toContain('12月底')
    expect(leaf.text()).toContain('提供文件、现场照片和新闻报道等资料')
  })

  it('words a variant’s categories as the source did (适用于…)', async () => {
    const tree = mountTree()
    await tree.find('[data-test="expand-all"]').trigger('click')
    expect(tree.find('[data-code="1.2.2"] [data-test="applies"]').text()).toBe('适用于9县(市)6区')
    expect(tree.find('[data-code="1.2.3"] [data-test="applies"]').text()).toBe('适用于高新区、伊滨区、龙门园区')
    expect(tree.find('[data-code="1.2.1"] [data-test="applies"]').exists()).toBe(false)
  })

  it('expands and collapses everything', async () => {
    const tree = mountTree()
    await tree.find('[data-test="expand-all"]').trigger('click')
    expect(codes(tree)).toEqual(['1', '1.2', '1.2.1', '1.2.2', '1.2.3', '2', '2.1'])
    await tree.find('[data-test="collapse-all"]').trigger('click')
    expect(codes(tree)).toEqual(['1', '2'])
  })

  it('opens the way to a node with a problem and shows the problem beside it', () => {
    const errors = errorsByNode([{ location: '1.2.1 严格执行组织生活制度', message: '考核单位 xyz 不在名册中' }], roots)
    const tree = mountTree({ errors })
    const node = tree.find('[data-code="1.2.1"]')
    expect(node.exists()).toBe(true)
    expect(node.find('[data-test="node-problems"]').text()).toBe('考核单位 xyz 不在名册中')
  })

  it('warns where children do not add up to their parent', () => {
    const tree = mountTree()
    expect(tree.find('[data-code="2"] [data-test="mismatch"]').text()).toContain('下级合计 3 分')
    expect(tree.find('[data-code="1"] > [data-test="mismatch"]').exists()).toBe(true) // 10 of 35 here
  })

  it('speaks English when asked', () => {
    const tree = mount(RubricTree, {
      props: { roots, categories: [], applicabilityWordings: {} },
      global: { plugins: [createPortalI18n('en'), ElementPlus] },
    })
    expect(tree.find('[data-code="1"] [data-test="points"]').text()).toBe('35 pts')
    expect(tree.find('[data-test="expand-all"]').text()).toBe('Expand all')
  })
})

describe('tree helpers', () => {
  it('groups problems by the node code that starts their location; the rest are the header’s', () => {
    const grouped = errorsByNode([
      { location: '1.2 加强和规范党内政治生活', message: 'a' },
      { location: 'title', message: 'b' },
      { location: '9.9 不存在', message: 'c' },
    ], roots)
    expect(Object.keys(grouped).sort()).toEqual(['', '1.2'])
    expect(grouped[''].map((e) => e.message)).toEqual(['b', 'c'])
  })

  it('sums points exactly in hundredths and ignores category variants', () => {
    expect(childrenMismatch({ points: 0.3, children: [{ points: 0.1 }, { points: 0.2 }] })).toBeNull()
    expect(childrenMismatch({ points: 1, children: [{ points: 0.35 }, { points: 0.3 }] })).toBe('0.65')
    expect(childrenMismatch(roots[0].children[0])).toBeNull()
    expect(applicabilityWording(['yibin', 'gaoxin'], wordings)).toBe('适用于高新区、伊滨区、龙门园区')
    expect(formatPoints('35.00')).toBe('35')
  })
})
