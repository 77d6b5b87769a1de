import { createApp } from 'vue'
import {
  ElAlert, ElButton, ElCard, ElConfigProvider, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDrawer, ElEmpty,
  ElForm, ElFormItem, ElInput, ElInputNumber, ElLoading, ElOption, ElPagination, ElProgress, ElRadio, ElRadioButton, ElRadioGroup, ElSelect,
  ElSwitch, ElTable, ElTableColumn, ElTag, ElTooltip,
} from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { createPortalI18n, rememberLanguage } from './i18n/index.js'
import { createPortalRouter } from './router.js'
import { configureApi } from './api/http.js'
import { login } from './session.js'
import './styles.css'

const i18n = createPortalI18n()
rememberLanguage(i18n.global.locale.value)
configureApi({
  language: () => i18n.global.locale.value,
  onUnauthorized: () => login(),
})

const app = createApp(App)
// Only the Element Plus components the pages use, so the bundle carries no others.
for (const component of [ElAlert, ElButton, ElCard, ElConfigProvider, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog,
  ElDrawer, ElEmpty, ElForm, ElFormItem, ElInput, ElInputNumber, ElLoading, ElOption, ElPagination, ElProgress, ElRadio,
  ElRadioButton, ElRadioGroup, ElSelect, ElSwitch, ElTable, ElTableColumn, ElTag, ElTooltip]) {
  app.use(component)
}
app.use(i18n).use(createPortalRouter()).mount('#app')
