// The dashboard in a real browser: Debian's chromium, headless, driven by
// playwright-core. usage: node dashboard.test.mjs BASE_URL OUT_DIR STORY.json
// Each test prints "ok NAME" or "FAIL NAME: why"; the last line is
// "web: N passed, M failed". Screenshots are written to OUT_DIR.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base, out, storyPath] = process.argv.slice(2);
const story = JSON.parse(readFileSync(storyPath, 'utf8'));
const ANALYST = 'analyst-web-token-0123456789';
const INVEST = 'investigator-web-token-0123456789';
// Flags for a closed network: no background connections, no updates.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const results = [];
const errors = [];

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function test(name, fn) {
  try {
    await fn();
    results.push(true);
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push(false);
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
}

async function signIn(page, token) {
  await page.goto(`${base}#/signin`);
  await page.fill('#token', token);
  await page.click('#signin-form button[type=submit]');
}

async function shot(page, name) {
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => {
  if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
});
let top = null;

await test('a bad token is refused', async () => {
  await signIn(page, 'this-is-not-a-valid-token');
  await page.waitForSelector('#signin-error:not([hidden])');
  assert((await page.textContent('#signin-error')).includes('not valid'), 'no error message');
  assert(page.url().endsWith('#/signin'), 'left the sign-in page');
  errors.length = 0; /* the refused token's 401 is expected */
});

await test('sign in and see 10,000 people ranked, pseudonymised', async () => {
  const t0 = Date.now();
  await signIn(page, ANALYST);
  await page.waitForSelector('#people tbody tr[data-pseudonym]');
  const ms = Date.now() - t0;
  const rows = await page.$$('#people tbody tr[data-pseudonym]');
  assert(rows.length === 50, `${rows.length} rows on the first page`);
  const range = await page.textContent('#range');
  assert(range.includes('of 10,000'), `range says ${range}`);
  top = await page.getAttribute('#people tbody tr:first-child', 'data-pseudonym');
  assert(/^[a-z]+-[a-z]+-\d{4}$/.test(top), `pseudonym ${top}`);
  const text = await page.textContent('body');
  for (const e of story.farm_emails) assert(!text.includes(e), `${e} shown before any reveal`);
  const firstReasons = await page.textContent('#people tbody tr:first-child .reasons');
  assert(firstReasons.includes('farm.shared_ip'), 'top reasons missing');
  const bars = await page.$$('#people .scorebar .fill.high');
  assert(bars.length >= 5, 'score bars missing');
  assert(ms < 5000, `took ${ms} ms`);
  await shot(page, 'people');
});

await test('search and page through the list', async () => {
  await page.fill('#search', 'farm.shared_ip');
  await page.waitForFunction(() => document.querySelectorAll('#people tbody tr[data-pseudonym]').length === 5);
  await page.fill('#search', '');
  await page.waitForFunction(() => document.querySelectorAll('#people tbody tr[data-pseudonym]').length === 50);
  const t0 = Date.now();
  await page.click('.pager button:last-child');
  await page.waitForFunction(() => document.getElementById('range').textContent.startsWith('51'));
  assert(Date.now() - t0 < 2000, 'the next page was slow');
});

await test('open a person: timeline, heat map against the stated zone, risk history', async () => {
  await page.goto(`${base}#/person/${top}`);
  await page.waitForSelector('#pseudonym');
  assert((await page.textContent('#pseudonym')).includes(top), 'wrong person');
  assert((await page.$$('#heat .cell')).length === 168, 'heat map is not 7 x 24');
  const caption = await page.textContent('#heat figcaption');
  assert(/stated zone America\//.test(caption), `heat map caption: ${caption}`);
  assert((await page.$$('svg.timeline rect.bar')).length > 10, 'timeline has no bars');
  assert(await page.$('svg.linechart path.line'), 'no risk history line');
  assert(!(await page.$('#reveal')), 'an analyst was offered the reveal button');
  assert((await page.textContent('#reveals')).includes('Never revealed'), 'reveals list');
  await page.click('#heat-utc');
  assert((await page.textContent('#heat figcaption')).includes('UTC'), 'UTC toggle');
  await page.click('#heat-local');
  await shot(page, 'person');
});

await test('an investigator reveals a person and the audit entry appears', async () => {
  await page.click('#signout');
  await signIn(page, INVEST);
  await page.waitForSelector('#people tbody tr[data-pseudonym]');
  await page.goto(`${base}#/person/${top}`);
  await page.waitForSelector('#reveal');
  await page.fill('#reveal-reason', 'browser test: farm review');
  await page.click('#reveal');
  await page.waitForSelector('#identity .revealed-id');
  const who = await page.textContent('#identity');
  assert(story.farm_emails.some((e) => who.includes(e)), `revealed ${who}`);
  await page.waitForSelector('#reveals tr');
  const log = await page.textContent('#reveals');
  assert(log.includes('browser test: farm review') && log.includes('ivy'), `reveals: ${log}`);
  await shot(page, 'reveal');
  await page.goto(`${base}#/audit`);
  await page.waitForSelector('#audit tbody tr');
  const audit = await page.textContent('#audit');
  assert(audit.includes(top) && audit.includes('browser test: farm review'), 'audit page');
  await shot(page, 'audit');
});

await test('the graph of shared infrastructure renders the laptop farm', async () => {
  await page.goto(`${base}#/graph`);
  await page.waitForSelector('#graph[data-ready="1"]');
  const nodes = Number(await page.getAttribute('#graph', 'data-nodes'));
  assert(nodes >= 7, `${nodes} nodes`);
  const first = await page.textContent('#hubs li:first-child');
  assert(/203\.0\.113\.77|PiKVM/.test(first) && first.includes('5 people'), `first hub: ${first}`);
  const painted = await page.$eval('#graph', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
    return n;
  });
  assert(painted > 500, `only ${painted} pixels painted`);
  await page.waitForTimeout(300);
  await shot(page, 'graph');
});

await test('the applicants page renders', async () => {
  await page.goto(`${base}#/applicants`);
  await page.waitForSelector('#applicants-empty, #applicants');
});

await test('an analyst opens the cases list and a case: log, playbook, evidence, candidates', async () => {
  await page.click('#signout');
  await signIn(page, ANALYST);
  await page.waitForSelector('#people tbody tr[data-pseudonym]');
  await page.goto(`${base}#/cases`);
  await page.waitForSelector(`#cases tbody tr[data-case="${story.case}"]`);
  const row = await page.textContent(`#cases tbody tr[data-case="${story.case}"]`);
  assert(row.includes('chain verified') && row.includes('1/6'), `case row: ${row}`);
  const top = await page.textContent(`#cases tbody tr[data-case="${story.case}"] a.pseudo`);
  assert(/^[a-z]+-[a-z]+-\d{4}$/.test(top), `top candidate ${top}`);
  await shot(page, 'cases-list');
  await page.click(`#cases tbody tr[data-case="${story.case}"] td:nth-child(2) a`);
  await page.waitForSelector('#case-log li');
  const kinds = await page.$$eval('#case-log li .chip', (l) => l.map((e) => e.textContent));
  assert(kinds.join(',') === 'case.open,evidence,message,leaked,attribution,playbook,playbook.done',
    `log kinds ${kinds}`);
  assert((await page.$$('#case-playbook li')).length === 6, 'playbook is not 6 steps');
  const done = await page.$$eval('#case-playbook li.done', (l) => l.map((e) => e.dataset.step));
  assert(done.join() === 'preserve', `done steps ${done}`);
  const sha = await page.textContent('#case-evidence tbody tr td.hash');
  assert(/^[0-9a-f]{64}$/.test(sha), `evidence hash ${sha}`);
  const cands = await page.$$eval('#case-candidates tbody tr', (l) => l.map((e) => e.dataset.pseudonym));
  assert(cands.length === story.farm.length && cands[0] === top, `candidates ${cands}`);
  assert((await page.textContent('#case-verify')).includes('chain verified'), 'not verified');
  const text = await page.textContent('body');
  for (const e of story.farm_emails) assert(!text.includes(e), `${e} shown to an analyst`);
  for (const k of story.farm) assert(!text.includes(k), `key ${k} shown to an analyst`);
  await shot(page, 'cases');
  await page.click(`#case-candidates tbody tr:first-child a.pseudo`);
  await page.waitForSelector('#pseudonym');
  assert((await page.textContent('#pseudonym')).includes(top), 'candidate link opened another page');
});

await test('no script errors', async () => {
  assert(!errors.length, errors.join('; '));
});

await browser.close();
const passed = results.filter(Boolean).length;
console.log(`screenshots: ${out}`);
console.log(`web: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
