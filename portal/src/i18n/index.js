import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'
import { datetimeFormats, numberFormats } from './formats.js'

export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
]
const STORAGE_KEY = 'kaohe.language'

function initialLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (LANGUAGES.some((l) => l.code === saved)) {
      return saved
    }
  } catch {
    // storage may be off; 简体中文 is the default anyway
  }
  return 'zh-CN'
}

export function createPortalI18n(locale = initialLanguage()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
    datetimeFormats,
    numberFormats,
  })
}

export function rememberLanguage(code) {
  try {
    localStorage.setItem(STORAGE_KEY, code)
  } catch {
    // not remembered; the choice still holds for this page
  }
  document.documentElement.lang = code
}
