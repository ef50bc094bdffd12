// Issue 13 in the real workbench (code-server, Chromium, the packaged VSIX): with the provider
// "vscode" and a language model provider extension installed beside SeedSmith (the extension-host
// tests' fixture, packaged as a VSIX here, forwarding to the local test teacher), the Teacher
// section lists VS Code's models with no URL and no key; nothing is sent until the person acts;
// picking a model sets the teacher, Generate makes samples through it, the ledger equals what the
// test teacher received, and the review card names the teacher. Ticking two models with weights
// writes the teacher ensemble setting.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { installVsix, startCodeServerWithVsix, type RunningCodeServer } from '../../scripts/support/codeServer.ts';
import { patience } from '../../scripts/support/patience.ts';
import { repoRoot, scratchDir } from '../../scripts/support/runtime.ts';
import { launchChromium } from '../support/browser.ts';
import { startTestTeacher, type TestTeacher } from '../teacher/server.ts';
import { clippedElements } from './newcomerChecks.ts';
import { byTestId, eventually, openSeedSmith, openWorkbench, screenshot, sidebar, textOf, waitForCounts, waitForText } from './journeyWorkbench.ts';
import { journeySteps, pickSeedFileInSidebar } from './journeySteps.ts';

const vsix = process.env['SEEDSMITH_VSIX'];
const shots = path.join(repoRoot, 'test-output', 'e2e');
const BUDGET = 3;
const MODEL = 'seedsmith-lm-teacher';
const MODEL_LABEL = 'SeedSmith test teacher';
const SEED_FILE = 'lm-seeds.jsonl';

let teacher: TestTeacher;
let server: RunningCodeServer;
let browser: Browser;
let page: Page;
let workspace: string;

const step = journeySteps(shots, 'lm', () => page);

