// Drives the HealthSync web app in Debian's Chromium, as a person on a phone would, and prints one JSON object of
// what it saw. The xunit test (tests/HealthSync.Tests/Server/BrowserTests.cs) starts the real server and the
// stand-in, prepares the state, runs this, and asserts on the JSON; screenshots go to the folder given.
//   node flows.mjs BASE_URL SETUP_CODE PASSWORD SCREENSHOT_DIR EXPORT_ZIP
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, code, password, shots, exportZip] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const seen = {};
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  // A phone-sized window: the pages must work there.
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  // First start: the sign-in link leads to the set-up page; set the password.
  await page.goto(`${base}setup?code=${code}`);
  await shot('1-first-start');
  await page.fill('input[name=password]', password);
  await page.fill('input[name=confirm]', password);
  await page.click('button:has-text("Set password")');
  await page.waitForURL('**/phone');
  seen.phoneUrl = await page.textContent('#push-url');
  seen.phoneHeader = await page.textContent('#push-header');
  seen.phoneText = await page.textContent('main');
  await shot('2-phone-setup');

  // Settings: turn Running on, save, and see it kept.
  await page.click('nav >> text=Settings');
  seen.runningBefore = await page.isChecked('input[name=sport-running]');
  await page.check('input[name=sport-running]');
  await page.click('button:has-text("Save")');
  await page.waitForURL('**/settings?saved=1');
  seen.runningAfter = await page.isChecked('input[name=sport-running]');
  seen.settingsText = await page.textContent('main');
  await shot('3-settings');

  // History: the failed workout and its reason.
  await page.click('nav >> text=History');
  await page.click('text=failed');
  seen.failedRows = await page.$$eval('tr.failed', rows => rows.map(r => r.textContent));
  await shot('4-history-failed');

  // Status: Sync now, then the live line reports the result without a reload.
  await page.click('nav >> text=Status');
  await page.click('button:has-text("Sync now")');
  await page.waitForURL('**/?started=sync');
  // A locator wait, not waitForFunction: the page's Content-Security-Policy (script-src 'self') forbids the eval that
  // waitForFunction polls with, and the test must see the page as a user's browser does.
  await page.locator('#last').filter({ hasText: /1 uploaded/ }).waitFor({ timeout: 20000 });
  seen.last = await page.textContent('#last');
  await shot('5-status-after-sync-now');

  await page.click('nav >> text=History');
  seen.historyText = await page.textContent('main');
  seen.activityLinks = await page.$$eval('a[href^="https://intervals.icu/activities/"]', links => links.map(a => a.href));
  await shot('6-history');

  // Backfill: upload an export; the preview is a worker job whose page follows it live and reloads itself once the
  // dry run is done. A locator wait again (the CSP forbids waitForFunction), on the result that only a finished
  // preview shows. Not started: the history above must stay as it is.
  await page.click('nav >> text=Backfill');
  await page.setInputFiles('input[name=file]', exportZip);
  await page.click('button:has-text("Upload and preview")');
  await page.waitForURL('**/backfill/preview?file=*');
  await page.locator('#preview-result').waitFor({ timeout: 60000 });
  seen.previewText = await page.textContent('main');
  seen.previewRows = await page.$$eval('tbody tr', rows => rows.map(r => r.textContent));
  await shot('7-backfill-preview');
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
