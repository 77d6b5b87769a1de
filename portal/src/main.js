import { createApp } from 'vue'
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

// Element Plus and our own components are imported where a template names them (vite.config.js).
const app = createApp(App)
app.use(i18n).use(createPortalRouter()).mount('#app')
