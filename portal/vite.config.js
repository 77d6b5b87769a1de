import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Components come by name: an <el-…> tag or v-loading in a template, or ElMessage/ElMessageBox in a
// script, is imported where it is used, and so is a component of src/components (<ProblemAlert>,
// <FormDialog> …): no page can use a component nobody registered, and each page's chunk carries only
// what it uses. Element Plus's styles are the one stylesheet main.js loads.
const elementPlus = ElementPlusResolver({ importStyle: false })

// The bundle goes straight into the jar's META-INF/resources/, which the gateway serves at "/".
// Everything the page loads must sit under /assets/ (or be /index.html, /favicon.ico): those are
// the only paths the gateway lets through before login.
export default defineConfig({
  plugins: [
    vue(),
    Components({ dirs: ['src/components', 'src/layout'], resolvers: [elementPlus], dts: false }),
    AutoImport({ resolvers: [elementPlus], dts: false }),
  ],
  base: '/',
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    assetsDir: 'assets',
    // No data: URIs for fonts or scripts: the gateway's CSP allows data: for images only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` against a running platform: the gateway does login, sessions and the APIs.
    proxy: Object.fromEntries(['/api', '/oauth2', '/login', '/logout'].map((p) => [p, {
      target: process.env.PORTAL_GATEWAY || 'http://127.0.0.1:8080',
      changeOrigin: false,
    }])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.js'],
    css: false,
  },
})
