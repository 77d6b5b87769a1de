// Draws every model in workflow/src/main/resources/bpmn/ to docs/bpmn/<model>.png, the way bpmn-js (and so the
// portal and Camunda Modeler) draws it, in Debian's chromium. How to run it: docs/bpmn/README.md.
import { createRequire } from 'node:module'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

// playwright-core and bpmn-js are the portal's (its browser tests use the one, its diagrams the other).
const require = createRequire(new URL('../../portal/package.json', import.meta.url))
const { chromium } = require('playwright-core')
const VIEWER = process.env.BPMN_JS_VIEWER || require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js')
const MODELS = fileURLToPath(new URL('../../workflow/src/main/resources/bpmn/', import.meta.url))
const OUT = fileURLToPath(new URL('./', import.meta.url))

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
})
try {
  const page = await browser.newPage()
  for (const file of (await readdir(MODELS)).filter(f => f.endsWith('.bpmn')).sort()) {
    await page.setContent('<html><body style="margin:0;background:#fff"><div id="canvas"></div></body></html>')
    await page.addScriptTag({ path: VIEWER })
    const xml = await readFile(MODELS + file, 'utf8')
    const { svg, warnings } = await page.evaluate(async xml => {
      const viewer = new BpmnJS({ container: '#canvas' })
      const { warnings } = await viewer.importXML(xml)
      return { ...(await viewer.saveSVG()), warnings: warnings.map(w => w.message) }
    }, xml)
    if (warnings.length) throw new Error(`${file}: ${warnings.join('; ')}`)
    await page.setContent(`<html><body style="margin:0;background:#fff"><div id="d" style="display:inline-block;padding:12px">${svg}</div></body></html>`)
    const png = OUT + file.replace(/\.bpmn$/, '.png')
    await page.locator('#d').screenshot({ path: png })
    console.log(png)
  }
} finally {
  await browser.close()
}