/** Packages the fixture language model provider (test/integration/fixtures/lmProvider) as a VSIX with vsce. */
async function packageLmProvider(stateDir: string): Promise<string> {
  const folder = path.join(stateDir, 'lm-provider');
  await cp(path.join(repoRoot, 'test', 'integration', 'fixtures', 'lmProvider'), folder, { recursive: true });
  const out = path.join(stateDir, 'lm-provider.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  await promisify(execFile)(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: folder });
  return out;
}

describe('VS Code language models in the real sidebar: pick the model, generate, the ledger equals what the teacher received', { timeout: patience(600_000) }, () => {
  before(async () => {
    assert.ok(vsix, 'SEEDSMITH_VSIX must name the packaged extension (npm test sets it)');
    await mkdir(shots, { recursive: true });
    teacher = await startTestTeacher({ latencyMs: 20 });
    const stateDir = await scratchDir('lm');
    workspace = path.join(stateDir, 'workspace');
    await mkdir(workspace, { recursive: true });
    const seeds = [0, 1, 2].map((i) => JSON.stringify({ question: `Mia has ${i + 3} apples and picks ${i + 6} more. How many apples does Mia have?`, answer: `Mia has ${2 * i + 9}.\n#### ${2 * i + 9}` }));
    await writeFile(path.join(workspace, SEED_FILE), `${seeds.join('\n')}\n`);
    // The provider extension first, into the profile SeedSmith's VSIX then joins.
    await installVsix(await packageLmProvider(stateDir), stateDir, path.join(stateDir, 'extensions'), path.join(stateDir, 'user-data'));
    server = await startCodeServerWithVsix(vsix, {
      stateDir,
      workspace,
      // The provider reads the teacher's URL from its environment (it cannot be given a command's arguments here).
      env: { SEEDSMITH_TEST_LM_URL: teacher.url },
      settings: {
        'seedsmith.teacher.provider': 'vscode',
        'seedsmith.budget.teacherQueries': BUDGET,
        'seedsmith.generation.strategy': 'answer-augmentation',
        'seedsmith.generation.concurrency': 2,
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(patience(30_000));
    await openWorkbench(page, server.url, workspace);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await teacher?.close();
  });

  step('1. the Teacher section lists VS Code\'s models, asks for no URL or key, and nothing is sent before the person acts', async () => {
    await openSeedSmith(page);
    const v = sidebar(page);
    await pickSeedFileInSidebar(page, SEED_FILE);

    await waitForText(byTestId(v, 'endpoint'), 'VS Code language models', 'the provider');
    const models = byTestId(v, 'lm-models');
    await models.waitFor({ timeout: patience(30_000) });
    const options = await models.locator('vscode-option').allTextContents();
    assert.deepEqual(options.map((o) => o.trim()), ['Choose a model…', MODEL_LABEL, 'SeedSmith second test teacher']);
    assert.equal(await byTestId(v, 'set-api-key').count(), 0, 'no key to set');
    await waitForText(byTestId(v, 'run-blocked'), /teacher model/i, 'Generate waits for a model');
    assert.equal(teacher.stats().totals.requests, 0, 'listing the models sent nothing');
    await screenshot(page, shots, 'lm-1-models-listed');
  });

  step('2. picking the model sets the teacher (and still sends nothing)', async () => {
    const v = sidebar(page);
    await byTestId(v, 'lm-models').click();
    await v.locator('vscode-option', { hasText: new RegExp(`^\\s*${MODEL_LABEL}\\s*$`) }).click();
    await waitForText(byTestId(v, 'teacher-model'), MODEL, 'the teacher model after the pick');
    await eventually('Generate to be possible', () => byTestId(v, 'run-blocked').count(), (n) => n === 0);
    assert.equal(teacher.stats().totals.requests, 0, 'choosing a model sent nothing');
  });

  step(`3. Generate makes ${BUDGET} samples through the VS Code model; the ledger equals what the test teacher received; the card names the teacher`, async () => {
    const v = sidebar(page);
    await byTestId(v, 'generate').click();
    await waitForText(byTestId(v, 'run-summary'), `Done: ${BUDGET} new samples to review.`, 'the run result', 60_000);
    await waitForCounts(v, { pending: BUDGET, accepted: 0, rejected: 0 }, 'after the run');
    const received = teacher.stats().totals.completions;
    assert.equal(received, BUDGET, 'the test teacher answered each planned query once');
    await waitForText(byTestId(v, 'budget-summary'), `${received} / ${BUDGET} teacher queries · 0 left`, 'the ledger in the Budget line');
    assert.equal(await textOf(byTestId(v, 'card-teacher')), `Teacher: ${MODEL}`);
    await screenshot(page, shots, 'lm-3-generated');
  });

  step('4. ticking two models with weights 3 and 1 writes the ensemble setting the editor\'s runs split by', async () => {
    const v = sidebar(page);
    const SECOND = 'seedsmith-lm-teacher-2';
    // The section is folded while the review is open: a click unfolds it.
    if ((await byTestId(v, 'ensemble').count()) === 0 || !(await byTestId(v, 'ensemble').isVisible())) await v.locator('details.section.teacher > summary').click();
    const tick = (model: string) => v.locator(`[data-testid="ensemble-model"][data-model="${model}"]`);
    const weight = (model: string) => v.locator(`[data-testid="ensemble-weight"][data-model="${model}"] input`);
    await weight(MODEL).fill('3');
    await weight(MODEL).press('Enter');
    await tick(MODEL).click();
    // Each tick writes the setting and the section is drawn again from it.
    await eventually('the first model ticked', () => tick(MODEL).getAttribute('checked'), (checked) => checked !== null);
    await tick(SECOND).click();
    await waitForText(byTestId(v, 'ensemble-state'), `In use: ${MODEL} × 3, ${SECOND} × 1.`, 'the ensemble in use');
    const settings = JSON.parse(await readFile(path.join(workspace, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(settings['seedsmith.teacher.ensemble'], [{ model: MODEL, weight: 3 }, { model: SECOND, weight: 1 }]);
    await waitForText(byTestId(v, 'teacher-model'), MODEL, 'the ensemble\'s first model is the run\'s teacher');
    assert.equal(teacher.stats().totals.requests, BUDGET, 'choosing teachers sent nothing');
    assert.equal(await byTestId(v, 'lm-models').getAttribute('disabled'), '', 'one pick would change nothing while the ensemble is in use');
    assert.deepEqual(await clippedElements(v.locator('html')), [], 'nothing clipped at the default sidebar width');
    await screenshot(page, shots, 'lm-4-ensemble');
  });
});
