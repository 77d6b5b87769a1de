import { createApp, defineComponent, h } from 'vue'
import { createPortalI18n } from '../i18n/index.js'

/**
 * Runs a composable inside a mounted component (with the portal's i18n and any other plugins) and
 * answers what it returned, with {@code unmount}.
 */
export function withSetup(composable, { language = 'zh-CN', plugins = [] } = {}) {
  let result
  const app = createApp(defineComponent({
    setup() {
      result = composable()
      return () => h('div')
    },
  }))
  app.use(createPortalI18n(language))
  for (const plugin of plugins) app.use(plugin)
  app.mount(document.createElement('div'))
  return { result, unmount: () => app.unmount() }
}
